import { invalidQuery } from "../errors.js";
import { json, type Reply } from "../http/reply.js";

const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 100;

export interface ListOptions<T> {
  /** Name of the array in paged responses: `users`, `roles`, `connections`, ... */
  readonly itemsField: string;
  /** The endpoint also pages with `from`/`take` (checkpoint); used when either is in the query. */
  readonly checkpoint?: boolean;
  /** Refuse pages past this many results (Auth0's 1000-result search window for `GET /users`). */
  readonly resultWindow?: number;
  /** Turns a stored item into its wire shape; applied to the page only, so large lists stay cheap. */
  readonly render?: (item: T) => unknown;
}

/**
 * Answers a list the way Auth0 does:
 * - checkpoint (`from`/`take`): `{ <items>, next }`, `next` absent on the last page;
 * - offset (`page`/`per_page`): a bare array, or with `include_totals=true` `{ start, limit, length, total, <items> }`.
 */
export function listReply<T>(items: readonly T[], query: URLSearchParams, options: ListOptions<T>): Reply {
  const render = options.render ?? ((item: T): unknown => item);
  if (options.checkpoint && (query.has("from") || query.has("take"))) {
    const start = decodeCursor(query.get("from"));
    const take = boundedInteger(query, "take", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
    const page = items.slice(start, start + take).map(render);
    const nextStart = start + take;
    return json(200, {
      [options.itemsField]: page,
      ...(nextStart < items.length ? { next: encodeCursor(nextStart) } : {}),
    });
  }

  const page = boundedInteger(query, "page", 0, 0, Number.MAX_SAFE_INTEGER);
  const perPage = boundedInteger(query, "per_page", DEFAULT_PER_PAGE, 0, MAX_PER_PAGE);
  const start = page * perPage;
  if (options.resultWindow !== undefined && start + perPage > options.resultWindow) {
    throw invalidQuery(
      `You can only page through the first ${options.resultWindow} records. See https://auth0.com/docs/users/search/v3/view-search-results-by-page#limitation`,
    );
  }
  const slice = items.slice(start, start + perPage).map(render);
  if (query.get("include_totals") !== "true") return json(200, slice);
  return json(200, { start, limit: perPage, length: slice.length, total: items.length, [options.itemsField]: slice });
}

function boundedInteger(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value))
    throw invalidQuery(`'Expected type integer but found type string' on property ${name}.`);
  if (value < min) throw invalidQuery(`'Value ${value} is less than minimum ${min}' on property ${name}.`);
  if (value > max) throw invalidQuery(`'Value ${value} is greater than maximum ${max}' on property ${name}.`);
  return value;
}

/** Checkpoints are opaque to callers; here they encode the position of the next item. */
function encodeCursor(position: number): string {
  return Buffer.from(`pos:${position}`).toString("base64url");
}

function decodeCursor(from: string | null): number {
  if (from === null || from === "") return 0;
  const match = /^pos:(\d+)$/.exec(Buffer.from(from, "base64url").toString("utf8"));
  if (!match?.[1]) throw invalidQuery("'from' is not a valid checkpoint.");
  return Number(match[1]);
}
