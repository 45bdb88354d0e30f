import nock from "nock";

/** A canned answer: status, body (JSON object or text) and headers. */
export interface Reply {
  readonly status: number;
  readonly body: string | Record<string, unknown>;
  readonly headers: Record<string, string>;
}

/** A request as the tenant received it. */
export interface Recorded {
  readonly method: string;
  /** Path and query as sent. */
  readonly path: string;
  readonly headers: Readonly<Record<string, unknown>>;
  /** The raw body text ("" when there is none). */
  readonly body: string;
}

const VERBS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * Answer every request to `origin` (any verb, any path) with `replies` in turn (the last one repeated), recording
 * each request; `onReply` is told as each answer goes out. Clears nock's interceptors first.
 */
export function serve(origin: string, reply: Reply | readonly [Reply, ...Reply[]], onReply?: () => void): Recorded[] {
  const replies: readonly Reply[] = Array.isArray(reply) ? reply : [reply as Reply];
  nock.cleanAll();
  const recorded: Recorded[] = [];
  const rawBodies: string[] = [];
  const scope = nock(origin);
  scope.on("request", (_request: unknown, _interceptor: unknown, body: string) => rawBodies.push(body));
  for (const verb of VERBS) {
    scope
      .intercept(() => true, verb)
      .times(Infinity)
      .reply(function (uri) {
        recorded.push({ method: this.req.method, path: uri, headers: { ...this.req.headers }, body: rawBodies.shift() ?? "" });
        const answer = replies[Math.min(recorded.length, replies.length) - 1]!;
        onReply?.();
        return [answer.status, answer.body, answer.headers];
      });
  }
  return recorded;
}
