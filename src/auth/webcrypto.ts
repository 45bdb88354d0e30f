import { requireGlobals } from "../core/runtime-features.js";

/**
 * Throws `MissingRuntimeFeatureError` naming every global jose needs for `feature` that the runtime lacks: checked
 * before jose is imported, since it builds a TextDecoder at load. `withRandom` adds `crypto.getRandomValues` (a `jti`).
 */
export function assertWebCrypto(feature: string, withRandom?: boolean): void {
  requireGlobals(feature, ["crypto.subtle", "TextEncoder", "TextDecoder", "atob", "btoa", ...(withRandom ? ["crypto.getRandomValues"] : [])]);
}

/** A random UUID (v4): `crypto.randomUUID` where there is one, else built from `crypto.getRandomValues`. */
export function randomUuid(): string {
  const { crypto } = globalThis;
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // The version (4) and variant (10xx) bits of RFC 9562.
  const hex = Array.from(bytes, (byte, i) => (i === 6 ? (byte & 15) | 64 : i === 8 ? (byte & 63) | 128 : byte).toString(16).padStart(2, "0")).join("");
  return hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
}
