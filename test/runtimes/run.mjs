// npm run test:runtimes: the built package (dist/esm), bundled with esbuild for the "neutral" platform into one
// self-contained ES module with no Node built-in, run in Node 20 (this machine's), Node 22, Node 24, Bun, Deno,
// workerd (Node compatibility off), Vercel's Edge runtime, and with React Native's polyfills under Hermes and in a
// Node VM context, against the mock tenant on 127.0.0.1. See README.md beside this file.
//   node test/runtimes/run.mjs                 all runtimes
//   node test/runtimes/run.mjs --only=bun,deno some of them (names as in the table)
//   node test/runtimes/run.mjs --keep          keep the work folder (bundle, worker config) and print its path
// The runtimes are a package of their own (this folder's package.json and lockfile), installed here on first use and
// again whenever the lockfile changes, with install scripts off: each binary ships inside a registry package.
import { spawn, spawnSync } from "node:child_process";
import { createHash, generateKeyPairSync } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const modules = join(here, "node_modules");
const args = process.argv.slice(2);
const only = args.find((arg) => arg.startsWith("--only="))?.slice("--only=".length).split(",");
const keep = args.includes("--keep");
// --report=FILE: the result as JSON ({ passed, failed, runtimes }) for scripts/test.mjs, which totals every runner.
const report = args.find((arg) => arg.startsWith("--report="))?.slice("--report=".length);
const started = performance.now();
const PER_RUNTIME_TIMEOUT_MS = 60_000;
// workerd rejects a compatibility date later than its own release; this one is older than the pinned binary.
const WORKERD_COMPATIBILITY_DATE = "2026-11-01";

// ── 1. The runtimes: installed on first use, or when the lockfile changed ─────────────────────────────────────────
const installMs = ensureRuntimes();

const hostMajor = process.versions.node.split(".")[0];
const platformArch = { os: process.platform, arch: process.arch };
/** Each runtime: where its binary is, and how it runs the bundle. */
const runtimes = [
  { name: `node${hostMajor}`, bin: process.execPath, kind: "cli", argv: (input) => ["driver.mjs", input] },
  ...["22", "24"]
    .filter((major) => major !== hostMajor)
    .map((major) => ({ name: `node${major}`, bin: join(modules, `node${major}`, "bin", "node"), kind: "cli", argv: (input) => ["driver.mjs", input] })),
  { name: "bun", bin: packageBinary(bunPackage(), "bin/bun"), kind: "cli", argv: (input) => ["--no-install", "driver.mjs", input] },
  {
    name: "deno",
    bin: packageBinary(denoPackage(), "deno"),
    kind: "cli",
    // Network to the loopback tenant only; no read, env or other permission, and no prompt.
    argv: (input, port) => ["run", "--no-prompt", "--no-config", "--no-remote", `--allow-net=127.0.0.1:${port}`, "driver.mjs", input],
  },
  { name: "workerd", bin: packageBinary(workerdPackage(), "bin/workerd"), kind: "workerd" },
  // Vercel's Edge runtime runs inside this machine's Node (a VM context with only the Edge globals).
  { name: "edge", bin: join(modules, "edge-runtime", "dist", "index.js"), kind: "edge" },
  // React Native's polyfills in a Node VM context (react-native.mjs): as shipped, and with the WebCrypto polyfills
  // the README tells an app to install. As shipped, ID-token validation and private_key_jwt must refuse clearly.
  ...["bare", "webcrypto"].map((variant) => ({
    name: variant === "bare" ? "react-native" : "react-native+webcrypto",
    bin: process.execPath,
    kind: "cli",
    reactNative: variant,
    argv: (input) => ["react-native.mjs", modules, "scenario.script.js", variant, input],
  })),
  // The same polyfills under Hermes itself (hermes.mjs): the program compiled with Metro's Babel preset first.
  // Babel over ~300 KB takes a while on a busy machine: a longer bound than the others.
  ...["bare", "webcrypto"].map((variant) => ({
    name: variant === "bare" ? "react-native-hermes" : "react-native-hermes+webcrypto",
    bin: process.execPath,
    kind: "cli",
    reactNative: variant,
    timeoutMs: 3 * PER_RUNTIME_TIMEOUT_MS,
    argv: (input) => ["hermes.mjs", modules, "scenario.bundle.js", variant, input],
  })),
].filter((runtime) => !only || only.includes(runtime.name));
if (runtimes.length === 0) fail(`--only matched no runtime`);

