import type { IncomingMessage, ServerResponse } from "node:http";
import { statusText } from "../errors.js";
import type { Fault } from "../faults/fault.js";
import { proxyErrorPage } from "../faults/html-page.js";
import type { FaultQueue } from "../faults/injector.js";
import type { TimerRegistry } from "../internal/timers.js";
import { queryRecord, type RequestLog } from "../observe/request-log.js";
import { deliver, deliverSlowly, deliverTruncated, resetConnection } from "./deliver.js";
import type { RequestHandler } from "./incoming-request.js";
import { parseBody } from "./parse-body.js";
import { BodyTooLargeError, readBody } from "./read-body.js";
import { encodeReply, json, text, type EncodedReply, type Reply } from "./reply.js";

export interface ServeDependencies {
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  readonly timers: TimerRegistry;
  readonly maxBodyBytes: number;
  /** The tenant's clock when a test gave one: timestamps and the `date` header follow it. */
  readonly clock?: (() => number) | undefined;
  readonly handle: RequestHandler;
}

/**
 * One request, start to finish: pick a fault, read the body, let the tenant handle it (unless a fault answers in its
 * place), then deliver the reply as the fault dictates. Every outcome, resets included, lands in the request log.
 */
export function createRequestListener(deps: ServeDependencies): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    serve(deps, req, res).catch(() => {
      // The connection failed under us (client gone, reset): nothing left to answer.
      if (!res.headersSent) res.destroy();
    });
  };
}

async function serve(deps: ServeDependencies, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const now = deps.clock ?? Date.now;
  const startedAt = new Date(now());
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", "http://mock-tenant.invalid");
  const fault = deps.faults.take(method, url.pathname);
  let rawBody: Buffer = Buffer.alloc(0);
  const record = (status: number, rateLimited = false, responseHeaders: Readonly<Record<string, string>> = {}): void =>
    deps.log.record({
      method,
      path: url.pathname,
      query: queryRecord(url.searchParams),
      headers: req.headers,
      body: rawBody.toString("utf8"),
      status,
      ...(fault ? { fault: fault.kind } : {}),
      rateLimited,
      responseHeaders,
      startedAt,
      durationMs: now() - startedAt.getTime(),
    });

  if (fault?.kind === "reset" && fault.when === "before-body") {
    record(0);
    resetConnection(req.socket);
    return;
  }

  try {
    rawBody = await readBody(req, deps.maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    const reply = json(413, {
      statusCode: 413,
      error: statusText(413),
      message: error.message,
      errorCode: "payload_too_large",
    });
    record(413);
    deliver(res, encodeReply(reply));
    return;
  }

  const standIn = standInReply(fault);
  if (standIn) {
    const encoded = stamped(encodeReply(standIn), deps.clock);
    record(standIn.status, false, encoded.headers);
    deliver(res, encoded);
    return;
  }

  if (fault?.kind === "latency") await deps.timers.sleep(fault.ms);

  const { reply, rateLimited } = await deps.handle({
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: parseBody(req.headers["content-type"], rawBody),
  });
  const encoded = stamped(encodeReply(reply), deps.clock);

  if (fault?.kind === "reset") {
    // after-body: the request was processed (a write took effect), but the answer never leaves.
    record(0, rateLimited);
    resetConnection(req.socket);
    return;
  }
  record(reply.status, rateLimited, encoded.headers);
  if (fault?.kind === "slow-body") {
    await deliverSlowly(res, encoded, fault.chunkDelayMs, fault.chunkSize ?? 8, deps.timers);
  } else if (fault?.kind === "truncate") {
    deliverTruncated(res, encoded, fault.sendBytes);
  } else {
    deliver(res, encoded);
  }
}

/** Node writes `date` from the real clock; a tenant on a test's clock writes its own. */
function stamped(reply: EncodedReply, clock: (() => number) | undefined): EncodedReply {
  if (clock && reply.headers["date"] === undefined) reply.headers["date"] = new Date(clock()).toUTCString();
  return reply;
}

/** The reply a fault sends in the tenant's place (something in front of the tenant answered), if it does. */
function standInReply(fault: Fault | undefined): Reply | undefined {
  if (fault?.kind === "html") {
    const status = fault.status ?? 502;
    return text(status, "text/html", fault.html ?? proxyErrorPage(status));
  }
  if (fault?.kind !== "status") return undefined;
  const headers = { ...fault.headers };
  const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1];
  for (const name of Object.keys(headers)) if (name.toLowerCase() === "content-type") delete headers[name];
  if (fault.body === undefined) {
    const status = fault.status;
    if (status === 204 || status === 304) return { status, headers, body: { kind: "empty" } };
    return json(status, defaultErrorBody(status), headers);
  }
  if (typeof fault.body === "string")
    return text(fault.status, contentType ?? "text/plain; charset=utf-8", fault.body, headers);
  return json(fault.status, fault.body, headers);
}

function defaultErrorBody(status: number): unknown {
  if (status === 429) {
    return {
      statusCode: 429,
      error: statusText(429),
      message: "Global limit has been reached",
      errorCode: "too_many_requests",
    };
  }
  return { statusCode: status, error: statusText(status), message: statusText(status), errorCode: `http_${status}` };
}
