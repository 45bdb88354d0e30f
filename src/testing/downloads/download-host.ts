import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { FaultQueue } from "../faults/injector.js";
import type { HandledReply, IncomingRequest } from "../http/incoming-request.js";
import { bytes, text, type Reply } from "../http/reply.js";
import { createRequestListener } from "../http/serve-request.js";
import { listenOnLoopback, type LoopbackServer } from "../http/server.js";
import type { TimerRegistry } from "../internal/timers.js";
import type { ExportFile } from "../jobs/job-state.js";
import type { RequestLog } from "../observe/request-log.js";

export interface DownloadHostDependencies {
  readonly host: string;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  readonly timers: TimerRegistry;
  readonly files: ReadonlyMap<string, ExportFile>;
  readonly linkSeconds: number;
}

const PREFIX = "/exports/";

/**
 * Where export files are downloaded from: a server of its own on another loopback port, like the signed S3/CloudFront
 * links Auth0 hands out (`https://user-exports.auth0.com/job_…/tenant.json.gz?Expires=…&Signature=…`). The link is
 * the credential: it expires, and a request that also carries an `Authorization` header is refused as S3 refuses
 * two auth mechanisms, so a client that sends its Management API token along is caught. Requests land in the tenant's
 * request log and go through its fault queue (match `path: "/exports/"`).
 */
export class DownloadHost {
  readonly #key = randomBytes(32);
  #server: LoopbackServer | undefined;
  #starting: Promise<LoopbackServer> | undefined;

  constructor(private readonly deps: DownloadHostDependencies) {}

  /** Starts the server on first use; resolves to its origin. */
  async start(): Promise<string> {
    this.#starting ??= listenOnLoopback(
      this.deps.host,
      0,
      createRequestListener({
        faults: this.deps.faults,
        log: this.deps.log,
        timers: this.deps.timers,
        maxBodyBytes: 1024,
        handle: (request) => Promise.resolve(this.#handle(request)),
      }),
    );
    this.#server = await this.#starting;
    return this.#origin(this.#server);
  }

  /** A signed link to a job's file, valid for `linkSeconds` from now. Undefined until the server runs. */
  link(jobId: string, fileName: string): string | undefined {
    if (this.#server === undefined) return undefined;
    const path = `${PREFIX}${jobId}/${encodeURIComponent(fileName)}`;
    const expires = Math.floor(Date.now() / 1000) + this.deps.linkSeconds;
    return `${this.#origin(this.#server)}${path}?Expires=${expires}&Key-Pair-Id=MOCKKEYPAIR&Signature=${this.#sign(path, expires)}`;
  }

  async close(): Promise<void> {
    const server = await this.#starting?.catch(() => undefined);
    await server?.close();
  }

  #origin(server: LoopbackServer): string {
    return `http://${this.deps.host}:${server.port}`;
  }

  #sign(path: string, expires: number): string {
    return createHmac("sha256", this.#key).update(`${path}\n${expires}`).digest("base64url");
  }

  #handle(request: IncomingRequest): HandledReply {
    return { reply: this.#answer(request), rateLimited: false };
  }

  #answer(request: IncomingRequest): Reply {
    if (request.method !== "GET" && request.method !== "HEAD") return s3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    if (request.headers.authorization !== undefined) {
      return s3Error(400, "InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified");
    }
    const expires = Number(request.query.get("Expires"));
    const signature = request.query.get("Signature") ?? "";
    if (!Number.isInteger(expires) || !this.#signatureMatches(request.path, expires, signature)) {
      return s3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }
    if (expires < Math.floor(Date.now() / 1000)) return s3Error(403, "AccessDenied", "Request has expired");
    const jobId = request.path.slice(PREFIX.length).split("/")[0] ?? "";
    const file = this.deps.files.get(jobId);
    if (!request.path.startsWith(PREFIX) || file === undefined) return s3Error(404, "NoSuchKey", "The specified key does not exist.");
    return bytes(200, "application/gzip", file.bytes, { "content-disposition": `attachment; filename="${file.name}"` });
  }

  #signatureMatches(path: string, expires: number, signature: string): boolean {
    const expected = Buffer.from(this.#sign(path, expires));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function s3Error(status: number, code: string, message: string): Reply {
  return text(status, "application/xml", `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}
