import type { Endpoint } from "./endpoint.js";

/**
 * Searches that Auth0 answers only up to 1,000 records (asking for a page past that is a 400): a user search (`q`)
 * and a log search (`search`). Walking such a search stops at the limit instead of failing on the page after it; the rest
 * needs a narrower search or an export job.
 */
const SEARCH_RECORD_LIMIT: Readonly<Record<string, { readonly param: string; readonly limit: number }>> = {
  "/users": { param: "q", limit: 1000 },
  "/logs": { param: "search", limit: 1000 },
};

type Json = Record<string, unknown>;

export function pageItems<T>(endpoint: Endpoint, response: unknown): T[] {
  if (Array.isArray(response)) return response as T[];
  const items = (response as Json | null | undefined)?.[endpoint.g![1]];
  return Array.isArray(items) ? (items as T[]) : [];
}

/** Offset lists: is there a page after the one at `pageIndex` of `perPage` items? */
export function hasNextOffsetPage(
  endpoint: Endpoint,
  response: unknown,
  pageIndex: number,
  perPage: number,
  request: Record<string, unknown> | undefined,
): boolean {
  const count = pageItems(endpoint, response).length;
  if (count === 0) return false;
  const meta = (Array.isArray(response) ? {} : (response ?? {})) as Json;
  const start = typeof meta.start === "number" ? meta.start : pageIndex * perPage;
  const reached = start + count;
  const search = SEARCH_RECORD_LIMIT[endpoint.p];
  if (search !== undefined && request?.[search.param] !== undefined && reached >= search.limit) return false;
  // With totals the answer is exact, so no empty request is made at the end of the list.
  if (typeof meta.total === "number") return reached < meta.total;
  // Without them, a full page suggests more; the server's own `limit` wins over the request's per_page (it caps it).
  const pageSize = typeof meta.limit === "number" && meta.limit > 0 ? meta.limit : perPage;
  return count >= pageSize;
}

/** Checkpoint lists: the cursor for the next page, if any. */
export function nextCheckpoint(response: unknown): string | undefined {
  const next = (response as Json | null | undefined)?.next;
  return typeof next === "string" && next !== "" ? next : undefined;
}
