/** One quota bucket from Auth0's `auth0-*-quota-limit` headers. */
export interface QuotaBucket {
  quota: number;
  remaining: number;
  /** Seconds until the bucket resets. */
  resetAfter: number;
}

export interface QuotaLimits {
  perHour?: QuotaBucket;
  perDay?: QuotaBucket;
}

/** Response headers as a `Headers` object or a plain record. */
export type HeaderSource = Headers | Record<string, unknown>;

function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, unknown>;
  for (const key of Object.keys(record)) if (key.toLowerCase() === name) return String(record[key]);
  return undefined;
}

/** Parse `b=per_hour;q=100;r=99;t=3599,b=per_day;q=1000;r=999;t=86399`. */
function parseQuota(value: string | undefined): QuotaLimits | null {
  if (value === undefined || value.trim() === "") return null;
  const limits: QuotaLimits = {};
  for (const bucket of value.split(",")) {
    const fields = new Map(bucket.split(";").map((pair) => pair.trim().split("=") as [string, string]));
    const parsed: QuotaBucket = { quota: Number(fields.get("q")), remaining: Number(fields.get("r")), resetAfter: Number(fields.get("t")) };
    if (fields.get("b") === "per_hour") limits.perHour = parsed;
    else if (fields.get("b") === "per_day") limits.perDay = parsed;
  }
  return limits;
}

/** Helpers for Auth0's quota headers, as exported by v5. */
export const HttpResponseHeadersUtils = {
  getClientQuotaLimit: (headers: HeaderSource): QuotaLimits | null => parseQuota(headerValue(headers, "auth0-client-quota-limit")),
  getOrganizationQuotaLimit: (headers: HeaderSource): QuotaLimits | null => parseQuota(headerValue(headers, "auth0-organization-quota-limit")),
};

/** v5's environment constant: the templated base URL. */
export const ManagementEnvironment = { Default: "https://%7BTENANT%7D.auth0.com/api/v2" } as const;
