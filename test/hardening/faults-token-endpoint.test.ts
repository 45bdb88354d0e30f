import { describe, expect, it } from "vitest";
import { AuthApiError, FetchError, ResponseError, TimeoutError, TokenEndpointError } from "auth0";
import { countUnhandledRejections, managementFor, received, settleAll, useTenant } from "./support.js";

/**
 * The client-credentials token endpoint failing: 500s, then a 401 `invalid_client`, under concurrent callers. Every
 * caller gets one `TokenEndpointError` that says the token endpoint refused the grant (and why), one token request
 * serves all concurrent callers, no Management API request goes out without a token, and nothing is cached from a
 * failure: the next call, once the endpoint recovers, succeeds.
 */

countUnhandledRejections();
const tenant = useTenant();

describe("a failing token endpoint", () => {
  it("500s, then 401 invalid_client, then recovery: one typed error per caller per round, one token request per round", async () => {
    const t = tenant();
    const { client, waits } = managementFor(t);
    const tokenUrl = `${t.domain}/oauth/token`;

    // Rounds 1 and 2: the endpoint answers 500 every time. A second grant is harmless, so the token request is retried
    // like an idempotent one (maxRetries 2: three attempts), then the failure is shared by every caller.
    for (let round = 0; round < 2; round++) {
      t.faults.inject({ match: { method: "POST", path: "/oauth/token" }, times: 3, fault: { kind: "status", status: 500 } });
      const { fulfilled, rejected } = await settleAll(Array.from({ length: 25 }, () => client.users.list()));
      expect(fulfilled).toHaveLength(0);
      expect(rejected).toHaveLength(25);
      expect(new Set(rejected).size).toBe(1); // one shared failure, not 25 token requests
      const error = rejected[0] as TokenEndpointError;
      expect(error).toBeInstanceOf(TokenEndpointError);
      expect(error).toBeInstanceOf(AuthApiError);
      expect(error.statusCode).toBe(500);
      expect(error.tokenUrl).toBe(tokenUrl);
      expect(error.message).toBe(`The token endpoint ${tokenUrl} refused the client-credentials grant (500): Internal Server Error`);
    }
    expect(t.stats().tokenRequests).toBe(6);
    expect(waits).toHaveLength(4);

    // Round 3: the endpoint refuses the client (a 401 is not retried).
    t.faults.inject({
      match: { method: "POST", path: "/oauth/token" },
      fault: { kind: "status", status: 401, body: { error: "invalid_client", error_description: "Client authentication failed" } },
    });
    const { rejected } = await settleAll(Array.from({ length: 25 }, () => client.users.list()));
    const refused = rejected[0] as TokenEndpointError;
    expect(rejected).toHaveLength(25);
    expect(refused).toBeInstanceOf(TokenEndpointError);
    expect(refused.statusCode).toBe(401);
    expect(refused.error).toBe("invalid_client");
    expect(refused.error_description).toBe("Client authentication failed");
    expect(refused.message).toBe(`The token endpoint ${tokenUrl} refused the client-credentials grant (401): Client authentication failed`);
    expect(t.stats().tokenRequests).toBe(7);
    expect(t.stats().managementRequests).toBe(0); // nothing went out without a token
    expect(waits).toHaveLength(4);

    // Recovery: nothing of the failures was cached.
    const { fulfilled } = await settleAll(Array.from({ length: 25 }, () => client.users.list()));
    expect(fulfilled).toHaveLength(25);
    expect(t.stats().tokenRequests).toBe(8);
  });

  it("a 503 from the token endpoint is retried (it did not act) and the call succeeds", async () => {
    const t = tenant();
    const { client, waits } = managementFor(t);
    t.faults.inject({ match: { path: "/oauth/token" }, times: 2, fault: { kind: "status", status: 503 } });
    await expect(client.users.list()).resolves.toBeDefined();
    expect(received(t, "POST", "/oauth/token")).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it("an HTML page from the token endpoint: a ResponseError that names the token endpoint", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    t.faults.inject({ match: { path: "/oauth/token" }, times: 3, fault: { kind: "html", status: 502 } });
    const error = await client.users.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).statusCode).toBe(502);
    expect((error as Error).message).toBe(`The token endpoint ${t.domain}/oauth/token answered 502 with a body that is not JSON`);
  });

  it("a reset or a timeout at the token endpoint: FetchError / TimeoutError, as the Authentication API reports them", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    t.faults.inject({ match: { path: "/oauth/token" }, times: 3, fault: { kind: "reset", when: "after-body" } });
    const reset = await client.users.list().catch((caught: unknown) => caught);
    expect(reset).toBeInstanceOf(FetchError);
    expect((reset as Error).message).toMatch(/ECONNRESET|other side closed/);
    // The token request runs on the client's budget (a call's own timeoutInSeconds is for the call).
    t.faults.inject({ match: { path: "/oauth/token" }, fault: { kind: "latency", ms: 500 } });
    const { client: hasty } = managementFor(t, { timeoutInSeconds: 0.1 });
    const late = await hasty.users.list().catch((caught: unknown) => caught);
    expect(late).toBeInstanceOf(TimeoutError);
    expect((late as Error).message).toBe("The request was timed out.");
    // And then it works.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(client.users.list()).resolves.toBeDefined();
  });
});
