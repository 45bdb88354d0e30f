import type { Attributes } from "@opentelemetry/api";
import type { ClientHooks } from "auth0";
import type { OpenSpans } from "./open-spans.js";

type RetryScheduled = Parameters<ClientHooks["request:retry"]>[0];

/**
 * The `request:retry` hook: an `auth0.retry` event on the span of the attempt being retried (still open, see
 * `OpenSpans`) with the resend number, the reason and the wait, then that span ends.
 */
export function retryEvent(open: OpenSpans, { request, attempt, reason, delayMs }: RetryScheduled): void {
  const span = open.get(request.context);
  if (span === undefined) return;
  const attributes: Attributes = { "http.request.resend_count": attempt, "auth0.retry.reason": reason.kind, "auth0.retry.delay_ms": delayMs };
  if (reason.kind === "status") attributes["http.response.status_code"] = reason.status;
  else if (reason.code !== undefined) attributes["error.type"] = reason.code;
  span.addEvent("auth0.retry", attributes);
  open.end(request.context);
}
