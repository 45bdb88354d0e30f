// React Native's engine: the scenario under Hermes, with React Native's own polyfills. Run by run.mjs with this
// machine's Node:   node hermes.mjs <test/runtimes/node_modules> <scenario.bundle.js> <bare|webcrypto> '<input json>'
// and prints the scenario's result as one JSON line.
//
// The Hermes is hermes-engine-cli 0.12.0's, the last Hermes CLI on npm (React Native 0.69/0.70's engine): it has no
// class syntax, no ES modules and no async generators. So the program is compiled as Metro compiles an app: esbuild
// wraps the bundle as a classic script (lowered to ES2019), then Babel with @react-native/babel-preset — the preset
// Metro uses — turns it into what Hermes runs. Hermes's CLI has no network and no host timers worth having (its REPL
// waits for every pending timer before it reads on), so hermes-bridge.js, fed first, gives the program React
// Native's XMLHttpRequest and timers over a line protocol with this process, which does the HTTP (127.0.0.1 only)
// and keeps the time. React Native's polyfills on top, as in react-native.mjs: URL/URLSearchParams, abort-controller,
// whatwg-fetch. Nothing else: no TextEncoder, TextDecoder, atob, btoa, crypto, structuredClone, ReadableStream —
// unless the variant is "webcrypto": then, as the README's React Native section tells an app, TextEncoder/TextDecoder
// (@sinonjs/text-encoding), atob/btoa (base-64), and crypto over this process's WebCrypto, standing in for
// react-native-quick-crypto.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes, webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loopbackRequest, packageVersion, reactNativePolyfills, tools } from "./react-native-polyfills.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const [modules, bundlePath, variant, inputJson] = process.argv.slice(2);
const MARK = "\u0001";
const hermes = join(modules, "hermes-engine-cli", process.platform === "darwin" ? "osx-bin" : process.platform === "win32" ? "win64-bin" : "linux64-bin", process.platform === "win32" ? "hermes.exe" : "hermes");
const { build, requireHere } = await tools(modules);

const engine = /Hermes release version: (\S+)/.exec(spawnSync(hermes, ["--version"], { encoding: "utf8" }).stdout)?.[1] ?? "?";
const scenario = (await build({ entryPoints: [bundlePath], write: false, bundle: true, format: "iife", globalName: "__auth0Scenario", platform: "neutral", target: "es2019", logLevel: "silent" })).outputFiles[0].text;
const source = [readFileSync(join(here, "hermes-bridge.js"), "utf8"), await reactNativePolyfills(modules, variant, "es2019"), scenario].join("\n;\n");
const babel = requireHere("@babel/core");
const program = babel.transformSync(source, {
  babelrc: false,
  configFile: false,
  compact: true,
  sourceType: "script",
  presets: [[requireHere.resolve("@react-native/babel-preset"), { disableImportExportTransform: true, enableBabelRuntime: false }]],
}).code;

const child = spawn(hermes, ["-Xmicrotask-queue"], { stdio: ["pipe", "pipe", "pipe"] });
const timers = new Map();
const exchanges = new Map();
let finished = false;
const type = (line) => child.stdin.write(`${line.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029")}\n`);
const deliver = (message) => {
  if (!finished) type(`__bridge.deliver(${JSON.stringify(message)})`);
};
const finish = (code, line) => {
  if (finished) return;
  finished = true;
  for (const timer of timers.values()) clearTimeout(timer);
  for (const exchange of exchanges.values()) exchange.abort();
  if (line !== undefined) console.log(line);
  child.stdin.end();
  child.kill();
  process.exit(code);
};