// ── 2. The bundle: dist/esm + jose in one file, for the neutral platform, no Node built-in ────────────────────────
if (!existsSync(join(root, "dist/esm/index.js")) || !existsSync(join(root, "dist/esm/testing.js"))) {
  fail("dist/esm is missing: run `npm run build` first");
}
const newerSource = newestFile(join(root, "src"));
if (newerSource && newerSource.mtimeMs > statSync(join(root, "dist/esm/index.js")).mtimeMs) {
  console.warn(`warning: ${relative(root, newerSource.path)} is newer than dist/esm: this tests the last build (npm run build)`);
}
const work = mkdtempSync(join(tmpdir(), "auth0-runtimes-"));
const bundle = await bundleScenario(join(work, "scenario.bundle.js"));
copyFileSync(join(here, "driver.mjs"), join(work, "driver.mjs"));
if (runtimes.some((runtime) => runtime.kind === "edge" || runtime.reactNative)) {
  await wrapAsScript(join(work, "scenario.bundle.js"), join(work, "scenario.script.js"), "es2022");
  copyFileSync(join(here, "edge.mjs"), join(work, "edge.mjs"));
  for (const file of ["react-native.mjs", "react-native-polyfills.mjs", "hermes.mjs", "hermes-bridge.js"]) copyFileSync(join(here, file), join(work, file));
}
console.log(
  `bundle: ${kb(bundle.bytes)} (${kb(bundle.gzipBytes)} gzip; fully minified ${kb(bundle.minifiedBytes)}, ${kb(bundle.minifiedGzipBytes)} gzip), ` +
    `${bundle.inputs} modules incl. jose ${bundle.jose} and ky (lazy chunk), no Node built-in, no import left`,
);

// ── 3. The backend: the mock tenant on 127.0.0.1, with users to page through ──────────────────────────────────────
const { startMockTenant } = await import(pathToFileURL(join(root, "dist/esm/testing.js")).href);
const tenant = await startMockTenant();
const PASSWORD = "Runtimes-Passw0rd!";
const USERS = 7; // odd, so the last page is short: per_page 2 gives 4 pages
const seeded = tenant.seed({
  users: Array.from({ length: USERS }, (_, i) => ({ email: `runtime-${i}@example.com`, password: PASSWORD, name: `Runtime ${i}` })),
});
const { publicKey, privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});
const assertionClient = tenant.createClient({
  name: "Runtimes private_key_jwt",
  scopes: ["read:users"],
  grantTypes: ["client_credentials"],
  tokenEndpointAuthMethod: "private_key_jwt",
  publicKeyPem: publicKey,
});
// A user's access token, fetched without the SDK: /userinfo's token where the runtime's own password grant cannot
// complete (React Native without WebCrypto refuses to hand out an ID token it cannot validate).
const userAccessToken = await passwordGrantToken(seeded.users[2].email);
// Every user on the tenant, read without the SDK: what the paginated list must yield.
const expectedIds = await allUserIds();
const target = seeded.users[1];
const login = seeded.users[2];
const retryTarget = seeded.users[3];
const abortTarget = seeded.users[4];
const CUSTOM_DOMAIN = "login.runtimes.example";
const RETRY_PATH = `/api/v2/users/${encodeURIComponent(retryTarget.user_id)}`;
const ABORT_PATH = `/api/v2/users/${encodeURIComponent(abortTarget.user_id)}`;
const input = {
  domain: tenant.domain,
  clientId: tenant.clientId,
  clientSecret: tenant.clientSecret,
  audience: tenant.managementAudience,
  userId: target.user_id,
  username: login.email,
  password: PASSWORD,
  realm: "Username-Password-Authentication",
  assertionClient: { clientId: assertionClient.clientId, privateKeyPem: privateKey },
  retryUserId: retryTarget.user_id,
  abortUserId: abortTarget.user_id,
  customDomain: CUSTOM_DOMAIN,
  userAccessToken,
};

