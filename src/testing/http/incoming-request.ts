import type { IncomingHttpHeaders } from "node:http";
import type { ParsedBody } from "./parse-body.js";
import type { Reply } from "./reply.js";

/** A request once its body is read and decoded: what the tenant's areas (auth, management) handle. */
export interface IncomingRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: ParsedBody;
}

export interface HandledReply {
  readonly reply: Reply;
  /** The rate limiter refused the request (for the request log and stats). */
  readonly rateLimited: boolean;
}

export type RequestHandler = (request: IncomingRequest) => Promise<HandledReply>;
