/** Shared by the legacy tests: a nock tenant that records what it is sent. */
import nock from "nock";

export const DOMAIN = "legacy.example.com";
export const ORIGIN = `https://${DOMAIN}`;

export interface Recorded {
  readonly method: string;
  /** Path and query as sent. */
  readonly path: string;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly body: string;
}

export type Reply = readonly [status: number, body?: string | Record<string, unknown> | unknown[], headers?: Record<string, string>];

/**
 * Answer requests to the tenant with `replies` in turn (the last one repeated), recording each request. A reply that
 * is an `Error` is a connection failure (`replyWithError`).
 */
export function serve(...replies: Array<Reply | Error>): Recorded[] {
  nock.cleanAll();
  const recorded: Recorded[] = [];
  const bodies: string[] = [];
  const scope = nock(ORIGIN);
  scope.on("request", (_request: unknown, _interceptor: unknown, body: string) => bodies.push(body));
  const next = (): Reply | Error => replies[Math.min(recorded.length, replies.length) - 1]!;
  for (const verb of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
    scope
      .intercept(() => true, verb)
      .times(Infinity)
      .reply(function (uri) {
        recorded.push({ method: this.req.method, path: uri, headers: { ...this.req.headers }, body: bodies.shift() ?? "" });
        const reply = next();
        if (reply instanceof Error) throw reply;
        return [reply[0], reply[1] ?? "", reply[2] ?? (typeof reply[1] === "object" ? { "content-type": "application/json" } : {})];
      });
  }
  return recorded;
}

/** What a call rejected with (fails the test if it resolved). */
export async function rejection(pending: Promise<unknown>): Promise<unknown> {
  try {
    await pending;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

export function telemetryOf(header: unknown): unknown {
  return JSON.parse(Buffer.from(String(header), "base64url").toString("utf8"));
}