// ── 4. Each runtime in turn (one at a time, so the times compare) ─────────────────────────────────────────────────
const rows = [];
try {
  for (const runtime of runtimes) rows.push(await runOne(runtime));
} finally {
  await tenant.close();
}

// ── 5. The table ──────────────────────────────────────────────────────────────────────────────────────────────────
// ms: from starting the runtime's process to its result; scenario ms: the scenario alone, measured inside it.
const table = [["runtime", "version", "result", "ms", "scenario ms"], ...rows.map((row) => [row.name, row.version ?? "?", row.ok ? "ok" : "FAIL", String(row.ms), row.inRuntimeMs === undefined ? "" : String(row.inRuntimeMs)])];
const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
console.log("");
for (const [index, line] of table.entries()) {
  console.log(line.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd());
  if (index === 0) console.log(widths.map((width) => "-".repeat(width)).join("  "));
}
for (const row of rows.filter((row) => !row.ok)) {
  console.log(`\n${row.name} failed:\n  ${row.problems.join("\n  ")}`);
  if (row.output) console.log(`  output:\n${indent(row.output, 4)}`);
}
const failed = rows.filter((row) => !row.ok).length;
if (keep || failed > 0) console.log(`\nwork folder (bundle, driver, worker config): ${work}`);
else rmSync(work, { recursive: true, force: true });
console.log(`\n${rows.length} runtimes in ${((performance.now() - started) / 1000).toFixed(1)} s${installMs !== undefined ? ` (install ${(installMs / 1000).toFixed(1)} s)` : ""}`);
console.log(`runtimes: ${rows.length - failed} passed, ${failed} failed`);
if (report) {
  const runtimesReport = rows.map((row) => ({ name: row.name, version: row.version, ok: row.ok, problems: row.problems }));
  writeFileSync(report, JSON.stringify({ passed: rows.length - failed, failed, runtimes: runtimesReport }, null, 2) + "\n");
}
process.exitCode = failed > 0 ? 1 : 0;

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────

/** `npm ci` into this folder when node_modules is missing or was installed from another lockfile. */
function ensureRuntimes() {
  const lock = readFileSync(join(here, "package-lock.json"));
  const manifest = readFileSync(join(here, "package.json"));
  const digest = createHash("sha256").update(manifest).update(lock).digest("hex");
  const stamp = join(modules, ".auth0-runtimes-installed");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest) return undefined;
  console.log("installing the runtimes (test/runtimes/package-lock.json) ...");
  const t0 = performance.now();
  const npmArgs = ["ci", "--prefix", here, "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"];
  // Under `npm run`, npm_execpath is the npm that runs us; run it with this Node.
  const npmCli = process.env.npm_execpath;
  const result = npmCli && /\.c?js$/.test(npmCli)
    ? spawnSync(process.execPath, [npmCli, ...npmArgs], { stdio: "inherit" })
    : spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", npmArgs, { stdio: "inherit" });
  if (result.status !== 0) fail(`npm ci --prefix test/runtimes failed (${result.error?.message ?? `exit ${result.status}`})`);
  writeFileSync(stamp, digest);
  return performance.now() - t0;
}

