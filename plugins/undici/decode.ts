import { pipeline, Transform, type Readable } from "node:stream";
import zlib from "node:zlib";

/** Statuses whose response has no body, so nothing to decode (fetch's list). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
/** More codings than this is an attack, not a response (fetch's limit, after CVE fixes in curl and urllib3). */
const MAX_CODINGS = 5;

/**
 * The response body with its `content-encoding` undone, as fetch does (the wire headers ask for gzip, deflate and,
 * over https, br): codings applied last are undone first; an unknown coding leaves the body as sent; HEAD and
 * body-less statuses are not decoded. Decoding is lenient like fetch's (Z_SYNC_FLUSH, as curl does), and a
 * `deflate` body is accepted with or without its zlib wrapper.
 */
export function decodedBody(body: Readable, contentEncoding: string | string[] | undefined, method: string, status: number): Readable {
  if (contentEncoding === undefined || method === "HEAD" || NULL_BODY.has(status)) return body;
  const codings = String(contentEncoding).toLowerCase().split(",");
  if (codings.length > MAX_CODINGS) throw new Error(`too many content-encodings in response: ${codings.length}, maximum allowed is ${MAX_CODINGS}`);
  const decoders: NodeJS.ReadWriteStream[] = [];
  for (let i = codings.length - 1; i >= 0; i--) {
    const decoder = decoderFor(codings[i]!.trim());
    if (decoder === undefined) return body;
    decoders.push(decoder);
  }
  if (decoders.length === 0) return body;
  return pipeline([body, ...decoders], () => undefined) as unknown as Readable;
}

const ZLIB_FLUSH = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };

function decoderFor(coding: string): NodeJS.ReadWriteStream | undefined {
  if (coding === "gzip" || coding === "x-gzip") return zlib.createGunzip(ZLIB_FLUSH);
  if (coding === "deflate") return inflate();
  if (coding === "br") {
    return zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  }
  return undefined;
}

/** Inflate, zlib-wrapped or raw: a wrapped stream's first byte has 8 (deflate) as its low nibble. */
function inflate(): NodeJS.ReadWriteStream {
  let inner: zlib.Inflate | zlib.InflateRaw | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (inner === undefined) {
        if (chunk.length === 0) return void callback();
        inner = (chunk[0]! & 0x0f) === 0x08 ? zlib.createInflate(ZLIB_FLUSH) : zlib.createInflateRaw(ZLIB_FLUSH);
        inner.on("data", (data: Buffer) => this.push(data));
        inner.on("end", () => this.push(null));
        inner.on("error", (error) => this.destroy(error));
      }
      inner.write(chunk, callback);
    },
    final(callback) {
      inner?.end();
      callback();
    },
  });
}
