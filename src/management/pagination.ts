import type { Endpoint } from "./endpoint.js";

/**
 * Offset lists that Auth0 serves only up to 1,000 records (page × per_page beyond that is a 400); the rest of such a
 * list needs a search or checkpoint pagination. Walking a page stops there instead of failing on page 1,001.
 */
const OFFSET_RECORD_LIMIT: Readonly<Record<string, number>> = {
  "/users": 1000,
  "/logs": 1000,
  "/organizations": 1000,
  "/roles/{id}/users": 1000,
};

type Json = Record<string, unknown>;

export function pageItems<T>(endpoint: Endpoint, response: unknown): T[] {
  if (Array.isArray(response)) return response as T[];
  const items = (response as Json | null | undefined)?.[endpoint.pagination![1]];
  return Array.isArray(items) ? (items as T[]) : [];
}

/** Offset lists: is there a page after the one at `pageIndex` of `perPage` items? */
export function hasNextOffsetPage(endpoint: Endpoint, response: unknown, pageIndex: number, perPage: number): boolean {
  const count = pageItems(endpoint, response).length;
  if (count === 0) return false;
  const meta = (Array.isArray(response) ? {} : (response ?? {})) as Json;
  const start = typeof meta.start === "number" ? meta.start : pageIndex * perPage;
  const reached = start + count;
  const limit = OFFSET_RECORD_LIMIT[endpoint.path];
  if (limit !== undefined && reached >= limit) return false;
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
