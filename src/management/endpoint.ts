/**
 * The data a generated Management API method is made of. The generator writes one `Endpoint` per method into
 * `generated/resources/*.ts`; the executor (`executor.ts`) is the only code that interprets them.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A query parameter: its wire name, or `[wire name, value sent when the caller leaves it out]`. */
export type QueryParam = string | readonly [wire: string, defaultValue: string | number | boolean];

/** A multipart part: `[wire name, "file" | "field", options]`; flags: `o` sent only when not null, `s` stringified. */
export type MultipartPart = readonly [wire: string, kind: "file" | "field", flags?: "o" | "s" | "os"];

export interface Endpoint {
  readonly method: HttpMethod;
  /** Path under `/api/v2`; each `{name}` is filled, in order, from the method's leading positional arguments. */
  readonly path: string;
  /** Query parameters in wire order (all optional; read from the request object by wire name or its camelCase). */
  readonly query?: readonly QueryParam[];
  /** `json`: the request object is the body. `multipart`: see `parts`. */
  readonly body?: "json" | "multipart";
  readonly parts?: readonly MultipartPart[];
  /** Omitted: a JSON response. */
  readonly response?: "void" | "sse";
  /** Statuses that map to typed error classes; any other error status gives a plain `ManagementError`. */
  readonly errors: readonly number[];
  /** `[kind, field of the response holding the items]`. */
  readonly pagination?: readonly [kind: "offset" | "checkpoint", itemsField: string];
  /** The method takes no request object: the positional arguments after the path params are the request options. */
  readonly noRequest?: true;
}

/** A resource: its methods' endpoints and its sub-resources, by the names the client exposes. */
export interface ResourceTable {
  readonly [member: string]: Endpoint | ResourceTable;
}

export function isEndpoint(entry: Endpoint | ResourceTable): entry is Endpoint {
  return typeof (entry as Endpoint).path === "string" && typeof (entry as Endpoint).method === "string";
}
