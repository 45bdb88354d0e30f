import { Readable } from "node:stream";

/** A request body as undici's dispatcher takes it, with the content type `fetch` would derive from it. */
export interface WireBody {
  readonly body: string | Uint8Array | Readable | null;
  readonly contentType: string | undefined;
}

const NONE: WireBody = { body: null, contentType: undefined };
const TEXT = "text/plain;charset=UTF-8";

/**
 * The body as `fetch` sends it: a string as is (`text/plain;charset=UTF-8` unless the chain set a type), bytes as
 * is, a stream (web or Node) streamed with chunked framing as fetch does, and everything else — FormData, URLSearchParams, a Blob — encoded
 * by the runtime's own `Response`, which is fetch's encoder: the same multipart boundary scheme, the same content type
 * and a known length. Synchronous for the common cases (none, a string), so a plain call awaits nothing extra.
 */
export function wireBody(body: BodyInit | null | undefined): WireBody | Promise<WireBody> {
  if (body === undefined || body === null) return NONE;
  if (typeof body === "string") return { body, contentType: TEXT };
  if (body instanceof Uint8Array) return { body, contentType: undefined };
  if (body instanceof ArrayBuffer) return { body: new Uint8Array(body), contentType: undefined };
  if (ArrayBuffer.isView(body)) return { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), contentType: undefined };
  // A web stream (async-iterable on Node) or a Node stream: streamed, chunked, as fetch does.
  if (isAsyncIterable(body)) return { body: body instanceof Readable ? body : Readable.from(body, { objectMode: false }), contentType: undefined };
  return encoded(body);
}

async function encoded(body: BodyInit): Promise<WireBody> {
  const response = new Response(body);
  const contentType = response.headers.get("content-type") ?? undefined;
  return { body: new Uint8Array(await response.arrayBuffer()), contentType };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return typeof value === "object" && value !== null && typeof (value as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === "function";
}
