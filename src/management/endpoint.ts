/**
 * The data a generated Management API method is made of. The generator writes one `Endpoint` per method into
 * `generated/resources/*.ts`; the executor (`executor.ts`) is the only code that interprets them. The keys are one
 * letter because the 429 descriptors ship in every app's bundle; each is documented here.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A query parameter: its wire name, or `[wire name, value sent when the caller leaves it out]`. */
export type QueryParam = string | readonly [wire: string, defaultValue: string | number | boolean];

/** A multipart part: `[wire name, "file" | "field", flags]`; flags: `o` sent only when not null, `s` stringified. */
export type MultipartPart = readonly [wire: string, kind: "file" | "field", flags?: "o" | "s" | "os"];

export interface Endpoint {
  /** Method: the HTTP verb; left out for GET (183 of the 429 endpoints: 1.5 KB less in every app's bundle). */
  readonly m?: HttpMethod;
  /** Path under `/api/v2`; each `{name}` is filled, in order, from the method's leading positional arguments. */
  readonly p: string;
  /** Query parameters in wire order (all optional; read from the request object by wire name or its camelCase). */
  readonly q?: readonly QueryParam[];
  /** The query parameters the API requires (wire names): a request without one is refused before sending. */
  readonly k?: readonly string[];
  /**
   * Body: `json` or `multipart` (see `f`). A JSON body is the request argument as given, serialised (an object, an
   * array, a string, `null`, …); left out (undefined), the request sends no body and no content type, unless `d`.
   */
  readonly b?: "json" | "multipart";
  /** The request defaults to `{}` (v5 declares `request = {}`): left out, the JSON body is `{}`. */
  readonly d?: 1;
  /** Form parts of a multipart body. */
  readonly f?: readonly MultipartPart[];
  /** Response: omitted = JSON; `void`; `sse` (a server-sent-event stream). */
  readonly r?: "void" | "sse";
  /** Error statuses that map to typed error classes; any other error status gives a plain `ManagementError`. */
  readonly e: readonly number[];
  /** Pagination: `[kind, field of the response holding the items]`. */
  readonly g?: readonly [kind: "offset" | "checkpoint", itemsField: string];
  /** No request object: the positional arguments after the path params are the request options. */
  readonly n?: 1;
}

/** A resource: its methods' endpoints and its sub-resources, by the names the client exposes. */
export interface ResourceTable {
  readonly [member: string]: Endpoint | ResourceTable;
}

export function isEndpoint(entry: Endpoint | ResourceTable): entry is Endpoint {
  // A sub-resource named `p` would be a table (an object), never a string.
  return typeof (entry as Endpoint).p === "string";
}
