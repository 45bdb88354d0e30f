/** What a handler answers. The server turns it into bytes, possibly through a fault (slow, truncated, reset). */
export type ReplyBody =
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "text"; readonly contentType: string; readonly text: string }
  /** Bytes as they are, e.g. a gzipped export file. */
  | { readonly kind: "bytes"; readonly contentType: string; readonly bytes: Buffer }
  | { readonly kind: "empty" };

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ReplyBody;
}

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: { kind: "json", value } };
}

export function text(status: number, contentType: string, value: string, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: { kind: "text", contentType, text: value } };
}

export function bytes(status: number, contentType: string, value: Buffer, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: { kind: "bytes", contentType, bytes: value } };
}

export function empty(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: { kind: "empty" } };
}

export function withHeaders(reply: Reply, headers: Readonly<Record<string, string>>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

/** The reply as it goes on the wire: final headers (content-type, content-length) and the payload bytes. */
export interface EncodedReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly payload: Buffer;
}

export function encodeReply(reply: Reply): EncodedReply {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: Buffer;
  switch (reply.body.kind) {
    case "json":
      headers["content-type"] = JSON_CONTENT_TYPE;
      payload = Buffer.from(JSON.stringify(reply.body.value), "utf8");
      break;
    case "text":
      headers["content-type"] = reply.body.contentType;
      payload = Buffer.from(reply.body.text, "utf8");
      break;
    case "bytes":
      headers["content-type"] = reply.body.contentType;
      payload = reply.body.bytes;
      break;
    case "empty":
      payload = Buffer.alloc(0);
      break;
  }
  // 204 and 304 carry no body, so no content-length either (RFC 9110 §8.6).
  if (reply.status !== 204 && reply.status !== 304) headers["content-length"] = String(payload.length);
  return { status: reply.status, headers, payload };
}
