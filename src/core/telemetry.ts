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
 * Base64url of the UTF-8 bytes, without `TextEncoder` or `btoa` (React Native before 0.74 has neither). A lone
 * surrogate becomes U+FFFD, as `TextEncoder` makes it.
 */
export function base64UrlEncode(text: string): string {
  const wellFormed = text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g, (unit) => (unit.length === 2 ? unit : "\uFFFD"));
  const binary = encodeURIComponent(wellFormed).replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return base64(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64(binary: string): string {
  if (typeof btoa === "function") return btoa(binary);
  let out = "";
  for (let i = 0; i < binary.length; i += 3) {
    const a = binary.charCodeAt(i);
    const b = i + 1 < binary.length ? binary.charCodeAt(i + 1) : -1;
    const c = i + 2 < binary.length ? binary.charCodeAt(i + 2) : -1;
    out += BASE64[a >> 2]! + BASE64[((a & 3) << 4) | (b < 0 ? 0 : b >> 4)]!;
    out += b < 0 ? "=" : BASE64[((b & 15) << 2) | (c < 0 ? 0 : c >> 6)]!;
    out += c < 0 ? "=" : BASE64[c & 63]!;
  }
  return out;
}
