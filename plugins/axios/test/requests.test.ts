import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockTenant, type MockTenant } from "auth0/testing";
import { startLoopbackServer } from "../../../test/helpers/loopback-server.js";
import { managementOver, pathsOf, recordingInstance } from "./support.js";

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
let tenant: MockTenant;
beforeAll(async () => {
  server = await startLoopbackServer();
  tenant = await startMockTenant();
});
afterAll(async () => {
  await server.close();
  await tenant.close();
});
beforeEach(() => {
  server.requests.length = 0;
  tenant.reset();
});

const json = (status: number, body: unknown) => (_req: unknown, res: import("node:http").ServerResponse) =>
  void res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

/** Split a multipart body into its parts' headers and text. */
function multipartParts(contentType: string, body: string) {
  const boundary = /boundary=(.+)$/.exec(contentType)![1]!;
  return body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [head, ...rest] = part.replace(/^\r\n/, "").split("\r\n\r\n");
      return { head: head!, text: rest.join("\r\n\r\n").replace(/\r\n$/, "") };
    });
}

describe("what the axios fetcher sends", () => {
  it("sends the method, the URL with its query, the chain's headers and a JSON body through the user's instance", async () => {
    server.handle(json(201, { user_id: "auth0|1" }));
    const { instance, seen } = recordingInstance();
    const management = managementOver(instance, { domain: server.domain, token: "the-token" });
    const created = await management.users.create(
      { connection: "Username-Password-Authentication", email: "ann@example.com", password: "Passw0rd!long" },
      { headers: { "x-request-id": "r-1" }, queryParams: { fields: "user_id" } },
    );
    expect(created).toEqual({ user_id: "auth0|1" });
    expect(pathsOf(seen)).toEqual(["POST /api/v2/users?fields=user_id"]);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", url: "/api/v2/users?fields=user_id" });
    expect(request!.headers).toMatchObject({ authorization: "Bearer the-token", "content-type": "application/json", "x-request-id": "r-1" });
    expect(request!.headers["auth0-client"]).toEqual(expect.any(String));
    expect(JSON.parse(request!.body)).toEqual({ connection: "Username-Password-Authentication", email: "ann@example.com", password: "Passw0rd!long" });
  });

  it("sends the client-credentials token request through the same instance, form-encoded", async () => {
    const { instance, seen } = recordingInstance();
    const management = managementOver(instance, { domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });
    await management.roles.list();
    expect(pathsOf(seen)).toEqual(["POST /oauth/token", expect.stringMatching(/^GET \/api\/v2\/roles\?/)]);
    const token = tenant.requests.find((request) => request.path === "/oauth/token")!;
    expect(token.status).toBe(200);
    expect(token.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(new URLSearchParams(token.body).get("grant_type")).toBe("client_credentials");
  });

  it("uploads a Blob as multipart/form-data with the runtime's boundary, and the tenant accepts the import", async () => {
    const { instance } = recordingInstance();
    const management = managementOver(instance, { domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });
    const connection = (await management.connections.list({ name: "Username-Password-Authentication" })).data[0]!;
    const users = JSON.stringify([{ email: "imported@example.com", email_verified: true }]);
    const job = await management.jobs.usersImports.create({
      users: new Blob([users], { type: "application/json" }),
      connection_id: connection.id!,
      upsert: true,
    });
    expect(job).toMatchObject({ type: "users_import", status: "pending", connection_id: connection.id });

    const upload = tenant.requests.find((request) => request.path === "/api/v2/jobs/users-imports")!;
    const contentType = String(upload.headers["content-type"]);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=\S+$/);
    expect(Number(upload.headers["content-length"])).toBe(Buffer.byteLength(upload.body));
    const parts = multipartParts(contentType, upload.body);
    expect(parts.map((part) => /name="([^"]+)"/.exec(part.head)![1])).toEqual(["users", "connection_id", "upsert"]);
    expect(parts[0]!.head).toMatch(/filename="blob"/); // an unnamed Blob, named by FormData as in v5
    expect(parts[0]!.head).toMatch(/content-type: application\/json/i);
    expect(parts[0]!.text).toBe(users);
    expect(parts.slice(1).map((part) => part.text)).toEqual([connection.id, "true"]);
  });

  it("sends bytes exactly (a view into a larger buffer included), URLSearchParams form-encoded, and no content type without a body", async () => {
    server.handle(json(200, {}));
    const { instance } = recordingInstance();
    const management = managementOver(instance, { domain: server.domain, token: "t" });
    await management.fetch("/bytes", { method: "PUT", body: new TextEncoder().encode("xxBYTESxx").subarray(2, 7) });
    await management.fetch("/form", { method: "POST", body: new URLSearchParams({ a: "1", b: "two words" }) });
    await management.fetch("/text", { method: "POST", body: "plain" });
    await management.fetch("/empty", { method: "POST" });
    const [bytes, form, text, empty] = server.requests;
    expect(bytes).toMatchObject({ method: "PUT", body: "BYTES" });
    expect(form!.headers["content-type"]).toBe("application/x-www-form-urlencoded;charset=UTF-8");
    expect(form!.body).toBe("a=1&b=two+words");
    expect(text!.headers["content-type"]).toBe("text/plain;charset=UTF-8");
    expect(empty!.headers["content-type"]).toBeUndefined();
    expect(empty!.body).toBe("");
  });
});
