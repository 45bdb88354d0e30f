// What the two React Native runs share (react-native.mjs in a Node VM, hermes.mjs under Hermes): React Native's own
// web-API polyfills bundled from the npm packages installed here, and the host side of the loopback network.
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** esbuild (the repository's own dev dependency) and flow-remove-types (this folder's), found from `modules`. */
export async function tools(modules) {
  const requireHere = createRequire(join(modules, "noop.js"));
  const esbuild = await import(pathToFileURL(requireHere.resolve("esbuild", { paths: [join(modules, "..", "..", "..", "node_modules")] })).href);
  return { build: esbuild.build, flowRemoveTypes: requireHere("flow-remove-types"), requireHere };
}

export function packageVersion(modules, name) {
  return JSON.parse(readFileSync(join(modules, ...name.split("/"), "package.json"), "utf8")).version;
}

/**
 * React Native's polyfills as one script, installed in setUpXHR.js's order: URL and URLSearchParams from
 * react-native/Libraries/Blob/URL.js (Flow stripped; its native Blob module absent), AbortController and AbortSignal
 * from abort-controller, then whatwg-fetch, which installs fetch, Headers, Request and Response over the global
 * XMLHttpRequest. `webcrypto`: also TextEncoder/TextDecoder (@sinonjs/text-encoding) and atob/btoa (base-64), as the
 * README's React Native section tells an app to install.
 */
export async function reactNativePolyfills(modules, variant, target = "es2020") {
  const { build, flowRemoveTypes } = await tools(modules);
  const entry = `
    const { URL, URLSearchParams } = require("react-native/Libraries/Blob/URL.js");
    globalThis.URL = URL;
    globalThis.URLSearchParams = URLSearchParams;
    const { AbortController, AbortSignal } = require("abort-controller/dist/abort-controller.js");
    globalThis.AbortController = AbortController;
    globalThis.AbortSignal = AbortSignal;
    require("whatwg-fetch/dist/fetch.umd.js");
    if (${variant === "webcrypto"}) {
      const encoding = require("@sinonjs/text-encoding");
      globalThis.TextEncoder = encoding.TextEncoder;
      globalThis.TextDecoder = encoding.TextDecoder;
      const base64 = require("base-64");
      globalThis.atob = base64.decode;
      globalThis.btoa = base64.encode;
    }`;
  const reactNativeSources = {
    name: "react-native-sources",
    setup(build) {
      // NativeBlobModule is a TurboModule: null where the native Blob module is not linked, which URL.js handles.
      build.onResolve({ filter: /NativeBlobModule$/ }, () => ({ path: "NativeBlobModule", namespace: "absent-native-module" }));
      build.onLoad({ filter: /.*/, namespace: "absent-native-module" }, () => ({ contents: "export default null;", loader: "js" }));
      build.onLoad({ filter: /[\\/]react-native[\\/]Libraries[\\/].*\.js$/ }, (args) => ({
        contents: flowRemoveTypes(readFileSync(args.path, "utf8"), { all: true }).toString(),
        loader: "js",
      }));
    },
  };
  const output = await build({
    stdin: { contents: entry, resolveDir: join(modules, ".."), loader: "js" },
    nodePaths: [modules],
    bundle: true,
    write: false,
    format: "iife",
    platform: "neutral",
    mainFields: ["main"],
    target,
    logLevel: "silent",
    plugins: [reactNativeSources],
  });
  return output.outputFiles[0].text;
}

/**
 * One HTTP exchange for a stand-in XMLHttpRequest, to 127.0.0.1 only. The body as React Native's
 * convertRequestBody passes it to the native side: a string or bytes; anything else is dropped.
 * Resolves `{ status, statusText, headers: [[name, value]…], text }`; `abort()` ends it.
 */
export function loopbackRequest({ method, url, headers, body }) {
  let request;
  const done = new Promise((resolve, reject) => {
    let target;
    try {
      target = new URL(url);
    } catch (error) {
      return reject(error);
    }
    if (target.hostname !== "127.0.0.1" || target.protocol !== "http:") return reject(new Error(`not a loopback URL: ${url}`));
    const payload = typeof body === "string" ? Buffer.from(body, "utf8") : body instanceof Uint8Array ? Buffer.from(body) : undefined;
    request = httpRequest(target, { method, headers: { ...headers, ...(payload ? { "content-length": String(payload.length) } : {}) }, agent: false }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const pairs = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) pairs.push([response.rawHeaders[i], response.rawHeaders[i + 1]]);
        resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? "", headers: pairs, text: Buffer.concat(chunks).toString("utf8") });
      });
    });
    request.on("error", reject);
    request.end(payload);
  });
  return { done, abort: () => request?.destroy() };
}