// The runtimes' own packages hold one binary per platform as optional dependencies; with install scripts off, the
// binary is taken straight from the platform package.
function bunPackage() {
  const arch = platformArch.arch === "arm64" ? "aarch64" : platformArch.arch;
  return `@oven/bun-${platformArch.os === "win32" ? "windows" : platformArch.os}-${arch}`;
}
function denoPackage() {
  return `@deno/${platformArch.os}-${platformArch.arch}${platformArch.os === "linux" ? "-glibc" : ""}`;
}
function workerdPackage() {
  return `@cloudflare/workerd-${platformArch.os === "win32" ? "windows" : platformArch.os}-${platformArch.arch === "x64" ? "64" : platformArch.arch}`;
}
function packageBinary(name, path) {
  return join(modules, ...name.split("/"), path) + (platformArch.os === "win32" ? ".exe" : "");
}

async function bundleScenario(outfile) {
  const { build } = await import("esbuild");
  const builtins = new Set(builtinModules.flatMap((name) => [name, name.replace(/^node:/, "")]));
  const noNodeBuiltins = {
    name: "no-node-builtins",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.replace(/^node:/, "").split("/")[0];
        if (!args.path.startsWith("node:") && !builtins.has(args.path) && !builtins.has(bare)) return undefined;
        return { errors: [{ text: `Node built-in "${args.path}" imported by ${relative(root, args.importer)}: the main entry bundled for the neutral platform must need none` }] };
      });
    },
  };
  let result;
  let options;
  try {
    result = await build((options = {
      entryPoints: [join(here, "scenario.mjs")],
      outfile,
      bundle: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      // Minified but for identifiers, as the package itself: a failing runtime's stack stays readable.
      minifyWhitespace: true,
      minifySyntax: true,
      legalComments: "none",
      metafile: true,
      logLevel: "silent",
      plugins: [noNodeBuiltins],
    }));
  } catch (error) {
    fail(`bundle failed:\n${indent((error.errors ?? [error]).map((e) => e.text ?? e.message).join("\n"), 2)}`);
  }
  const output = Object.values(result.metafile.outputs)[0];
  // Every import, static or dynamic (ky's chunk, jose), must be inside the file: nothing for a runtime to resolve.
  if (output.imports.length > 0) fail(`the bundle still imports: ${output.imports.map((i) => `${i.path} (${i.kind})`).join(", ")}`);
  const inputs = Object.keys(result.metafile.inputs);
  const josePath = inputs.find((path) => path.includes("node_modules/jose/"));
  if (!josePath) fail("jose is not in the bundle: ID-token validation would not load");
  const jose = JSON.parse(readFileSync(join(root, "node_modules/jose/package.json"), "utf8")).version;
  const bytes = readFileSync(outfile);
  // For the record, what an app's fully minified bundle of the same program weighs.
  const minified = await build({ ...options, minify: true, write: false, metafile: false, outfile: undefined, plugins: [] });
  const minifiedBytes = minified.outputFiles[0].contents;
  return { bytes: bytes.length, gzipBytes: gzipSync(bytes).length, minifiedBytes: minifiedBytes.length, minifiedGzipBytes: gzipSync(minifiedBytes).length, inputs: inputs.length, jose };
}

/**
 * The same bundle as a classic script that sets `__auth0Scenario` (for runtimes that run scripts: the Edge VM, Hermes):
 * esbuild only re-wraps the already self-contained module; `target` lowers syntax an older engine lacks.
 */
async function wrapAsScript(bundlePath, outfile, target) {
  const { build } = await import("esbuild");
  await build({ entryPoints: [bundlePath], outfile, bundle: true, format: "iife", globalName: "__auth0Scenario", platform: "neutral", target, logLevel: "silent", legalComments: "none" });
}

