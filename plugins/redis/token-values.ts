import type { CachedToken } from "auth0";

/** What is stored under the token key: the token, and how far ahead of its expiry the key was set to vanish. */
interface StoredToken {
  readonly accessToken: string;
  readonly aheadMs: number;
}

/** The token lock script's answer (see READ_OR_LOCK). */
export type LockReply =
  | { readonly kind: "token"; readonly value: string; readonly ttlMs: number }
  | { readonly kind: "failed"; readonly reason: string }
  | { readonly kind: "locked" }
  | { readonly kind: "wait"; readonly owner: string };

/**
 * The value to store and its Redis TTL: the token's lifetime less `refreshAheadMs`, at most half of it, so one
 * process renews the token under the lock while the others still use the old one.
 */
export function toStored(token: CachedToken, refreshAheadMs: number): { value: string; ttlMs: number } {
  const lifetimeMs = token.expiresAt - Date.now();
  const aheadMs = Math.min(refreshAheadMs, Math.floor(lifetimeMs / 2));
  const value = JSON.stringify({ accessToken: token.accessToken, aheadMs } satisfies StoredToken);
  return { value, ttlMs: Math.max(1, Math.floor(lifetimeMs - aheadMs)) };
}

/** The token as the core's provider wants it, its expiry taken from Redis' TTL so no two clocks are compared. */
export function fromStored(value: string, ttlMs: number): CachedToken | undefined {
  let stored: unknown;
  try {
    stored = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof stored !== "object" || stored === null) return undefined;
  const { accessToken, aheadMs } = stored as Partial<Record<keyof StoredToken, unknown>>;
  if (typeof accessToken !== "string" || typeof aheadMs !== "number" || !(ttlMs > 0)) return undefined;
  return { accessToken, expiresAt: Date.now() + ttlMs + aheadMs };
}

export function toLockReply(reply: unknown): LockReply {
  if (Array.isArray(reply)) {
    const [kind, first, second] = reply as unknown[];
    if (kind === "token" && typeof first === "string" && typeof second === "number") return { kind, value: first, ttlMs: second };
    if (kind === "failed" && typeof first === "string") return { kind, reason: first };
    if (kind === "locked") return { kind };
    if (kind === "wait" && typeof first === "string") return { kind, owner: first };
  }
  throw new TypeError(`Unexpected reply from the token lock script: ${JSON.stringify(reply)}`);
}

/**
 * Why a fetch failed, for the processes that waited on it: `401 access_denied: Unauthorized` from the token endpoint's
 * error (status, code, description), else the error's name and message. Never the request: it carries the secret.
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const fields = error as Error & Partial<Record<"statusCode" | "error" | "error_description", unknown>>;
  if (typeof fields.statusCode !== "number") return `${error.name}: ${error.message}`;
  const code = typeof fields.error === "string" && fields.error !== "" ? ` ${fields.error}` : "";
  const description = typeof fields.error_description === "string" && fields.error_description !== "" ? fields.error_description : error.message;
  return `${fields.statusCode}${code}: ${description}`;
}
