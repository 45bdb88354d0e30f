// The program every runtime runs: bundled by run.mjs with the BUILT package (dist/esm) and jose into one self-contained
// ES module for esbuild's "neutral" platform, with no Node built-in. Node, Bun and Deno import it from driver.mjs;
// workerd serves it as a module worker (the default export's fetch), with Node compatibility off.
// It only reports what it saw; run.mjs decides what passes.
import { AuthenticationClient, ManagementClient, UserInfoClient } from "../../dist/esm/index.js";

/** Runs every step, each on its own: a failing step is reported with its error, the others still run. */
async function run(input) {
  const { domain, clientId, clientSecret, audience, userId, username, password, realm, assertionClient, retryUserId, abortUserId, customDomain } = input;
  const started = Date.now();
  const steps = {};
  const step = async (name, body) => {
    const t0 = Date.now();
    try {
      steps[name] = { ok: true, ...(await body()) };
    } catch (error) {
      steps[name] = { ok: false, error: describe(error) };
    }
    steps[name].ms = Date.now() - t0;
  };

  // A middleware of the client's own chain that logs each attempt: counts pages and JWKS fetches without a hook into
  // the SDK's internals.
  const requests = [];
  // Whether request.url is the runtime's own URL or the SDK's read-only stand-in (where the global URL is partial).
  let requestUrl;
  const log = {
    name: "runtimes-log",
    after: "retry",
    middleware: async (request, next) => {
      const response = await next(request);
      requestUrl ??= request.url instanceof URL ? "global URL" : "stand-in";
      requests.push(`${request.method} ${request.url.pathname} ${response.status}`);
      return response;
    },
  };

  const management = new ManagementClient({ domain, clientId, clientSecret, middleware: [log] });

  await step("usersGet", async () => {
    const user = await management.users.get(userId);
    return { user_id: user.user_id, email: user.email };
  });

  await step("usersList", async () => {
    const before = requests.length;
    const ids = [];
    const page = await management.users.list({ per_page: 2 });
    for await (const user of page) ids.push(user.user_id);
    const pages = requests.slice(before).filter((line) => line.startsWith("GET /api/v2/users ")).length;
    return { ids, pages };
  });

  // run.mjs made the tenant answer the first GET of this user with a 503 (Retry-After: 0): the retry link repeats it.
  await step("retry", async () => {
    const before = requests.length;
    let retries = 0;
    const unhook = management.lifecycle.hook("request:retry", () => void retries++);
    try {
      const user = await management.users.get(retryUserId);
      return { user_id: user.user_id, retries, attempts: requests.slice(before) };
    } finally {
      unhook();
    }
  });

  // run.mjs made the tenant hold the answer to this user for 30 s: the caller's abort must end the wait, with the
  // SDK's abort error, long before that.
  await step("abort", async () => {
    const controller = new AbortController();
    const pending = management.users.get(abortUserId, {}, { abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    try {
      await pending;
    } catch (error) {
      return { aborted: true, error: describe(error) };
    }
    return { aborted: false };
  });

  // Auth0-Custom-Domain on the whitelisted paths only (users), not on others (roles); run.mjs reads the wire.
  await step("customDomain", async () => {
    const client = new ManagementClient({ domain, clientId, clientSecret, withCustomDomainHeader: customDomain });
    const user = await client.users.get(userId);
    const roles = await client.roles.list();
    return { user_id: user.user_id, roles: Array.isArray(roles.data) ? roles.data.length : -1 };
  });

  await step("clientCredentialsGrant", async () => {
    const auth = new AuthenticationClient({ domain, clientId, clientSecret });
    const { data } = await auth.oauth.clientCredentialsGrant({ audience });
    return { token_type: data.token_type, expires_in: data.expires_in, access_token: typeof data.access_token };
  });

  // RS256 ID token validated against the tenant's JWKS: jose is imported (from the bundle) on this first validation.
  let accessToken;
  await step("passwordGrant", async () => {
    const authRequests = [];
    const auth = new AuthenticationClient({
      domain,
      clientId,
      clientSecret,
      middleware: [{ ...log, middleware: async (request, next) => {
        const response = await next(request);
        authRequests.push(`${request.method} ${request.url.pathname} ${response.status}`);
        return response;
      } }],
    });
    const { data } = await auth.oauth.passwordGrant({ username, password, realm, scope: "openid profile email" });
    accessToken = data.access_token;
    const claims = JSON.parse(base64UrlDecode(data.id_token.split(".")[1]));
    return { sub: claims.sub, email: claims.email, requests: authRequests };
  });

  // The same token with HS256 configured must be refused by the validator (the algorithm is checked with jose's
  // decoders): proves validation runs, not only the grant.
  await step("idTokenRejected", async () => {
    const auth = new AuthenticationClient({ domain, clientId, clientSecret, idTokenSigningAlg: "HS256" });
    try {
      await auth.oauth.passwordGrant({ username, password, realm, scope: "openid" });
    } catch (error) {
      return { rejected: true, error: describe(error) };
    }
    return { rejected: false };
  });

  await step("userInfo", async () => {
    const { data } = await new UserInfoClient({ domain }).getUserInfo(accessToken ?? input.userAccessToken);
    return { sub: data.sub };
  });

  // private_key_jwt: jose signs a client assertion with the runtime's WebCrypto (PKCS#8 import, RSASSA-PKCS1-v1_5).
  await step("privateKeyJwtGrant", async () => {
    const auth = new AuthenticationClient({
      domain,
      clientId: assertionClient.clientId,
      clientAssertionSigningKey: assertionClient.privateKeyPem,
    });
    const { data } = await auth.oauth.clientCredentialsGrant({ audience });
    return { token_type: data.token_type, access_token: typeof data.access_token };
  });

  return {
    runtime: runtimeName(),
    version: runtimeVersion(),
    // What Node-compatibility globals this runtime shows (workerd without nodejs_compat: none).
    globals: { process: typeof globalThis.process, Buffer: typeof globalThis.Buffer, require: typeof globalThis.require },
    ms: Date.now() - started,
    requestUrl,
    steps,
  };
}

function describe(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  // The stack's frames only (its first line repeats the message).
  const frames = error.stack?.split("\n").filter((line) => /^\s+at /.test(line)).slice(0, 6).map((line) => line.trim());
  return { name: error.name, message: error.message, statusCode: error.statusCode, stack: frames?.join("\n") };
}

function base64UrlDecode(segment) {
  const base64 = segment.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(segment.length / 4) * 4, "=");
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}

function runtimeName() {
  if (typeof globalThis.EdgeRuntime === "string") return "edge-runtime";
  if (globalThis.navigator?.product === "ReactNative") return "react-native";
  if (typeof globalThis.Deno !== "undefined") return "deno";
  if (typeof globalThis.Bun !== "undefined") return "bun";
  if (globalThis.navigator?.userAgent === "Cloudflare-Workers") return "workerd";
  if (typeof globalThis.process?.versions?.node === "string") return "node";
  return globalThis.navigator?.userAgent ?? "unknown";
}

function runtimeVersion() {
  if (typeof globalThis.Deno !== "undefined") return globalThis.Deno.version.deno;
  if (typeof globalThis.Bun !== "undefined") return globalThis.Bun.version;
  if (typeof globalThis.process?.versions?.node === "string") return globalThis.process.versions.node;
  return undefined; // workerd: run.mjs asks the binary
}

export default {
  run,
  // workerd: POST the input as JSON, get the result as JSON.
  async fetch(request) {
    if (request.method !== "POST") return new Response("POST the scenario input as JSON\n", { status: 405 });
    return Response.json(await run(await request.json()));
  },
};
