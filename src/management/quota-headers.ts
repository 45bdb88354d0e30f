/** One quota bucket of Auth0's token-quota headers (v5's `TokenQuotaLimit`). */
export interface TokenQuotaLimit {
  quota: number;
  remaining: number;
  /** Seconds until the bucket resets. */
  resetAfter: number;
}

/** The buckets of one token-quota header (v5's `TokenQuotaBucket`). */
export interface TokenQuotaBucket {
  perHour?: TokenQuotaLimit;
  perDay?: TokenQuotaLimit;
}

/** The earlier names of the same shapes. */
export type QuotaBucket = TokenQuotaLimit;
export type QuotaLimits = TokenQuotaBucket;

/** Response headers as a `Headers` object or a plain record (names in any case; a list value is joined). */
export type HeaderSource = Headers | Record<string, unknown>;

function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (headers === null || typeof headers !== "object") return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== name) continue;
    const value = record[key];
    if (Array.isArray(value)) return value.join(",");
    return value === undefined || value === null ? undefined : String(value);
  }
  return undefined;
}

/** A count from the header: a whole number, else 0 (as when the field is missing). */
function count(value: string | undefined): number {
  const parsed = value === undefined ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(parsed) ? parsed : 0;
}

/**
 * Auth0's token-quota headers (`Auth0-Client-Quota-Limit`, `Auth0-Organization-Quota-Limit`), as v5 exports them.
 * A header is a comma-separated list of buckets; a bucket is `;`-separated `key=value` fields: `b` the bucket
 * (`per_hour` or `per_day`), `q` the quota, `r` what remains, `t` seconds until the reset. Both forms Auth0 sends
 * are read: `b=per_hour;q=100;r=50;t=3600` and `per_hour;q=100;r=50;t=3600` (the bucket name bare), in any order,
 * with spaces around the separators.
 */
export class HttpResponseHeadersUtils {
  /** The `Auth0-Client-Quota-Limit` header's buckets, or null when the response has none. */
  static getClientQuotaLimit(headers: HeaderSource): TokenQuotaBucket | null {
    const value = headerValue(headers, "auth0-client-quota-limit");
    return value === undefined || value.trim() === "" ? null : parseQuota(value);
  }

  /** The `Auth0-Organization-Quota-Limit` header's buckets, or null when the response has none. */
  static getOrganizationQuotaLimit(headers: HeaderSource): TokenQuotaBucket | null {
    const value = headerValue(headers, "auth0-organization-quota-limit");
    return value === undefined || value.trim() === "" ? null : parseQuota(value);
  }

  /** One header value → its buckets. Both keys are always present (undefined when that bucket is not sent), as in v5. */
  static parseQuota(tokenQuota: string): TokenQuotaBucket {
    return parseQuota(tokenQuota);
  }
}

// Outside the class body: a class that names itself inside its body is renamed by the bundler.
function parseQuota(tokenQuota: string): TokenQuotaBucket {
  const result: TokenQuotaBucket = { perHour: undefined, perDay: undefined };
  for (const bucket of String(tokenQuota).split(",")) {
    const fields = new Map<string, string>();
    let name: string | undefined;
    for (const field of bucket.split(";")) {
      const [key = "", value] = field.split("=", 2).map((part) => part.trim());
      if (value === undefined) {
        if (key !== "") name ??= key.toLowerCase();
      } else fields.set(key.toLowerCase(), value);
    }
    name = fields.get("b")?.toLowerCase() ?? name;
    const limit: TokenQuotaLimit = { quota: count(fields.get("q")), remaining: count(fields.get("r")), resetAfter: count(fields.get("t")) };
    if (name === "per_hour") result.perHour = limit;
    else if (name === "per_day") result.perDay = limit;
  }
  return result;
}

/** v5's environment constant: the templated base URL. */
export const ManagementEnvironment = { Default: "https://%7BTENANT%7D.auth0.com/api/v2" } as const;
/** The values of `ManagementEnvironment`. */
export type ManagementEnvironment = (typeof ManagementEnvironment)[keyof typeof ManagementEnvironment];