async function passwordGrantToken(username) {
  const response = await fetch(`${tenant.issuer}oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ grant_type: "http://auth0.com/oauth/grant-type/password-realm", realm: "Username-Password-Authentication", username, password: PASSWORD, client_id: tenant.clientId, client_secret: tenant.clientSecret, scope: "openid profile email" }),
  });
  if (!response.ok) fail(`mock tenant: POST /oauth/token answered ${response.status}`);
  return (await response.json()).access_token;
}

async function allUserIds() {
  const token = await tenant.managementToken();
  const ids = [];
  for (let page = 0; ; page++) {
    const response = await fetch(`${tenant.managementApiUrl}/users?per_page=50&page=${page}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) fail(`mock tenant: GET /api/v2/users answered ${response.status}`);
    const users = await response.json();
    ids.push(...users.map((user) => user.user_id));
    if (users.length < 50) return ids.sort();
  }
}

/**
 * Before each run of the scenario: the tenant fails the retry user's first GET with a 503 (Retry-After: 0) and holds
 * the abort user's answer for 30 s. After it: what reached the wire in between, and no fault left over.
 */
function openWireWindow() {
  const since = tenant.requests.length;
  const faults = [
    tenant.faults.inject({ match: { method: "GET", path: RETRY_PATH }, times: 1, fault: { kind: "status", status: 503, headers: { "retry-after": "0" } } }),
    tenant.faults.inject({ match: { method: "GET", path: ABORT_PATH }, times: 1, fault: { kind: "latency", ms: 30_000 } }),
  ];
  return () => {
    for (const fault of faults) fault.cancel();
    return tenant.requests.slice(since).map((request) => ({
      method: request.method,
      path: request.path,
      status: request.status,
      customDomain: request.headers["auth0-custom-domain"],
    }));
  };
}

async function runOne(runtime) {
  const t0 = performance.now();
  const row = { name: runtime.name, ok: false, problems: [], version: undefined, ms: 0, inRuntimeMs: undefined, output: "" };
  if (!existsSync(runtime.bin)) {
    row.problems.push(`no binary at ${relative(root, runtime.bin)} (not installed for ${platformArch.os}-${platformArch.arch}?)`);
    return row;
  }
  let results;
  try {
    results = runtime.kind === "workerd" ? await runWorkerd(runtime, row) : runtime.kind === "edge" ? await runEdge(runtime, row) : [await runCli(runtime, row)];
  } catch (error) {
    row.problems.push(error.message);
  }
  row.ms = Math.round(performance.now() - t0);
  if (results) {
    for (const [index, result] of results.entries()) {
      const label = results.length > 1 ? `request ${index + 1}: ` : "";
      row.problems.push(...check(runtime, result).map((problem) => label + problem));
    }
    row.version ??= results[0]?.version;
    row.inRuntimeMs = results[0]?.ms;
  }
  row.ok = row.problems.length === 0;
  return row;
}

function cleanEnv() {
  // No NODE_OPTIONS and the like from the caller (a test runner's loader must not reach Node 22/24).
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), TMPDIR: tmpdir(), NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", DO_NOT_TRACK: "1" };
}

/** Node, Bun, Deno: `<bin> driver.mjs '<input json>'`, one JSON line out. */
async function runCli(runtime, row) {
  const closeWindow = openWireWindow();
  const { code, stdout, stderr } = await exec(runtime.bin, runtime.argv(JSON.stringify(input), tenant.port), { cwd: work, env: cleanEnv() }, runtime.timeoutMs);
  const wire = closeWindow();
  row.output = (stdout + stderr).trim();
  if (code !== 0) throw new Error(`exited with ${code}`);
  const line = stdout.trim().split("\n").at(-1) ?? "";
  try {
    return { ...JSON.parse(line), wire };
  } catch {
    throw new Error("printed no JSON result");
  }
}

/** POST the input to a served scenario (workerd, Edge) once; the result with what reached the tenant meanwhile. */
async function postScenario(url) {
  const closeWindow = openWireWindow();
  let text;
  let response;
  let wire;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(PER_RUNTIME_TIMEOUT_MS),
    });
    text = await response.text();
  } finally {
    wire = closeWindow();
  }
  if (!response.ok) throw new Error(`the scenario answered ${response.status}: ${text.slice(0, 500)}`);
  return { ...JSON.parse(text), wire };
}

