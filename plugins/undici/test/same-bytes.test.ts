import nock from "nock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WireRequest } from "../../../test/helpers/recording-origin.js";
import { TRANSPORTS, authentication, json, management, startRecordingOrigin, type RecordingOrigin, type Transport } from "./support.js";

let origin: RecordingOrigin;
beforeAll(async () => void (origin = await startRecordingOrigin()));
afterAll(() => origin.close());
beforeEach(() => {
  origin.requests.length = 0;
  origin.handle(() => json({ ok: true }));
});

/** A request as bytes that must match: the request line, every header line in order, the body (a multipart boundary, random per request, made neutral). */
function bytesOf(request: WireRequest): string {
  const boundary = /boundary=(\S+)/.exec(String(request.headers["content-type"] ?? ""))?.[1];
  const neutral = (text: string) => (boundary === undefined ? text : text.split(boundary).join("<boundary>"));
  const lines = [`${request.method} ${request.path}`];
  for (let i = 0; i < request.rawHeaders.length; i += 2) lines.push(`${request.rawHeaders[i]}: ${neutral(request.rawHeaders[i + 1]!)}`);
  return `${lines.join("\n")}\n\n${neutral(request.body)}`;
}

/** What each transport put on the wire for `call`, in order. */
async function sentBy(call: (transport: Transport) => Promise<unknown>): Promise<string[][]> {
  const out: string[][] = [];
  for (const transport of TRANSPORTS) {
    origin.requests.length = 0;
    await call(transport);
    out.push(origin.requests.map(bytesOf));
  }
  return out;
}

async function expectSameBytes(call: (transport: Transport) => Promise<unknown>, requests = 1): Promise<string> {
  const [viaFetch, viaUndici] = await sentBy(call);
  expect(viaFetch).toHaveLength(requests);
  expect(viaUndici).toEqual(viaFetch);
  return viaFetch![0]!;
}

describe("the undici plugin puts the same bytes on the wire as the default transport", () => {
  it("a GET with a path that needs encoding and a query", async () => {
    const sent = await expectSameBytes((t) => management(t, origin.origin).users.list({ q: 'email:"a b"', page: 2, per_page: 5, fields: ["a", "b"] as never }));
    expect(sent).toMatch(/^GET \/api\/v2\/users\?/);
    // fetch's own headers are there, as fetch adds them.
    expect(sent).toContain("accept-encoding: gzip, deflate");
    expect(sent).toContain("user-agent: node");
  });

  it("a POST, PATCH and DELETE with and without JSON bodies", async () => {
    await expectSameBytes((t) => management(t, origin.origin).users.create({ connection: "db", email: "a@b.c", user_metadata: { ü: "välue" } }));
    await expectSameBytes((t) => management(t, origin.origin).users.update("auth0|1", { blocked: true }));
    await expectSameBytes((t) => management(t, origin.origin).users.delete("auth0|1"));
    await expectSameBytes((t) => management(t, origin.origin).jobs.verificationEmail.create({ user_id: "auth0|1" }));
  });

  it("a multipart upload (jobs.usersImports.create)", async () => {
    const sent = await expectSameBytes((t) =>
      management(t, origin.origin).jobs.usersImports.create({ users: new Blob(['[{"email":"a@b.c"}]'], { type: "application/json" }), connection_id: "con_1", upsert: true }),
    );
    expect(sent).toMatch(/content-type: multipart\/form-data; boundary=<boundary>/);
    expect(sent).toContain('name="users"; filename="blob"'); // an unnamed Blob, named by FormData as in v5
  });

  it("the client-credentials token request, then the call it authorises", async () => {
    origin.handle((request) => (request.path === "/oauth/token" ? json({ access_token: "minted", expires_in: 86400, token_type: "Bearer" }) : json({ ok: true })));
    await expectSameBytes((t) => management(t, origin.origin, { token: undefined, clientId: "id", clientSecret: "secret" }).roles.list(), 2);
  });

  it("the Authentication API's form and JSON bodies", async () => {
    origin.handle(() => json({ access_token: "a", token_type: "Bearer", expires_in: 60 }));
    await expectSameBytes((t) => authentication(t, origin.origin).oauth.passwordGrant({ username: "u", password: "p", scope: "openid" }));
    await expectSameBytes((t) => authentication(t, origin.origin).passwordless.sendEmail({ email: "a@b.c", send: "code" }));
  });

  it("headers the caller sets: its own user-agent and accept-encoding, a conditional and a ranged request, a host", async () => {
    const headers = { "User-Agent": "my-app/1.0", "Accept-Encoding": "identity", "x-request-id": "r-1" };
    await expectSameBytes((t) => management(t, origin.origin, { headers }).users.get("auth0|1"));
    await expectSameBytes((t) => management(t, origin.origin).users.get("auth0|1", undefined, { headers: { "if-none-match": '"v1"' } }));
    await expectSameBytes((t) => management(t, origin.origin).fetch("/stats/daily", { headers: { range: "bytes=0-10", host: "elsewhere.example.com" } }).then((r) => r.text()));
  });

  it("management.fetch with a text, bytes, URLSearchParams and a streamed body", async () => {
    await expectSameBytes((t) => management(t, origin.origin).fetch("/things", { method: "POST", body: "plain text" }).then((r) => r.text()));
    await expectSameBytes((t) => management(t, origin.origin).fetch("/things", { method: "PUT", body: new Uint8Array([1, 2, 250]) }).then((r) => r.text()));
    await expectSameBytes((t) => management(t, origin.origin).fetch("/things", { method: "POST", body: new URLSearchParams({ a: "1 2" }) }).then((r) => r.text()));
    const stream = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("chunk one,"));
          controller.enqueue(new TextEncoder().encode("chunk two"));
          controller.close();
        },
      });
    const sent = await expectSameBytes((t) =>
      management(t, origin.origin, { maxRetries: 0 })
        .fetch("/things", { method: "POST", body: stream(), duplex: "half" } as RequestInit)
        .then((r) => r.text()),
    );
    expect(sent).toContain("transfer-encoding: chunked");
    expect(sent).toMatch(/chunk one,chunk two$/);
  });
});

describe("over https, as to a real tenant", () => {
  // The loopback server's dispatcher stands in for https://tenant.example.com (plain TCP to 127.0.0.1); fetch gets it
  // as its dispatcher, which nock's fetch interceptor lets through only for a host allowed to connect.
  beforeAll(() => nock.enableNetConnect(/^(127\.0\.0\.1|localhost|tenant\.example\.com)(:\d+)?$/));
  afterAll(() => nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/));

  it("asks for br too, as fetch does over https, and sends the same bytes", async () => {
    const sent = await expectSameBytes((t) => management(t, "tenant.example.com", { agent: origin.dispatcher }).users.get("auth0|1"));
    expect(sent).toContain("host: tenant.example.com");
    expect(sent).toContain("accept-encoding: br, gzip, deflate");
  });
});
