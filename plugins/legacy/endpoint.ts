/**
 * The data a v4 method is made of. The generator (`npm run generate:legacy`) writes one descriptor line per method
 * into `generated/endpoints.ts`, a block of lines per manager; `parseTable` reads a manager's block once, when the
 * manager is built, and the executor (`executor.ts`) is the only code that interprets the result.
 *
 * The table ships twice (ES module and CommonJS builds), so a line is terse. It is space-separated:
 * - the method name, then the verb as one letter (`G`ET, `P`OST, P`U`T, P`A`TCH, `D`ELETE) followed by the path,
 *   e.g. `get G/users/{id}`. After a manager's first line, a path may begin with a number: that many characters of
 *   the previous line's path come first (`/users/{id}/roles` after `/users/{id}` is written `11/roles`);
 * - `?a,b,c`: the query keys the method sends, in wire order (nothing else from the request parameters is sent); a
 *   capital letter stands for a run of keys: `P` page,per_page,include_totals, `F` fields,include_fields, `C` from,take;
 * - `!a,b`: the keys that must not be null or undefined, in the order v4 checks them (default: the path params);
 * - `j`: the body argument is sent as JSON; `f:a,b`: it is sent as multipart form fields, in that order;
 * - `v` or `t`: the response is not read (`data` is undefined) or read as text (default: parsed as JSON); `o`: read
 *   as JSON unless the status is 204 (v4's `T | void` responses).
 * A method takes a request-parameters argument exactly when its path has params or it sends a query.
 */

/** How v4 turns a successful response into `data`. */
export type ResponseParsing = "json" | "void" | "text" | "json-or-void";

export interface LegacyEndpoint {
  readonly method: string;
  /** Templated path under `/api/v2`. */
  readonly path: string;
  readonly query: readonly string[];
  readonly required: readonly string[];
  /** `json`, or the multipart form fields in wire order; undefined: no body argument. */
  readonly body?: "json" | readonly string[];
  readonly response: ResponseParsing;
  /** The first argument is the request parameters (path and query values). */
  readonly takesParams: boolean;
}

const VERBS: Readonly<Record<string, string>> = { G: "GET", P: "POST", U: "PUT", A: "PATCH", D: "DELETE" };
const QUERY_GROUPS: Readonly<Record<string, readonly string[]>> = { P: ["page", "per_page", "include_totals"], F: ["fields", "include_fields"], C: ["from", "take"] };
const PATH_PARAM = /\{([^}]+)\}/g;

/** A manager's block of descriptor lines → `[method name, endpoint]` pairs. */
export function parseTable(table: string): Array<readonly [string, LegacyEndpoint]> {
  let previous = "";
  return table.split("\n").map((line) => {
    const [name = "", route = "", ...rest] = line.split(" ");
    const endpoint = parseEndpoint(route, rest, previous, line);
    previous = endpoint.path;
    return [name, endpoint] as const;
  });
}

function parseEndpoint(route: string, tokens: readonly string[], previous: string, line: string): LegacyEndpoint {
  const method = VERBS[route.charAt(0)];
  const shared = /^\d+/.exec(route.slice(1))?.[0];
  const path = shared === undefined ? route.slice(1) : previous.slice(0, Number(shared)) + route.slice(1 + shared.length);
  if (method === undefined || !path.startsWith("/")) throw new TypeError(`auth0/legacy: bad endpoint descriptor "${line}"`);
  const pathParams = [...path.matchAll(PATH_PARAM)].map((match) => match[1]!);
  let query: readonly string[] = [];
  let required: readonly string[] = pathParams;
  let body: LegacyEndpoint["body"];
  let response: ResponseParsing = "json";
  for (const token of tokens) {
    if (token.startsWith("?")) query = token.slice(1).split(",").flatMap((key) => QUERY_GROUPS[key] ?? [key]);
    else if (token.startsWith("!")) required = token.slice(1).split(",");
    else if (token === "j") body = "json";
    else if (token.startsWith("f:")) body = token.slice(2).split(",");
    else if (token === "v") response = "void";
    else if (token === "t") response = "text";
    else if (token === "o") response = "json-or-void";
    else throw new TypeError(`auth0/legacy: bad endpoint descriptor "${line}"`);
  }
  return { method, path, query, required, body, response, takesParams: pathParams.length > 0 || query.length > 0 };
}
