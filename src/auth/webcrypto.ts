import { MissingRuntimeFeatureError } from "../core/errors.js";

/** What the JOSE work (jose) needs from the runtime: checked before jose is imported, since it builds a TextDecoder at load. */
const JOSE_GLOBALS: ReadonlyArray<readonly [string, () => boolean]> = [
  ["crypto.subtle", () => typeof globalThis.crypto?.subtle?.importKey === "function"],
  ["TextEncoder", () => typeof globalThis.TextEncoder === "function"],
  ["TextDecoder", () => typeof globalThis.TextDecoder === "function"],
  ["atob", () => typeof globalThis.atob === "function" || hasUint8ArrayBase64()],
  ["btoa", () => typeof globalThis.btoa === "function" || hasUint8ArrayBase64()],
];

const RANDOM = ["crypto.getRandomValues", () => typeof globalThis.crypto?.getRandomValues === "function"] as const;

const HINT = "On React Native, install react-native-quick-crypto and the other polyfills the README's React Native section lists.";

/**
 * Throws `MissingRuntimeFeatureError` naming every missing global when the runtime cannot do `feature` with WebCrypto
 * (React Native without a polyfill has no `crypto.subtle`). `withRandom` adds `crypto.getRandomValues` (a `jti`).
 */
export function assertWebCrypto(feature: string, withRandom = false): void {
  const checks = withRandom ? [...JOSE_GLOBALS, RANDOM] : JOSE_GLOBALS;
  const missing = checks.filter(([, present]) => !present()).map(([name]) => name);
  if (missing.length > 0) throw new MissingRuntimeFeatureError(feature, missing, HINT);
}

/** A random UUID (v4): `crypto.randomUUID` where there is one, else built from `crypto.getRandomValues`. */
export function randomUuid(): string {
  if (typeof globalThis.crypto.randomUUID === "function") return globalThis.crypto.randomUUID();
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function hasUint8ArrayBase64(): boolean {
  return typeof (Uint8Array as unknown as { fromBase64?: unknown }).fromBase64 === "function";
}
