import { createHash, randomBytes } from "node:crypto";
import { exportPKCS8, exportSPKI, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthApiError,
  AuthenticationClient,
  createLevelledLogger,
  FetchError,
  logging,
  Management,
  ManagementClient,
  ManagementError,
  ManagementTimeoutError,
  TimeoutError,
  TokenEndpointError,
  UserInfoClient,
  UserInfoError,
  type ClientHookName,
  type CoreClient,
} from "auth0";
import { ManagementClient as LegacyManagementClient, ManagementApiError } from "auth0/legacy";
import type { MockTenant } from "auth0/testing";
import { capturingLogger, countUnhandledRejections, NEW_USER, useTenant } from "./support.js";

/**
 * No secret leaves through a side door: every client at `debug` logging, driven end to end against the mock tenant
 * through successes and failures (401, timeouts, resets, a failing token endpoint), and everything an application
 * could print or ship is collected — every log line, every error (message, `String()`, `JSON.stringify()`, its
 * properties and `cause` chain) and every lifecycle hook payload. None may contain a client secret, a password, a
 * bearer/access token, a refresh or ID token, an authorization code, a code_verifier, an OTP, a client assertion or
 * the assertion signing key. The secrets are collected from the test and from what the tenant saw and answered.
 */

const unhandled = countUnhandledRejections();
const tenant = useTenant();

const HOOKS: readonly ClientHookName[] = ["request:start", "request:retry", "request:response", "request:error", "token:refreshed"];
/** Request fields that carry a credential, wherever the tenant saw them (form or JSON bodies). */
const SECRET_FIELDS = [
  "client_secret",
  "client_assertion",
  "password",
  "new_password",
  "code",
  "code_verifier",
  "otp",
  "refresh_token",
  "subject_token",
  "token",
  "access_token",
  "id_token",
];

/** Everything an application could see, as text. */
class Exposure {
  readonly texts: string[] = [];
  readonly #events: unknown[] = [];
  readonly #logs: ReturnType<typeof capturingLogger>[] = [];
  errors = 0;
  hookEvents = 0;

  /** A debug-level logger whose lines are kept. */
  logger(): ReturnType<typeof capturingLogger>["logger"] {
    const captured = capturingLogger();
    this.#logs.push(captured);
    return captured.logger;
  }

  /** Every hook of the client, serialised when it fires and again at the end (the objects may change later). */
  observe<C extends CoreClient>(client: C): C {
    for (const name of HOOKS) {
      client.lifecycle.hook(name, (event: unknown) => {
        this.hookEvents++;
        this.#events.push(event);
        this.texts.push(`${name} ${safeJson(event)}`, deepText(event));
      });
    }
    return client;
  }

  /** The error a call rejects with, recorded in every form a caller might print it. */
  async failure(call: Promise<unknown>): Promise<Error> {
    try {
      await call;
    } catch (error) {
      this.errors++;
      this.texts.push(String(error), safeJson(error), deepText(error));
      if (error instanceof Error) this.texts.push(error.message, error.stack ?? "");
      for (let cause = (error as { cause?: unknown }).cause, depth = 0; cause !== undefined && depth < 10; depth++) {
        this.texts.push(String(cause), safeJson(cause), deepText(cause));
        cause = (cause as { cause?: unknown } | null)?.cause;
      }
      return error as Error;
    }
    throw new Error("expected the call to fail");
  }

  all(): string {
    const logs = this.#logs.flatMap((captured) => captured.lines);
    return [...this.texts, ...this.#events.map((event) => deepText(event)), safeJson(logs), deepText(logs)].join("\n");
  }

  logLines(): number {
    return this.#logs.reduce((total, captured) => total + captured.lines.length, 0);
  }
}

/** Secret values, from the test itself and harvested from every request the tenant received. */
class Secrets {
  readonly #values = new Set<string>();

  add(...values: Array<string | undefined | null>): void {
    for (const value of values) if (typeof value === "string" && value !== "") this.#values.add(value);
  }

  harvest(t: MockTenant): void {
    for (const entry of t.requests) {
      const authorization = entry.headers.authorization;
      if (typeof authorization === "string" && /^bearer /i.test(authorization)) this.add(authorization.slice(7));
      for (const [key, value] of Object.entries(bodyFields(entry.body, String(entry.headers["content-type"] ?? "")))) {
        if (SECRET_FIELDS.includes(key)) this.add(value);
      }
    }
  }

  /** Secrets found in `text`; a short numeric one (an OTP) only as a whole number. */
  foundIn(text: string): string[] {
    return [...this.#values].filter((secret) =>
      /^\d{4,8}$/.test(secret) ? new RegExp(`(?<![0-9])${secret}(?![0-9])`).test(text) : text.includes(secret),
    );
  }

