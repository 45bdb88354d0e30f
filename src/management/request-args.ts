import { appendQuery } from "../core/query.js";
import { InvalidInputError } from "../core/errors.js";
import type { RequestOptions } from "../core/request-options.js";
import { encodePathParam } from "../core/validate.js";
import type { Endpoint } from "./endpoint.js";

/** A method call's positional arguments, sorted out: path values, the request object and the request options. */
export interface CallArgs {
  readonly pathValues: readonly unknown[];
  /** The request object (query values, multipart fields); undefined when none was given or it is not an object. */
  readonly request: Record<string, unknown> | undefined;
  /** For a JSON-body endpoint: the request argument exactly as given (undefined when left out), v5's body. */
  readonly body?: unknown;
  readonly options: RequestOptions | undefined;
}

const pathNamesCache = new WeakMap<Endpoint, readonly string[]>();

export function pathParamNames(endpoint: Endpoint): readonly string[] {
  let names = pathNamesCache.get(endpoint);
  if (names === undefined) {
    names = Array.from(endpoint.p.matchAll(/\{([^}]+)\}/g), (match) => match[1]!);
    pathNamesCache.set(endpoint, names);
  }
  return names;
}

export function splitArgs(method: string, endpoint: Endpoint, args: readonly unknown[]): CallArgs {
  const count = pathParamNames(endpoint).length;
  const request = endpoint.n ? undefined : args[count];
  const options = args[endpoint.n ? count : count + 1];
  if (endpoint.b === "json") {
    // v5 serialises whatever it is given (`updateUniversalLogin("<html>…")` sends a JSON string); only a value JSON
    // cannot carry is refused.
    if (typeof request === "function" || typeof request === "symbol" || typeof request === "bigint") {
      throw new InvalidInputError("request", `${method}: the request argument must be a JSON value (an object, usually)`);
    }
  } else if (request !== undefined && request !== null && (typeof request !== "object" || Array.isArray(request))) {
    throw new InvalidInputError("request", `${method}: the request argument must be an object`);
  }
  if (options !== undefined && options !== null && typeof options !== "object") {
    throw new InvalidInputError("requestOptions", `${method}: the request options must be an object`);
  }
  const isObject = typeof request === "object" && request !== null && !Array.isArray(request);
  return {
    pathValues: args.slice(0, count),
    request: isObject ? (request as Record<string, unknown>) : undefined,
    ...(endpoint.b === "json" ? { body: request } : {}),
    options: (options ?? undefined) as RequestOptions | undefined,
  };
}

/** The path with each `{name}` replaced by its percent-encoded value (strings only; never "", "." or ".."). */
export function buildPath(endpoint: Endpoint, values: readonly unknown[]): string {
  const names = pathParamNames(endpoint);
  if (names.length === 0) return endpoint.p;
  let index = 0;
  return endpoint.p.replace(/\{[^}]+\}/g, () => {
    const name = names[index]!;
    return encodePathParam(name, values[index++]);
  });
}

const camelCache = new Map<string, string>();
function camel(wire: string): string {
  let value = camelCache.get(wire);
  if (value === undefined) {
    value = wire.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
    camelCache.set(wire, value);
  }
  return value;
}

/**
 * The query string, in the endpoint's wire order, with its defaults. A request property is read by its wire name or
 * that name in camelCase (`search_engine` / `searchEngine`). A property the endpoint does not know is an error rather
 * than silently dropped: a typo would otherwise widen a search or a delete.
 */
export function buildQuery(method: string, endpoint: Endpoint, request: Record<string, unknown> | undefined, overrides?: Record<string, unknown>): string {
  const params = endpoint.q ?? [];
  if (request !== undefined && endpoint.b === undefined) assertKnownKeys(method, params, request);
  const parts: string[] = [];
  for (const param of params) {
    const wire = typeof param === "string" ? param : param[0];
    let value = overrides && wire in overrides ? overrides[wire] : request?.[wire];
    if (value === undefined && request !== undefined) value = request[camel(wire)];
    if (value === undefined && typeof param !== "string") value = param[1];
    if ((value === undefined || value === null) && endpoint.k?.includes(wire)) {
      // v5 threw a TypeError when the request was left out, and sent the call without the key when it was `{}`: a
      // delete-by-email or a by-user list that the API can only refuse.
      throw new InvalidInputError(`request.${wire}`, `${method}: "${wire}" is required`);
    }
    appendQuery(parts, wire, value);
  }
  return parts.join("&");
}

function assertKnownKeys(method: string, params: NonNullable<Endpoint["q"]>, request: Record<string, unknown>): void {
  for (const key in request) {
    if (request[key] === undefined) continue;
    const known = params.some((param) => {
      const wire = typeof param === "string" ? param : param[0];
      return wire === key || camel(wire) === key;
    });
    if (!known) {
      const names = params.map((param) => (typeof param === "string" ? param : param[0]));
      throw new InvalidInputError(
        `request.${key}`,
        `${method}: unknown request property "${key}"${names.length ? ` (expected one of: ${names.join(", ")})` : " (this method takes none)"}; pass extra query parameters through requestOptions.queryParams`,
      );
    }
  }
}