let pending = "";
child.stdout.on("data", (chunk) => {
  pending += chunk;
  const lines = pending.split("\n");
  pending = lines.pop() ?? "";
  for (const line of lines) {
    const at = line.indexOf(MARK);
    if (at < 0) {
      // The REPL echoes each line's value; what matters is an exception nothing caught.
      if (/^(?:>> )*Uncaught/.test(line)) console.error(`hermes: ${line.slice(0, 2000)}`);
      continue;
    }
    handle(JSON.parse(line.slice(at + 1)));
  }
});
child.stderr.on("data", (chunk) => process.stderr.write(chunk));
child.once("exit", (code) => {
  if (finished) return;
  console.error(`hermes exited (${code}) before the scenario finished`);
  finish(1);
});

function handle(message) {
  switch (message.t) {
    case "timer":
      timers.set(message.id, setTimeout(() => (timers.delete(message.id), deliver({ t: "timer", id: message.id })), message.ms));
      return;
    case "clear":
      clearTimeout(timers.get(message.id));
      timers.delete(message.id);
      return;
    case "xhr": {
      const exchange = loopbackRequest(message);
      exchanges.set(message.id, exchange);
      exchange.done.then(
        (response) => (exchanges.delete(message.id), deliver({ t: "xhr", id: message.id, ...response })),
        () => (exchanges.delete(message.id), deliver({ t: "xhr", id: message.id, error: true })),
      );
      return;
    }
    case "xhr-abort":
      exchanges.get(message.id)?.abort();
      exchanges.delete(message.id);
      return;
    case "subtle":
      subtle(message.op, message.args).then(
        (value) => deliver({ t: "subtle", id: message.id, value }),
        (error) => deliver({ t: "subtle", id: message.id, error: String(error?.message ?? error) }),
      );
      return;
    case "log":
      console.error(`[${message.level}] ${message.text}`);
      return;
    case "done":
      message.result.version = `Hermes ${engine} (hermes-engine-cli ${packageVersion(modules, "hermes-engine-cli")}), react-native ${packageVersion(modules, "react-native")} polyfills and @react-native/babel-preset ${packageVersion(modules, "@react-native/babel-preset")}`;
      return finish(0, JSON.stringify(message.result));
    case "failed":
      console.error(message.error);
      return finish(1);
  }
}

/** The host's WebCrypto behind the program's crypto.subtle ("webcrypto" variant): keys stay here, behind handles. */
const keys = new Map();
async function subtle(op, args) {
  const bytes = (base64) => Buffer.from(base64, "base64");
  switch (op) {
    case "importKey": {
      const [format, data, algorithm, extractable, usages] = args;
      const key = await webcrypto.subtle.importKey(format, format === "jwk" ? data : bytes(data), algorithm, extractable, usages);
      const handle = keys.size + 1;
      keys.set(handle, key);
      const { publicExponent, ...algorithmFields } = key.algorithm;
      return { handle, type: key.type, extractable: key.extractable, usages: key.usages, algorithm: publicExponent ? { ...algorithmFields, publicExponent: [...publicExponent] } : algorithmFields };
    }
    case "sign":
      return Buffer.from(await webcrypto.subtle.sign(args[0], keys.get(args[1]), bytes(args[2]))).toString("base64");
    case "verify":
      return webcrypto.subtle.verify(args[0], keys.get(args[1]), bytes(args[2]), bytes(args[3]));
    case "digest":
      return Buffer.from(await webcrypto.subtle.digest(args[0], bytes(args[1]))).toString("base64");
    default:
      throw new Error(`crypto.subtle.${op} is not bridged`);
  }
}

// The program goes in as a string in 64 KB pieces, then runs; then the scenario starts.
// (Each line ends in `void 0`, or the REPL would echo the program back.)
type('var __program = ""');
for (let i = 0; i < program.length; i += 65_536) type(`__program += ${JSON.stringify(program.slice(i, i + 65_536))}, void 0`);
type("(0, eval)(__program), __program = undefined");
if (variant === "webcrypto") type(`__bridge.webcrypto(${JSON.stringify(randomBytes(4096).toString("base64"))})`);
type(`__bridge.run(${inputJson})`);
