// React Native, as far as a machine without a phone can have it: the scenario bundle runs in a Node VM context (V8,
// not Hermes: see README.md beside this file) that holds React Native's own web-API polyfills, taken from the npm
// packages installed in this folder, and lacks every global React Native lacks. Run by run.mjs with this machine's Node:
//   node react-native.mjs <test/runtimes/node_modules> <scenario.script.js> <bare|webcrypto> '<input json>'
// and prints the scenario's result as one JSON line.
//
// What the context has, as React Native's InitializeCore sets it up (Libraries/Core/setUpXHR.js and setUpTimers.js):
// - URL and URLSearchParams: react-native/Libraries/Blob/URL.js (Flow stripped with flow-remove-types; its native
//   blob module absent, as without the Blob module). Its getters (pathname, search, origin…) throw "not implemented".
// - fetch, Headers, Request, Response: whatwg-fetch, over XMLHttpRequest — here a stand-in for React Native's
//   native networking module that sends over node:http to 127.0.0.1 only. Like React Native's, it sends a string or
//   bytes and drops any other body (a URLSearchParams body is lost on a phone); it hands whatwg-fetch the response as
//   text (React Native hands a Blob its native FileReader reads: Blob and FileReader need native modules, so they are
//   left out, and whatwg-fetch takes the text path). No ReadableStream response bodies either way.
// - AbortController and AbortSignal: the abort-controller package (no AbortSignal.any, .timeout, .reason).
// - timers, setImmediate, queueMicrotask, console, performance.now, navigator.product "ReactNative", global.
// What it lacks: TextEncoder, TextDecoder, atob, btoa, crypto, structuredClone, ReadableStream, Blob, FileReader,
// EventTarget, process, Buffer, require. The "webcrypto" variant adds what the README's React Native section tells
// an app to install for ID-token validation and private_key_jwt: TextEncoder/TextDecoder (@sinonjs/text-encoding),
// atob/btoa (base-64), and crypto.getRandomValues/randomUUID/subtle — Node's WebCrypto standing in for
// react-native-quick-crypto, which is native code.
import { webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import vm from "node:vm";
import { loopbackRequest, packageVersion, reactNativePolyfills } from "./react-native-polyfills.mjs";

const [modules, scriptPath, variant, inputJson] = process.argv.slice(2);
const version = (name) => packageVersion(modules, name);

/** What the host gives the context: what React Native's native side provides to JavaScript. */
function hostGlobals() {
  const timers = new Map();
  let nextTimer = 1;
  const addTimer = (set, clear, callback, ms, args) => {
    const id = nextTimer++;
    const handle = set(() => {
      if (set === setTimeout || set === setImmediate) timers.delete(id);
      callback(...args);
    }, ms);
    timers.set(id, () => clear(handle));
    return id;
  };
  const clearTimer = (id) => {
    timers.get(id)?.();
    timers.delete(id);
  };
  const globals = {
    setTimeout: (callback, ms = 0, ...args) => addTimer(setTimeout, clearTimeout, callback, ms, args),
    clearTimeout: clearTimer,
    setInterval: (callback, ms = 0, ...args) => addTimer(setInterval, clearInterval, callback, ms, args),
    clearInterval: clearTimer,
    setImmediate: (callback, ...args) => addTimer((fn) => setImmediate(fn), clearImmediate, callback, 0, args),
    clearImmediate: clearTimer,
    queueMicrotask: (callback) => queueMicrotask(callback),
    // stdout carries the result line; the context's console writes to stderr.
    console: new console.Console(process.stderr, process.stderr),
    performance: { now: () => performance.now() },
    navigator: { product: "ReactNative" },
    XMLHttpRequest: LoopbackXMLHttpRequest,
  };
  if (variant === "webcrypto") {
    globals.crypto = {
      getRandomValues: (array) => webcrypto.getRandomValues(array),
      randomUUID: () => webcrypto.randomUUID(),
      subtle: webcrypto.subtle,
    };
  }
  globals.global = globals;
  return globals;
}

/**
 * The XMLHttpRequest whatwg-fetch drives, standing in for React Native's (Libraries/Network/XMLHttpRequest.js over
 * the native networking module). Only 127.0.0.1 is reachable. No `responseType` property: whatwg-fetch then reads
 * `responseText`.
 */
class LoopbackXMLHttpRequest {
  static UNSENT = 0;
  static OPENED = 1;
  static HEADERS_RECEIVED = 2;
  static LOADING = 3;
  static DONE = 4;
  readyState = 0;
  status = 0;
  statusText = "";
  responseText = "";
  responseURL = "";
  withCredentials = false;
  timeout = 0;
  onload = null;
  onerror = null;
  onabort = null;
  ontimeout = null;
  onreadystatechange = null;
  #method = "GET";
  #url = "";
  #headers = {};
  #responseHeaders = [];
  #exchange = undefined;
  #done = false;

  open(method, url) {
    this.#method = String(method).toUpperCase();
    this.#url = String(url);
    this.#state(1);
  }

  setRequestHeader(name, value) {
    const key = String(name).toLowerCase();
    this.#headers[key] = key in this.#headers ? `${this.#headers[key]}, ${value}` : String(value);
  }

  getAllResponseHeaders() {
    return this.#responseHeaders.map(([name, value]) => `${name}: ${value}\r\n`).join("");
  }

  getResponseHeader(name) {
    const values = this.#responseHeaders.filter(([key]) => key.toLowerCase() === String(name).toLowerCase()).map(([, value]) => value);
    return values.length === 0 ? null : values.join(", ");
  }

  send(body) {
    const bytes = ArrayBuffer.isView(body) ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : Object.prototype.toString.call(body) === "[object ArrayBuffer]" ? new Uint8Array(body) : undefined;
    const exchange = loopbackRequest({ method: this.#method, url: this.#url, headers: this.#headers, body: typeof body === "string" ? body : bytes });
    this.#exchange = exchange;
    exchange.done.then(
      (response) => {
        if (this.#done) return;
        this.status = response.status;
        this.statusText = response.statusText;
        this.responseURL = this.#url;
        this.#responseHeaders = response.headers;
        this.#state(2);
        this.responseText = response.text;
        this.#done = true;
        this.#state(4);
        this.onload?.();
      },
      () => this.#fail("onerror"),
    );
  }

  abort() {
    if (this.#done) return;
    this.#exchange?.abort();
    this.#fail("onabort");
  }

  #fail(handler) {
    if (this.#done) return;
    this.#done = true;
    this.#state(4);
    this[handler]?.();
  }

  #state(state) {
    this.readyState = state;
    this.onreadystatechange?.();
  }
}

// Last, so the class above is initialised first.
const context = vm.createContext(hostGlobals());
vm.runInContext(await reactNativePolyfills(modules, variant), context, { filename: "react-native-polyfills.js" });
vm.runInContext(readFileSync(scriptPath, "utf8"), context, { filename: "scenario.script.js" });
const run = vm.runInContext("__auth0Scenario.default.run", context);
const result = await run(JSON.parse(inputJson));
result.version = `react-native ${version("react-native")} (whatwg-fetch ${version("whatwg-fetch")}, abort-controller ${version("abort-controller")}), Node ${process.versions.node} VM`;
result.globals.missing = vm.runInContext(
  `["TextEncoder", "TextDecoder", "atob", "btoa", "crypto", "structuredClone", "ReadableStream", "Blob", "EventTarget", "process", "Buffer", "require"].filter((name) => typeof globalThis[name] === "undefined")`,
  context,
);
result.globals.abortSignalAny = vm.runInContext(`typeof AbortSignal.any`, context);
console.log(JSON.stringify(result));
process.exit(0);
