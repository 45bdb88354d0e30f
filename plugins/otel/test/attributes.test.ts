import { describe, expect, it } from "vitest";
import { redactedUrl } from "../attributes.js";

describe("url.full", () => {
  it("keeps paging numbers and booleans readable and redacts every other query value", () => {
    const url = new URL("https://tenant.example.com/api/v2/users?per_page=50&page=2&include_totals=true&q=email%3A%22ann%40example.com%22&fields=user_id");
    expect(redactedUrl(url)).toBe("https://tenant.example.com/api/v2/users?per_page=50&page=2&include_totals=true&q=REDACTED&fields=REDACTED");
  });

  it("redacts a number under a key that looks like a credential, long numbers, and userinfo", () => {
    const url = new URL("https://user:pw@tenant.example.com/x?otp=123456&code=42&access_token=1&id=12345678901");
    expect(redactedUrl(url)).toBe("https://tenant.example.com/x?otp=REDACTED&code=REDACTED&access_token=REDACTED&id=REDACTED");
  });

  it("leaves a URL without a query as it is", () => {
    expect(redactedUrl(new URL("https://tenant.example.com/api/v2/roles/rol_1"))).toBe("https://tenant.example.com/api/v2/roles/rol_1");
  });
});