  get size(): number {
    return this.#values.size;
  }

  has(value: string): boolean {
    return this.#values.has(value);
  }
}

function bodyFields(body: string, contentType: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (body === "") return out;
  if (contentType.includes("json")) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed !== null && typeof parsed === "object") {
        for (const [key, value] of Object.entries(parsed)) if (typeof value === "string") out[key] = value;
      }
    } catch {
      // not JSON after all: nothing to harvest
    }
  } else if (contentType.includes("x-www-form-urlencoded")) {
    for (const [key, value] of new URLSearchParams(body)) out[key] = value;
  }
  return out;
}

/** JSON of anything, cycles and BigInts tolerated. */
function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, item: unknown) => {
        if (typeof item === "bigint") return String(item);
        if (item !== null && typeof item === "object") {
          if (seen.has(item)) return "[cycle]";
          seen.add(item);
        }
        return item;
      }) ?? ""
    );
  } catch (error) {
    return `[unserialisable: ${String(error)}]`;
  }
}

/** Every string reachable from `value`: own enumerable properties, headers, URLs, error messages, stacks and causes. */
function deepText(value: unknown): string {
  const out: string[] = [];
  const seen = new WeakSet<object>();
  const walk = (item: unknown, depth: number): void => {
    if (item === null || item === undefined || typeof item === "function" || typeof item === "symbol") return;
    if (typeof item !== "object") {
      out.push(String(item));
      return;
    }
    if (seen.has(item) || depth > 25) return;
    seen.add(item);
    if (item instanceof Headers) return item.forEach((headerValue, name) => void out.push(`${name}: ${headerValue}`));
    if (item instanceof URL || item instanceof URLSearchParams) return void out.push(item.toString());
    if (typeof ReadableStream !== "undefined" && item instanceof ReadableStream) return;
    if (item instanceof Error) {
      out.push(String(item), item.stack ?? "");
      walk(item.cause, depth + 1);
    }
    if (item instanceof Map) for (const [key, entry] of item) (walk(key, depth + 1), walk(entry, depth + 1));
    if (item instanceof Set) for (const entry of item) walk(entry, depth + 1);
    for (const key of Object.keys(item)) {
      out.push(key);
      try {
        walk((item as Record<string, unknown>)[key], depth + 1);
      } catch {
        // a getter that throws shows nothing
      }
    }
  };
  walk(value, 0);
  return out.join("\n");
}

function expectNoSecrets(exposure: Exposure, secrets: Secrets): void {
  const text = exposure.all();
  const found = secrets.foundIn(text).map((secret) => `${secret.slice(0, 12)}… (${secret.length} characters)`);
  expect(found, "secrets found in logs, errors or hook payloads").toEqual([]);
  expect(secrets.size).toBeGreaterThan(2);
  // Not vacuous: the logs are there, masked.
  expect(text).toContain("[REDACTED]");
}

let signingKeyPem = "";
let publicKeyPem = "";
beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  signingKeyPem = await exportPKCS8(privateKey);
  publicKeyPem = await exportSPKI(publicKey);
});
afterAll(() => expect(unhandled.count()).toBe(0));

/** Lines of the PEM body, so a key printed in any wrapping is caught. */
function pemSecrets(pem: string): string[] {
  return pem.split("\n").filter((line) => line.length >= 40 && !line.startsWith("-----"));
}

