/**
 * The request body as axios should get it. A string goes as is. Anything else — FormData, URLSearchParams, a Blob,
 * bytes, a stream — is encoded by the runtime's own `Response`, exactly as `fetch` (the default transport) encodes
 * it: the same multipart boundary scheme, the same content type. Every axios adapter then gets plain bytes, which
 * matters because axios's own FormData handling differs per adapter (its fetch adapter sends multipart with an
 * urlencoded content type) and its Node adapter refuses web streams and typed-array views.
 */
export async function toAxiosData(body: BodyInit | null | undefined, headers: Record<string, string | false>): Promise<string | ArrayBuffer | undefined> {
  if (body === undefined || body === null) {
    // axios adds `content-type: application/x-www-form-urlencoded` to a POST, PUT or PATCH without one; `fetch`
    // sends none for an empty body, and `false` is axios's way to leave a header out.
    if (headers["content-type"] === undefined) headers["content-type"] = false;
    return undefined;
  }
  if (typeof body === "string") {
    headers["content-type"] ??= "text/plain;charset=UTF-8";
    return body;
  }
  const encoded = new Response(body);
  const contentType = encoded.headers.get("content-type");
  if (contentType !== null) headers["content-type"] ??= contentType;
  return encoded.arrayBuffer();
}
