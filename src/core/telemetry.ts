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

export function base64UrlEncode(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