/** Edge: edge.mjs serves the wrapped bundle as an Edge function on a loopback port; POST twice, as to workerd. */
async function runEdge(runtime, row) {
  const version = (name) => JSON.parse(readFileSync(join(modules, ...name.split("/"), "package.json"), "utf8")).version;
  row.version = `edge-runtime ${version("edge-runtime")}, @edge-runtime/vm ${version("@edge-runtime/vm")}`;
  const child = spawn(process.execPath, ["edge.mjs", pathToFileURL(runtime.bin).href, "scenario.script.js"], { cwd: work, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
  let printed = "";
  const listening = new Promise((resolve) => {
    child.stdout.on("data", (chunk) => {
      printed += chunk;
      const line = printed.split("\n").find((text) => text.startsWith('{"url"'));
      if (line) resolve(JSON.parse(line).url);
    });
  });
  return postTwiceThenStop(child, "the Edge runtime", listening, row);
}

/** workerd: serve the bundle as a module worker on a loopback port (port 0, reported on the control fd), POST twice. */
async function runWorkerd(runtime, row) {
  const version = await exec(runtime.bin, ["--version"], { env: cleanEnv() });
  row.version = version.stdout.trim().replace(/^workerd\s+/, "");
  writeFileSync(join(work, "worker.capnp"), workerdConfig());
  const child = spawn(runtime.bin, ["serve", "worker.capnp", "--socket-addr", "http=127.0.0.1:0", "--control-fd", "3"], {
    cwd: work,
    env: cleanEnv(),
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  return postTwiceThenStop(child, "workerd", listenPort(child.stdio[3]).then((port) => `http://127.0.0.1:${port}/`), row);
}

/**
 * A served runtime (workerd, Edge): wait until it listens, POST the input twice — a cold module, then a warm one
 * (module-level caches such as the lazily imported ky and jose reused) — then stop it, keeping what it printed.
 */
async function postTwiceThenStop(child, name, listening, row) {
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(`${name} exited (${signal ?? code})`)));
  try {
    const url = await Promise.race([
      listening,
      exited.then((why) => Promise.reject(new Error(why))),
      delay(PER_RUNTIME_TIMEOUT_MS).then(() => Promise.reject(new Error(`${name} did not listen in time`))),
    ]);
    const results = [];
    for (let i = 0; i < 2; i++) results.push(await postScenario(url));
    return results;
  } finally {
    child.kill("SIGTERM");
    await Promise.race([exited, delay(2000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    row.output = output.trim();
  }
}

function workerdConfig() {
  // Node compatibility off. From compatibility date 2026-08-04 on, workerd turns nodejs_compat (and with it
  // nodejs_compat_v2: the process and Buffer globals, bare "fs"-style imports) on by default, so leaving the flag out
  // is not enough: switch both off explicitly. The worker's only way out is the loopback network service: fetch to
  // any other address fails.
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "scenario.bundle.js", esModule = embed "scenario.bundle.js")],
  compatibilityDate = "${WORKERD_COMPATIBILITY_DATE}",
  compatibilityFlags = ["no_nodejs_compat", "no_nodejs_compat_v2"],
  globalOutbound = "loopback",
);
`;
}

/** workerd writes one JSON line per event to the control fd: `{"event":"listen","socket":"http","port":N}`. */
function listenPort(stream) {
  return new Promise((resolve, reject) => {
    let buffered = "";
    stream.on("data", (chunk) => {
      buffered += chunk;
      for (const line of buffered.split("\n").slice(0, -1)) {
        try {
          const event = JSON.parse(line);
          if (event.event === "listen" && typeof event.port === "number") resolve(event.port);
        } catch {
          // not ours
        }
      }
      buffered = buffered.slice(buffered.lastIndexOf("\n") + 1);
    });
    stream.on("error", reject);
  });
}

/** What each runtime must have seen. */
function check(runtime, result) {
  const problems = [];
  const { steps = {} } = result ?? {};
  const expect = (condition, message) => void (condition || problems.push(message));
  // React Native as shipped has no WebCrypto: these steps must stop with MissingRuntimeFeatureError naming it.
  const refused = runtime.reactNative === "bare" ? new Set(["passwordGrant", "privateKeyJwtGrant"]) : new Set();
  for (const name of refused) {
    const step = steps[name];
    const error = step?.error;
    expect(step && !step.ok && error?.name === "MissingRuntimeFeatureError" && /crypto\.subtle/.test(error.message ?? ""), `${name}: expected MissingRuntimeFeatureError naming crypto.subtle, got ${JSON.stringify(step)}`);
    delete steps[name];
  }
  if (runtime.reactNative === "bare" && steps.idTokenRejected?.ok) {
    const error = steps.idTokenRejected.error;
    expect(steps.idTokenRejected.rejected && error?.name === "MissingRuntimeFeatureError", `idTokenRejected: expected MissingRuntimeFeatureError, got ${JSON.stringify(steps.idTokenRejected)}`);
    delete steps.idTokenRejected;
  }
  for (const [name, step] of Object.entries(steps)) {
    if (!step.ok) problems.push(`${name}: ${step.error?.name ?? "Error"}: ${step.error?.message}${step.error?.stack ? `\n${indent(step.error.stack, 6)}` : ""}`);
  }
  const { usersGet, usersList, clientCredentialsGrant, passwordGrant, idTokenRejected, userInfo, privateKeyJwtGrant } = steps;
  expect(usersGet, "usersGet: did not run");
  if (usersGet?.ok) expect(usersGet.user_id === target.user_id && usersGet.email === target.email, `usersGet: got ${JSON.stringify(usersGet)}`);
  expect(usersList, "usersList: did not run");
  if (usersList?.ok) {
    const ids = [...usersList.ids].sort();
    expect(JSON.stringify(ids) === JSON.stringify(expectedIds), `usersList: listed ${ids.length} users, expected the tenant's ${expectedIds.length}`);
    // The last page is short, so the walk stops there: no request for an empty page.
    const pages = Math.ceil(expectedIds.length / 2);
    expect(pages >= 3 && usersList.pages === pages, `usersList: ${usersList.pages} page requests for ${expectedIds.length} users at per_page 2, expected ${pages}`);
  }
  expect(clientCredentialsGrant, "clientCredentialsGrant: did not run");
  if (clientCredentialsGrant?.ok) expect(clientCredentialsGrant.token_type === "Bearer" && clientCredentialsGrant.access_token === "string", `clientCredentialsGrant: got ${JSON.stringify(clientCredentialsGrant)}`);
  if (!refused.has("passwordGrant")) expect(passwordGrant, "passwordGrant: did not run");
  if (passwordGrant?.ok) {
    expect(passwordGrant.sub === login.user_id, `passwordGrant: ID token for ${passwordGrant.sub}, expected ${login.user_id}`);
    expect(passwordGrant.requests.some((line) => line.startsWith("GET /.well-known/jwks.json 200")), `passwordGrant: the JWKS was never fetched (${passwordGrant.requests.join(", ")})`);
  }
  if (!refused.has("passwordGrant")) expect(idTokenRejected, "idTokenRejected: did not run");
  if (idTokenRejected?.ok) expect(idTokenRejected.rejected && /HS256/.test(idTokenRejected.error?.message ?? ""), `idTokenRejected: an RS256 ID token passed a client configured for HS256 (${JSON.stringify(idTokenRejected)})`);
  expect(userInfo, "userInfo: did not run");
  if (userInfo?.ok) expect(userInfo.sub === login.user_id, `userInfo: sub ${userInfo.sub}`);
  const { retry, abort, customDomain } = steps;
  const wire = result.wire ?? [];
  expect(retry, "retry: did not run");
  if (retry?.ok) {
    expect(retry.user_id === retryTarget.user_id && retry.retries === 1, `retry: got ${JSON.stringify(retry)}`);
    const statuses = wire.filter((request) => request.method === "GET" && request.path === RETRY_PATH).map((request) => request.status);
    expect(JSON.stringify(statuses) === "[503,200]", `retry: the tenant answered ${JSON.stringify(statuses)} for ${RETRY_PATH}, expected [503,200]`);
  }
  expect(abort, "abort: did not run");
  if (abort?.ok) expect(abort.aborted && abort.error?.name === "AbortError", `abort: the held request was not aborted (${JSON.stringify(abort)})`);
  expect(customDomain, "customDomain: did not run");
  if (customDomain?.ok) {
    const users = wire.filter((request) => request.path === `/api/v2/users/${encodeURIComponent(target.user_id)}`);
    const roles = wire.filter((request) => request.path === "/api/v2/roles");
    expect(users.some((request) => request.customDomain === CUSTOM_DOMAIN), `customDomain: no GET ${users[0]?.path ?? "/api/v2/users/{id}"} carried Auth0-Custom-Domain (${JSON.stringify(users)})`);
    expect(roles.length === 1 && roles[0].customDomain === undefined, `customDomain: GET /api/v2/roles must go without the header (${JSON.stringify(roles)})`);
  }
  if (!refused.has("privateKeyJwtGrant")) expect(privateKeyJwtGrant, "privateKeyJwtGrant: did not run");
  if (privateKeyJwtGrant?.ok) expect(privateKeyJwtGrant.token_type === "Bearer", `privateKeyJwtGrant: got ${JSON.stringify(privateKeyJwtGrant)}`);
  // React Native's URL is partial: the SDK must have built its own read-only one; everywhere else the runtime's.
  const wantedUrl = runtime.reactNative ? "stand-in" : "global URL";
  expect(result.requestUrl === wantedUrl, `request.url was a ${result.requestUrl}, expected the ${wantedUrl}`);
  if (runtime.reactNative) {
    expect(result.runtime === "react-native", `not React Native: ${result.runtime}`);
    const lacking = ["TextEncoder", "TextDecoder", "atob", "btoa", "crypto"];
    const missing = result.globals.missing ?? [];
    const expectMissing = runtime.reactNative === "bare" ? lacking : [];
    for (const name of ["structuredClone", "ReadableStream", "Blob", "process", "Buffer", "require", ...expectMissing]) expect(missing.includes(name), `${name} is visible in the React Native context`);
    if (runtime.reactNative === "webcrypto") for (const name of lacking) expect(!missing.includes(name), `${name} is missing though polyfilled`);
    expect(result.globals.abortSignalAny === "undefined", "AbortSignal.any exists in the React Native context");
  }
  if (runtime.kind === "workerd" || runtime.kind === "edge") {
    const expected = runtime.kind === "edge" ? "edge-runtime" : "workerd";
    expect(result.runtime === expected, `not ${expected}: ${result.runtime}`);
    // Node compatibility off (workerd), or none at all (Edge): none of its globals.
    expect(result.globals.process === "undefined" && result.globals.Buffer === "undefined", `Node globals visible in ${runtime.name}: ${JSON.stringify(result.globals)}`);
  }
  return problems;
}

function exec(bin, argv, options, timeoutMs = PER_RUNTIME_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, argv, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, stdout, stderr });
    });
  });
}

function newestFile(folder) {
  let newest;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    const { mtimeMs } = statSync(path);
    if (!newest || mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  }
  return newest;
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function indent(text, spaces) {
  return text.split("\n").map((line) => " ".repeat(spaces) + line).join("\n");
}

function fail(message) {
  console.error(`test:runtimes: ${message}`);
  process.exit(1);
}
