import { RequestAbortedError, SKIP_AUTH, type PipelineRequest, type PluginContext } from "auth0";
import { BulkDownloadError } from "../errors.js";
import { recordReader } from "./records.js";

/** What a download needs from its client: the chain and the client's options (timeouts, retries, agent). */
export type DownloadContext = Pick<PluginContext, "pipeline" | "options">;

export interface DownloadProgress {
  readonly bytes: number;
  readonly totalBytes: number | undefined;
}

/**
 * The users of an export file, read from its download link as the bytes arrive: gunzipped with the web
 * `DecompressionStream` (every runtime has it), split into NDJSON lines or CSV rows, parsed one at a time. Memory
 * holds one network chunk and one partial line, however large the file.
 *
 * The link points at another host (Auth0 serves a signed S3/CloudFront URL) and is itself the credential: the request
 * goes through the client's chain — transport, agent, timeout and retries apply — but with the `auth` link skipped and
 * none of the client's headers, so neither the Management API token nor anything meant for the tenant goes there.
 * `skip` users are read and dropped: a retried download resumes where the last one broke off.
 */
export async function* downloadUsers(
  context: DownloadContext,
  location: string,
  format: "json" | "csv",
  options: { readonly skip: number; readonly signal: AbortSignal | undefined; readonly onBytes: (progress: DownloadProgress) => void },
): AsyncGenerator<unknown> {
  const body = await open(context, location, options.signal);
  const length = Number(body.headers.get("content-length"));
  const totalBytes = Number.isFinite(length) && length > 0 ? length : undefined;
  let bytes = 0;
  const counted = body.stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        options.onBytes({ bytes, totalBytes });
        controller.enqueue(chunk);
      },
    }),
  );
  const reader = (await gunzipped(counted)).getReader();
  const decoder = new TextDecoder();
  const records = recordReader(format);
  let skip = options.skip;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const users = done ? [...records.feed(decoder.decode()), ...records.end()] : records.feed(decoder.decode(value, { stream: true }));
      for (const user of users) {
        // A network chunk holds thousands of users: the signal is checked between users, not only between reads.
        if (options.signal?.aborted) throw new RequestAbortedError(options.signal.reason);
        if (skip > 0) skip -= 1;
        else yield user;
      }
      if (done) return;
    }
  } finally {
    // The consumer stopped early or the file broke: end the download.
    await reader.cancel().catch(() => undefined);
  }
}

async function open(context: DownloadContext, location: string, signal: AbortSignal | undefined): Promise<{ stream: ReadableStream<Uint8Array>; headers: Headers }> {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new BulkDownloadError("The export job's download location is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new BulkDownloadError(`The export job's download location is not an http(s) URL (${url.protocol})`);
  const { options } = context;
  const agent = options.raw.agent;
  const request: PipelineRequest = {
    method: "GET",
    url,
    headers: { accept: "*/*" },
    responseBody: "stream",
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    signal,
    operation: { api: "external", method: "GET", path: "(export download)" },
    attempt: 0,
    context: { [SKIP_AUTH]: true },
    ...(agent !== undefined ? { fetchOptions: { dispatcher: agent } } : {}),
  };
  const response = await context.pipeline.send(request);
  const stream = response.body;
  if (response.status < 200 || response.status >= 300 || !(stream instanceof ReadableStream)) {
    if (stream instanceof ReadableStream) await stream.cancel().catch(() => undefined);
    throw new BulkDownloadError(`The export file's download answered ${response.status}${response.status === 403 ? " (the link may have expired)" : ""}`, response.status);
  }
  return { stream: stream as ReadableStream<Uint8Array>, headers: response.headers };
}

/** Auth0's files are gzipped; a server or proxy that already decoded it (Content-Encoding) hands over plain text. */
async function gunzipped(stream: ReadableStream<Uint8Array>): Promise<ReadableStream<Uint8Array>> {
  const reader = stream.getReader();
  // Enough bytes to see gzip's magic number (1f 8b), however the body was cut into chunks.
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < 2) {
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    head.push(value);
    headBytes += value.byteLength;
  }
  const start = concat(head);
  const rest = new ReadableStream<Uint8Array>({
    start(controller) {
      if (start.byteLength > 0) controller.enqueue(start);
      if (ended) controller.close();
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const gzip = start[0] === 0x1f && start[1] === 0x8b;
  return gzip ? rest.pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>) : rest;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
