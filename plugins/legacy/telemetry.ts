import type { ClientInfo } from "auth0";

/** The version v4 reports in `Auth0-Client`: the last v4 release, whose API this entry offers. */
export const LEGACY_VERSION = "4.37.1";

interface RuntimeGlobals {
  process?: { version?: string; versions?: { node?: string } };
  navigator?: { userAgent?: string };
  Deno?: unknown;
}

/** v4's telemetry payload: `{ name: "node-auth0", version: "4.37.1", env: { <runtime>: <process.version without "v"> } }`. */
export function legacyClientInfo(): ClientInfo {
  const g = globalThis as unknown as RuntimeGlobals;
  const runtime =
    g.process?.versions?.node !== undefined
      ? "node"
      : g.navigator?.userAgent === "Cloudflare-Workers"
        ? "cloudflare-workers"
        : g.Deno !== undefined
          ? "deno"
          : "unknown";
  return { name: "node-auth0", version: LEGACY_VERSION, env: { [runtime]: g.process?.version?.replace("v", "") ?? "unknown" } };
}
