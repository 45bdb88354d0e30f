import { describe, expect, it } from "vitest";

describe(`"Importing the SDK changes no global": the sources, as vitest runs them`, () => {
  it("importing the SDK leaves Reflect as it was: tsyringe gets a private metadata API", async () => {
    const before = Object.getOwnPropertyDescriptors(Reflect);
    const keysBefore = Reflect.ownKeys(Reflect);
    const { ManagementClient } = await import("../../src/index.js");
    new ManagementClient({ domain: "tenant.example.com", token: "t" });
    expect(Reflect.ownKeys(Reflect)).toEqual(keysBefore);
    expect(Object.getOwnPropertyDescriptors(Reflect)).toEqual(before);
    expect("getMetadata" in Reflect).toBe(false);
  });
});
