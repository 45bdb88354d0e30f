import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthenticationClient, ManagementClient, ManagementError, NetworkError, ResponseError } from "auth0";
import { startLoopbackServer } from "../helpers/loopback-server.js";
import { countUnhandledRejections, managementFor, NEW_USER, received, useTenant } from "./support.js";

/**
 * Bodies that are not what they claim: JSON cut short (the connection closed before the announced length, or a
 * chunked body that simply ends early), and the HTML error page a proxy or load balancer sends instead of the API's
 * JSON. The caller gets the data after a retry where one is safe, or one error that says what happened.
 */

countUnhandledRejections();
const tenant = useTenant();
let raw: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => {
  raw = await startLoopbackServer();
});
afterAll(() => raw.close());

const NGINX_502 = /^<html>\r\n<head><title>502 Bad Gateway<\/title><\/head>/;

describe("truncated JSON", () => {
  it("cut short by a closed connection on a GET: retried, then the data", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    const user = await client.users.create({ ...NEW_USER, email: "ann@example.com" });
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, fault: { kind: "truncate" } });
    expect((await client.users.get(user.user_id!)).email).toBe("ann@example.com");
    expect(received(t, "GET", "/api/v2/users/")).toBe(2);
  });

  it("cut short on every attempt: one ManagementError saying the connection closed mid-body", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    const user = await client.users.create({ ...NEW_USER, email: "bob@example.com" });
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, times: Infinity, fault: { kind: "truncate", sendBytes: 10 } });
    const error = await client.users.get(user.user_id!).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManagementError);
    expect((error as ManagementError).message).toBe("terminated: other side closed");
    expect(((error as ManagementError).cause as NetworkError).code).toBe("UND_ERR_SOCKET");
    expect(received(t, "GET", "/api/v2/users/")).toBe(3);
  });

  it("cut short on a POST: the user exists, the POST is not replayed, one ManagementError", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    await client.users.list();
    t.faults.inject({ match: { method: "POST", path: "/api/v2/users" }, fault: { kind: "truncate" } });
    const error = await client.users.create({ ...NEW_USER, email: "carol@example.com" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManagementError);
    expect((error as ManagementError).message).toMatch(/terminated/);
    expect(received(t, "POST", "/api/v2/users")).toBe(1);
    expect(t.findUser("carol@example.com")).toBeDefined();
  });

  it("a 200 whose JSON simply ends early (chunked, no error on the wire): 'The response body is not valid JSON', not retried", async () => {
    raw.requests.length = 0;
    raw.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"user_id":"auth0|1","email":"da');
      res.end();
    });
    const client = new ManagementClient({ domain: raw.domain, token: "t" });
    const error = await client.users.get("auth0|1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManagementError);
    expect((error as ManagementError).message).toBe('The response body is not valid JSON\nStatus code: 200\nBody: "{\\"user_id\\":\\"auth0|1\\",\\"email\\":\\"da"');
    expect((error as ManagementError).statusCode).toBe(200);
    expect((error as ManagementError).body).toBe('{"user_id":"auth0|1","email":"da');
    expect(raw.requests).toHaveLength(1);
  });
});

describe("an HTML error page from a proxy", () => {
  it("a 502 page on a GET: retried, then the data", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    const user = await client.users.create({ ...NEW_USER, email: "dan@example.com" });
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, fault: { kind: "html" } });
    expect((await client.users.get(user.user_id!)).email).toBe("dan@example.com");
  });

  it("a 502 page on every attempt: a ManagementError with the status and the page as its body", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users" }, times: Infinity, fault: { kind: "html" } });
    const error = await client.users.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManagementError);
    const failure = error as ManagementError;
    expect(failure.statusCode).toBe(502);
    expect(failure.body).toMatch(NGINX_502);
    expect(failure.message).toMatch(/^Status code: 502\nBody: "<html>/);
    expect(failure.rawResponse?.headers.get("content-type")).toMatch(/text\/html/);
  });

  it("a 502 page on a POST is not replayed; a 503 page is, and the write lands once", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    await client.users.list();
    t.faults.inject({ match: { method: "POST", path: "/api/v2/users" }, fault: { kind: "html", status: 502 } });
    const error = await client.users.create({ ...NEW_USER, email: "erin@example.com" }).catch((caught: unknown) => caught);
    expect((error as ManagementError).statusCode).toBe(502);
    expect(received(t, "POST", "/api/v2/users")).toBe(1);
    t.faults.inject({ match: { method: "POST", path: "/api/v2/users" }, fault: { kind: "html", status: 503 } });
    expect((await client.users.create({ ...NEW_USER, email: "erin@example.com" })).email).toBe("erin@example.com");
    expect(received(t, "POST", "/api/v2/users")).toBe(3);
  });

  it("an HTML page with status 200 (a captive portal): 'The response body is not valid JSON', the page in the error", async () => {
    raw.handle((_req, res) => void res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Sign in to the Wi-Fi</body></html>"));
    const client = new ManagementClient({ domain: raw.domain, token: "t" });
    const error = await client.users.get("auth0|1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManagementError);
    expect((error as ManagementError).message).toMatch(/^The response body is not valid JSON\nStatus code: 200\n/);
    expect((error as ManagementError).body).toBe("<html><body>Sign in to the Wi-Fi</body></html>");
  });

  it("on the Authentication API: a ResponseError with the status and the page", async () => {
    const t = tenant();
    t.faults.inject({ match: { path: "/oauth/token" }, fault: { kind: "html" } });
    const auth = new AuthenticationClient({ domain: t.domain, clientId: t.clientId, clientSecret: t.clientSecret });
    const error = await auth.oauth.clientCredentialsGrant({ audience: t.managementAudience }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).statusCode).toBe(502);
    expect((error as ResponseError).message).toBe("Response returned an error code");
    expect((error as ResponseError).body).toMatch(NGINX_502);
  });
});
