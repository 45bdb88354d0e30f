import { SDK_VERSION } from "./version.js";

/** The telemetry payload sent, base64url-encoded, in the `Auth0-Client` header. */
export interface ClientInfo {
  name: string;
  [key: string]: unknown;
}

interface RuntimeGlobals {
  Bun?: { version?: string };
  Deno?: { version?: { deno?: string } };
  EdgeRuntime?: unknown;
  process?: { versions?: { node?: string } };
  navigator?: { userAgent?: string; product?: string };
  window?: unknown;
  importScripts?: unknown;
}

/** The runtime key and version, as the v5 package reports them. */
export function detectRuntime(): { key: string; version: string } {
  const g = globalThis as unknown as RuntimeGlobals;
  if (g.Bun !== undefined) return { key: "bun", version: g.Bun.version ?? "unknown" };
  if (g.Deno !== undefined) return { key: "deno", version: g.Deno.version?.deno ?? "unknown" };
  if (g.navigator?.userAgent === "Cloudflare-Workers") return { key: "cloudflare-workers", version: "unknown" };
  if (typeof g.EdgeRuntime === "string") return { key: "edge-runtime", version: "unknown" };
  if (g.process?.versions?.node !== undefined) return { key: "node", version: g.process.versions.node };
  if (g.navigator?.product === "ReactNative") return { key: "react-native", version: "unknown" };
  if (g.window !== undefined) return { key: "browser", version: "unknown" };
  if (typeof g.importScripts === "function") return { key: "web-worker", version: "unknown" };
  return { key: "unknown", version: "unknown" };
}

export function defaultClientInfo(): ClientInfo {
  const runtime = detectRuntime();
  return { name: "node-auth0", version: SDK_VERSION, env: { [runtime.key]: runtime.version } };
}

/** The `Auth0-Client` header value, or undefined when telemetry is off or the payload has no name. */
export function telemetryHeader(options: { telemetry?: boolean; clientInfo?: ClientInfo }): string | undefined {
  if (options.telemetry === false) return undefined;
  const info = options.clientInfo ?? defaultClientInfo();
  if (typeof info.name !== "string" || info.name === "") return undefined;
  return base64UrlEncode(JSON.stringify(info));
}

/**
 * Base64url of the UTF-8 bytes, without `TextEncoder` or `btoa` (React Native before 0.74 has neither). The text is
 * JSON.stringify's, which escapes a lone surrogate, so encodeURIComponent never meets one.
 */
export function base64UrlEncode(text: string): string {
  const bytes = encodeURIComponent(text).replace(/%(..)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    // Three bytes as 24 bits, written as four characters; the ones past the end are left off (no padding).
    const bits = (bytes.charCodeAt(i) << 16) | ((bytes.charCodeAt(i + 1) || 0) << 8) | (bytes.charCodeAt(i + 2) || 0);
    for (let shift = 18, n = Math.min(bytes.length - i, 3); n >= 0; shift -= 6, n--) out += BASE64URL[(bits >> shift) & 63];
  }
  return out;
}

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
