import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { CustomDomainHeader, ManagementClient, TimeoutError, type FetchAPI } from "../index.js";
import { InvalidInputError } from "auth0";
import { DOMAIN, ORIGIN, rejection, serve } from "./helpers.js";

afterEach(() => {
  nock.cleanAll();
});

interface Call {
  url: string;
  init: RequestInit & { dispatcher?: unknown };
}

function recordingFetch(respond: (call: Call) => Response | Promise<Response> = () => Response.json({ ok: true })): { fetch: FetchAPI; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      const call = { url: String(url), init: init as Call["init"] };
      calls.push(call);
      return respond(call);
    },
  };
}

describe("the fetch option, as the transport under the chain", () => {
  it("sends every attempt with the given fetch: URL, method, headers, JSON body, signal and the agent as dispatcher", async () => {
    const agent = { name: "my-dispatcher" };
    const { fetch, calls } = recordingFetch(() => Response.json({ user_id: "1" }, { status: 201 }));
    const client = new ManagementClient({ domain: DOMAIN, token: "t", fetch, agent });
    const result = await client.users.create({ email: "a@b.c", connection: "db" });
    expect(result).toMatchObject({ data: { user_id: "1" }, status: 201 });
    expect(calls).toHaveLength(1);
    const [{ url, init }] = calls as [Call];
    expect(url).toBe(`${ORIGIN}/api/v2/users`);
    expect(init.method).toBe("POST");
    expect(init.headers).toMatchObject({ authorization: "Bearer t", "content-type": "application/json" });
    expect(init.body).toBe(JSON.stringify({ email: "a@b.c", connection: "db" }));
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(init.dispatcher).toBe(agent);
  });

  it("keeps retry and the timeout around it", async () => {
    let count = 0;
    const { fetch, calls } = recordingFetch(() => (++count === 1 ? Response.json({ statusCode: 429 }, { status: 429 }) : Response.json({ ok: true })));
    const client = new ManagementClient({ domain: DOMAIN, token: "t", fetch, retry: { maxRetries: 1 } });
    expect((await client.roles.getAll()).data).toEqual({ ok: true });
    expect(calls).toHaveLength(2);

    const hanging: FetchAPI = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    const slow = new ManagementClient({ domain: DOMAIN, token: "t", fetch: hanging, timeoutDuration: 30 });
    expect(await rejection(slow.roles.getAll())).toBeInstanceOf(TimeoutError);
  });

  it("also sends the client-credentials token request", async () => {
    const { fetch, calls } = recordingFetch(({ url }) =>
      url.endsWith("/oauth/token") ? Response.json({ access_token: "cc", expires_in: 3600 }) : Response.json([]),
    );
    await new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "s", fetch }).users.getAll();
    expect(calls.map((call) => call.url)).toEqual([`${ORIGIN}/oauth/token`, `${ORIGIN}/api/v2/users`]);
    expect((calls[1]!.init.headers as Record<string, string>).authorization).toBe("Bearer cc");
  });
});

describe("initOverrides", () => {
  it("merges a RequestInit's headers by name, and hands its other fields to fetch", async () => {
    const { fetch, calls } = recordingFetch();
    const client = new ManagementClient({ domain: DOMAIN, token: "t", fetch, headers: { "x-client": "1" } });
    await client.users.get({ id: "1" }, { headers: { "X-Call": "2" }, cache: "no-store" });
    expect(calls[0]!.init.headers).toMatchObject({ "x-client": "1", "x-call": "2", authorization: "Bearer t" });
    expect(calls[0]!.init.cache).toBe("no-store");
  });

  it("calls a function with the computed init and the call's context, and applies what it returns", async () => {
    const recorded = serve([200, {}]);
    const seen: unknown[] = [];
    const client = new ManagementClient({ domain: DOMAIN, token: "t", headers: { "x-client": "1" } });
    await client.users.update({ id: "auth0|1" }, { name: "Ann" }, async ({ init, context }) => {
      seen.push({ init, context });
      return { method: "PUT", body: JSON.stringify({ name: "Bea" }), headers: { "x-override": "yes" } };
    });
    expect(seen).toEqual([
      {
        init: { method: "PATCH", headers: { "x-client": "1", "Content-Type": "application/json" }, body: { name: "Ann" } },
        context: { path: "/users/auth0%7C1", method: "PATCH", headers: { "Content-Type": "application/json" }, query: {}, body: { name: "Ann" } },
      },
    ]);
    // As in v4, an override body that is not FormData, URLSearchParams or a Blob is sent as JSON: a string too.
    expect(recorded[0]).toMatchObject({ method: "PUT", path: "/api/v2/users/auth0%7C1", body: JSON.stringify(JSON.stringify({ name: "Bea" })) });
    expect(recorded[0]!.headers["x-override"]).toBe("yes");
  });

  it("CustomDomainHeader adds auth0-custom-domain only on the whitelisted paths", async () => {
    const recorded = serve([200, {}]);
    const client = new ManagementClient({ domain: DOMAIN, token: "t" });
    await client.users.get({ id: "1" }, CustomDomainHeader("login.example.com"));
    await client.tickets.changePassword({ user_id: "auth0|1" }, CustomDomainHeader("login.example.com"));
    await client.roles.getAll({}, CustomDomainHeader("login.example.com"));
    expect(recorded.map((request) => request.headers["auth0-custom-domain"])).toEqual(["login.example.com", "login.example.com", undefined]);
  });
});

describe("CustomDomainHeader with an invalid header value", () => {
  it("is refused with InvalidInputError when the helper is made, so the fetch option never sees it (v4 passed a CR/LF on)", () => {
    const { fetch, calls } = recordingFetch();
    new ManagementClient({ domain: DOMAIN, token: "t", fetch });
    for (const domain of ["login.example.com\r\nX-Injected: 1", "login.example.com\n", "a\u0000b", "lögin.例え.com"]) {
      expect(() => CustomDomainHeader(domain), JSON.stringify(domain)).toThrow(InvalidInputError);
    }
    expect(calls).toHaveLength(0);
  });

  it("a header that turns invalid inside an initOverrides function is still refused before the fetch option is called", async () => {
    const { fetch, calls } = recordingFetch();
    const client = new ManagementClient({ domain: DOMAIN, token: "t", fetch });
    const error = await rejection(
      client.users.get({ id: "u1" }, async ({ init }) => ({ headers: { ...init.headers, "auth0-custom-domain": "a\r\nX-Injected: 1" } })),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(calls).toHaveLength(0);
  });
});
