/**
 * The request headers exactly as the default transport (ky over Node's `fetch`) puts them on the wire, so a tenant
 * sees the same request whichever transport sent it: the chain's headers and the body's content type (when the
 * chain set none) sorted by name — ky copies them through a `Headers`, which iterates sorted — with `host` left out
 * and `sec-fetch-mode` set to fetch's value; then what fetch adds when absent — `accept`,
 * `accept-language`, `sec-fetch-mode: cors`, `user-agent: node`, the cache headers of a conditional request, and
 * `accept-encoding` (the codings the response reader decodes). undici itself adds `host` and the framing
 * (`content-length`, or chunked for a stream), as it does under fetch.
 */

/** fetch's user agent on Node (`node` since Node 18's undici 5.x). */
const USER_AGENT = "node";
const CONDITIONAL = ["if-modified-since", "if-none-match", "if-unmodified-since", "if-match", "if-range"] as const;

export function wireHeaders(source: Readonly<Record<string, string>>, bodyContentType: string | undefined, https: boolean): string[] {
  const out: string[] = [];
  const names = Object.keys(source);
  const typeFromBody = bodyContentType !== undefined && source["content-type"] === undefined;
  if (typeFromBody) names.push("content-type");
  names.sort();
  for (const name of names) {
    if (name === "host") continue;
    out.push(name, name === "sec-fetch-mode" ? "cors" : name === "content-type" && typeFromBody ? bodyContentType : source[name]!);
  }
  if (source.accept === undefined) out.push("accept", "*/*");
  if (source["accept-language"] === undefined) out.push("accept-language", "*");
  if (source["sec-fetch-mode"] === undefined) out.push("sec-fetch-mode", "cors");
  if (source["user-agent"] === undefined) out.push("user-agent", USER_AGENT);
  // A conditional request makes fetch bypass its (absent) HTTP cache, which it says with these two headers.
  if (CONDITIONAL.some((name) => source[name] !== undefined)) {
    if (source.pragma === undefined) out.push("pragma", "no-cache");
    if (source["cache-control"] === undefined) out.push("cache-control", "no-cache");
  }
  if (source.range !== undefined) {
    // fetch appends `identity` to a ranged request's codings (a header list joins a repeated name with ", ").
    const index = out.indexOf("accept-encoding");
    if (index >= 0 && index % 2 === 0) out[index + 1] += ", identity";
    else out.push("accept-encoding", "identity");
  } else if (source["accept-encoding"] === undefined) out.push("accept-encoding", https ? "br, gzip, deflate" : "gzip, deflate");
  return out;
}