describe(`"No secret appears in a log line, an error, an error message, a hook payload or a span": the clients' logs, errors and hooks`, () => {
  it("ManagementClient with a client secret: writes, reads, 401, timeout, reset, failing token endpoint", async () => {
    const t = tenant();
    const exposure = new Exposure();
    const secrets = new Secrets();
    const password = `Pw-${randomBytes(9).toString("base64url")}`;
    const newPassword = `Pw-${randomBytes(9).toString("base64url")}`;
    const wrongSecret = `wrong-${randomBytes(24).toString("base64url")}`;
    secrets.add(t.clientSecret, password, newPassword, wrongSecret);
    const options = { domain: t.domain, clientId: t.clientId, clientSecret: t.clientSecret, logging: { level: "debug" as const, logger: exposure.logger() } };
    const management = exposure.observe(new ManagementClient({ ...options, maxRetries: 1 }));

    const user = await management.users.create({ ...NEW_USER, email: "ann@example.com", password });
    await management.users.update(user.user_id!, { password: newPassword });
    const { data } = await management.users.get(user.user_id!).withRawResponse();
    expect(data.email).toBe("ann@example.com");
    for await (const each of await management.users.list({ per_page: 1 })) expect(each.user_id).toBeDefined();

    // 401 twice: the token is dropped, a fresh one fetched, the call replayed once, then the error.
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, times: 2, fault: { kind: "status", status: 401 } });
    expect(await exposure.failure(management.users.get(user.user_id!))).toBeInstanceOf(Management.UnauthorizedError);
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, fault: { kind: "latency", ms: 600 } });
    expect(await exposure.failure(management.users.get(user.user_id!, {}, { timeoutInSeconds: 0.1 }))).toBeInstanceOf(ManagementTimeoutError);
    t.faults.inject({ match: { method: "PATCH" }, fault: { kind: "reset", when: "after-body" } });
    expect(await exposure.failure(management.users.update(user.user_id!, { password }))).toBeInstanceOf(ManagementError);
    t.faults.inject({ match: { method: "GET" }, times: 2, fault: { kind: "html", status: 502 } });
    expect(await exposure.failure(management.users.get(user.user_id!))).toBeInstanceOf(ManagementError);

    // The token endpoint fails (a fresh client has no token yet), then refuses a wrong secret.
    t.faults.inject({ match: { path: "/oauth/token" }, times: 3, fault: { kind: "status", status: 500 } });
    const fresh = exposure.observe(new ManagementClient(options));
    expect(await exposure.failure(fresh.users.get(user.user_id!))).toBeInstanceOf(TokenEndpointError);
    const wrong = exposure.observe(new ManagementClient({ ...options, clientSecret: wrongSecret }));
    expect(await exposure.failure(wrong.users.list())).toBeInstanceOf(TokenEndpointError);

    secrets.harvest(t);
    expect(t.stats().tokenRequests).toBeGreaterThanOrEqual(4);
    expect(exposure.errors).toBe(6);
    expect(exposure.hookEvents).toBeGreaterThan(20);
    expectNoSecrets(exposure, secrets);
  });

  it("ManagementClient with private_key_jwt: assertions and the signing key never show", async () => {
    const t = tenant();
    const exposure = new Exposure();
    const secrets = new Secrets();
    secrets.add(signingKeyPem, ...pemSecrets(signingKeyPem));
    const app = t.createClient({ publicKeyPem, scopes: ["read:users", "create:users", "update:users"] });
    const options = { domain: t.domain, clientId: app.clientId, clientAssertionSigningKey: signingKeyPem, logging: { level: "debug" as const, logger: exposure.logger() } };
    const management = exposure.observe(new ManagementClient(options));
    const user = await management.users.create({ ...NEW_USER, email: "jwt@example.com" });
    secrets.add(NEW_USER.password);
    await management.users.get(user.user_id!);
    t.faults.inject({ match: { method: "GET" }, fault: { kind: "status", status: 401 } });
    await management.users.get(user.user_id!); // replayed with a fresh token, signed with a fresh assertion

    t.faults.inject({
      match: { path: "/oauth/token" },
      fault: { kind: "status", status: 401, body: { error: "invalid_client", error_description: "Invalid client_assertion" } },
    });
    const fresh = exposure.observe(new ManagementClient(options));
    const error = await exposure.failure(fresh.users.list());
    expect(error).toBeInstanceOf(TokenEndpointError);
    expect(error.message).toContain("Invalid client_assertion");

    secrets.harvest(t);
    expect(t.requests.filter((entry) => entry.body.includes("client_assertion=")).length).toBe(3);
    expectNoSecrets(exposure, secrets);
  });

  it("AuthenticationClient: password, refresh, code, PKCE, passwordless OTP, backchannel, token exchange, assertion, failures", async () => {
    const t = tenant();
    const exposure = new Exposure();
    const secrets = new Secrets();
    const password = `Pw-${randomBytes(9).toString("base64url")}`;
    const subjectToken = `subject-${randomBytes(18).toString("base64url")}`;
    const verifier = randomBytes(32).toString("base64url");
    secrets.add(t.clientSecret, password, subjectToken, verifier, signingKeyPem, ...pemSecrets(signingKeyPem));
    const { users } = t.seed({ users: [{ email: "carol@example.com", password }] });
    const userId = String(users[0]?.["user_id"]);
    const logger = exposure.logger();
    const auth = exposure.observe(
      new AuthenticationClient({ domain: t.domain, clientId: t.clientId, clientSecret: t.clientSecret, logging: { level: "debug", logger }, timeoutDuration: 2_000 }),
    );
    const keep = (tokens: { access_token?: string; refresh_token?: string; id_token?: string }): void =>
      secrets.add(tokens.access_token, tokens.refresh_token, tokens.id_token);

    const { data: tokens } = await auth.oauth.passwordGrant({ username: "carol@example.com", password, scope: "openid profile email offline_access" });
    keep(tokens);
    expect(tokens.refresh_token).toBeDefined();
    keep((await auth.oauth.refreshTokenGrant({ refresh_token: tokens.refresh_token! })).data);
    await auth.oauth.revokeRefreshToken({ token: tokens.refresh_token! });
    const code = t.issueAuthorizationCode({ userId });
    secrets.add(code);
    keep((await auth.oauth.authorizationCodeGrant({ code })).data);
    const pkceCode = t.issueAuthorizationCode({ userId, codeChallenge: createHash("sha256").update(verifier).digest("base64url") });
    secrets.add(pkceCode);
    keep((await auth.oauth.authorizationCodeGrantWithPKCE({ code: pkceCode, code_verifier: verifier })).data);
    await auth.passwordless.sendEmail({ email: "carol@example.com", send: "code" });
    const otp = t.lastOtp("carol@example.com");
    secrets.add(otp);
    keep((await auth.passwordless.loginWithEmail({ email: "carol@example.com", code: otp! })).data);
    const { auth_req_id } = await auth.backchannel.authorize({ userId, binding_message: "Confirm 42", scope: "openid" });
    t.approveBackchannel(auth_req_id);
    keep(await auth.backchannel.backchannelGrant({ auth_req_id }));
    await auth.database.signUp({ email: "dan@example.com", password, connection: "Username-Password-Authentication" });

    // Failures: a wrong password, a grant the tenant does not know, a replayed code, a timeout, a failing endpoint.
    expect(await exposure.failure(auth.oauth.passwordGrant({ username: "carol@example.com", password: `${password}-wrong` }))).toBeInstanceOf(AuthApiError);
    secrets.add(`${password}-wrong`);
    expect(
      await exposure.failure(auth.tokenExchange.exchangeToken({ subject_token_type: "urn:acme:legacy-token", subject_token: subjectToken, audience: "https://api.example" })),
    ).toBeInstanceOf(AuthApiError);
    expect(await exposure.failure(auth.oauth.authorizationCodeGrant({ code }))).toBeInstanceOf(AuthApiError);
    t.faults.inject({ match: { path: "/oauth/token" }, fault: { kind: "latency", ms: 600 } });
    const slow = exposure.observe(new AuthenticationClient({ domain: t.domain, clientId: t.clientId, clientSecret: t.clientSecret, logging: { level: "debug", logger }, timeoutDuration: 100 }));
    expect(await exposure.failure(slow.oauth.passwordGrant({ username: "carol@example.com", password }))).toBeInstanceOf(TimeoutError);
    t.faults.inject({ match: { path: "/oauth/token" }, fault: { kind: "status", status: 500 } });
    expect(await exposure.failure(auth.oauth.passwordGrant({ username: "carol@example.com", password }))).toBeInstanceOf(AuthApiError);
    t.faults.inject({ match: { path: "/oauth/token" }, fault: { kind: "reset", when: "after-body" } });
    expect(await exposure.failure(auth.oauth.passwordGrant({ username: "carol@example.com", password }))).toBeInstanceOf(FetchError);

    // private_key_jwt on the Authentication API.
    const app = t.createClient({ publicKeyPem, scopes: ["read:users"], grantTypes: ["client_credentials", "password"] });
    const signed = exposure.observe(new AuthenticationClient({ domain: t.domain, clientId: app.clientId, clientAssertionSigningKey: signingKeyPem, logging: { level: "debug", logger } }));
    keep((await signed.oauth.clientCredentialsGrant({ audience: t.managementAudience })).data);
    keep((await signed.oauth.passwordGrant({ username: "carol@example.com", password, scope: "openid" })).data);
    t.faults.inject({ match: { path: "/oauth/token" }, fault: { kind: "status", status: 401, body: { error: "invalid_client", error_description: "Invalid client_assertion" } } });
    expect(await exposure.failure(signed.oauth.clientCredentialsGrant({ audience: t.managementAudience }))).toBeInstanceOf(AuthApiError);

    secrets.harvest(t);
    expect(secrets.has(otp!)).toBe(true);
    expect(t.requests.filter((entry) => entry.body.includes("client_assertion=")).length).toBe(3);
    expect(exposure.errors).toBe(7);
    expectNoSecrets(exposure, secrets);
  });

  it("UserInfoClient: a profile, a rejected token, a timeout", async () => {
    const t = tenant();
    const exposure = new Exposure();
    const secrets = new Secrets();
    const password = `Pw-${randomBytes(9).toString("base64url")}`;
    const forged = `forged-${randomBytes(24).toString("base64url")}`;
    secrets.add(password, forged);
    t.seed({ users: [{ email: "erin@example.com", password }] });
    const auth = new AuthenticationClient({ domain: t.domain, clientId: t.clientId, clientSecret: t.clientSecret });
    const { data: tokens } = await auth.oauth.passwordGrant({ username: "erin@example.com", password, scope: "openid profile email" });
    secrets.add(tokens.access_token, tokens.id_token);

    const logger = exposure.logger();
    const userInfo = exposure.observe(new UserInfoClient({ domain: t.domain, logging: { level: "debug", logger } }));
    expect((await userInfo.getUserInfo(tokens.access_token)).data.email).toBe("erin@example.com");
    expect(await exposure.failure(userInfo.getUserInfo(forged))).toBeInstanceOf(UserInfoError);
    t.faults.inject({ match: { path: "/userinfo" }, fault: { kind: "latency", ms: 600 } });
    const slow = exposure.observe(new UserInfoClient({ domain: t.domain, logging: { level: "debug", logger }, timeoutDuration: 100 }));
    expect(await exposure.failure(slow.getUserInfo(tokens.access_token))).toBeInstanceOf(TimeoutError);
    t.faults.inject({ match: { path: "/userinfo" }, fault: { kind: "reset", when: "before-body" } });
    const once = exposure.observe(new UserInfoClient({ domain: t.domain, logging: { level: "debug", logger }, retry: { enabled: false } }));
    expect(await exposure.failure(once.getUserInfo(tokens.access_token))).toBeInstanceOf(FetchError);

    secrets.harvest(t);
    expectNoSecrets(exposure, secrets);
  });

  it("the v4 client from auth0/legacy: reads, writes, a 404, a failing token endpoint", async () => {
    const t = tenant();
    const exposure = new Exposure();
    const secrets = new Secrets();
    const password = `Pw-${randomBytes(9).toString("base64url")}`;
    const wrongSecret = `wrong-${randomBytes(24).toString("base64url")}`;
    secrets.add(t.clientSecret, password, wrongSecret);
    const logger = exposure.logger();
    const legacy = (secret: string) => {
      const client = new LegacyManagementClient({ domain: t.domain, clientId: t.clientId, clientSecret: secret });
      // v4 has no logging option: the core's logging link, at debug, in its place.
      client.pipeline.replace("logging", logging(createLevelledLogger({ level: "debug", logger })));
      exposure.observe(client as unknown as CoreClient);
      return client;
    };
    const management = legacy(t.clientSecret);
    const { data: user } = await management.users.create({ ...NEW_USER, email: "v4@example.com", password });
    await management.users.update({ id: String(user.user_id) }, { password });
    await management.users.getAll({ per_page: 5 });
    expect(await exposure.failure(management.users.get({ id: "auth0|missing" }))).toBeInstanceOf(ManagementApiError);
    t.faults.inject({ match: { method: "GET" }, fault: { kind: "latency", ms: 600 } });
    const slow = new LegacyManagementClient({ domain: t.domain, clientId: t.clientId, clientSecret: t.clientSecret, timeoutDuration: 100 });
    slow.pipeline.replace("logging", logging(createLevelledLogger({ level: "debug", logger })));
    exposure.observe(slow as unknown as CoreClient);
    await exposure.failure(slow.users.getAll());
    expect(await exposure.failure(legacy(wrongSecret).users.getAll())).toBeInstanceOf(Error);

    secrets.harvest(t);
    expect(exposure.errors).toBe(3);
    expectNoSecrets(exposure, secrets);
  });

  it("masks a secret nested deeper than the redaction walks, instead of copying it", async () => {
    const t = tenant();
    const exposure = new Exposure();
    const secrets = new Secrets();
    const password = `Pw-${randomBytes(9).toString("base64url")}`;
    secrets.add(password);
    let nested: Record<string, unknown> = { password };
    for (let depth = 0; depth < 12; depth++) nested = { level: nested };
    const management = exposure.observe(
      new ManagementClient({ domain: t.domain, token: await t.managementToken(), logging: { level: "debug", logger: exposure.logger() } }),
    );
    const user = await management.users.create({ ...NEW_USER, email: "deep@example.com" });
    await management.users.update(user.user_id!, { user_metadata: nested });
    secrets.harvest(t);
    expectNoSecrets(exposure, secrets);
  });
});
