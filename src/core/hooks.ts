import { Hookable } from "hookable";
import type { PipelineRequest, PipelineResponse } from "./http.js";
import { redactRequest, redactResponse } from "./redact.js";

/** Why a request is being retried. */
export type RetryReason =
  | { readonly kind: "status"; readonly status: number }
  | { readonly kind: "network"; readonly code: string | undefined };

/**
 * Lifecycle events, for observability. Hooks observe; to change a request or a response, add middleware.
 * A hook that throws is reported to the client's logger and does not fail the request. The `request` and `response`
 * an event carries are views with every credential masked, as at debug logging (secret headers, query values and
 * body fields, tokens in a response body); `request.context` is the call's own.
 */
export interface ClientHooks {
  /** A call entered the chain (once per call, before the token is fetched). */
  "request:start": (event: { readonly request: PipelineRequest }) => void | Promise<void>;
  /** The `retry` link decided to try again after `delayMs`. */
  "request:retry": (event: {
    readonly request: PipelineRequest;
    readonly attempt: number;
    readonly reason: RetryReason;
    readonly delayMs: number;
  }) => void | Promise<void>;
  /** One attempt got an HTTP response (any status). */
  "request:response": (event: {
    readonly request: PipelineRequest;
    readonly response: PipelineResponse;
    readonly durationMs: number;
  }) => void | Promise<void>;
  /** A call failed; `error` is what the caller receives. */
  "request:error": (event: { readonly request: PipelineRequest; readonly error: unknown }) => void | Promise<void>;
  /** A client-credentials token was fetched. The token itself is never passed to hooks. */
  "token:refreshed": (event: { readonly audience: string; readonly expiresAt: number }) => void | Promise<void>;
}

export type ClientHookName = keyof ClientHooks;

/** A client's hooks (backed by hookable). `hook()` returns a function that unregisters the callback. */
export interface ClientHookable {
  hook<N extends ClientHookName>(name: N, callback: ClientHooks[N]): () => void;
  hookOnce<N extends ClientHookName>(name: N, callback: ClientHooks[N]): () => void;
  removeHook<N extends ClientHookName>(name: N, callback: ClientHooks[N]): void;
  /** Call a hook's callbacks in order (plugins that define their own events use this too). */
  callHook<N extends ClientHookName>(name: N, ...args: Parameters<ClientHooks[N]>): Promise<unknown> | void;
}

export function createClientHooks(): ClientHookable {
  return new Hookable<ClientHooks>() as unknown as ClientHookable;
}

/**
 * Call a hook only when someone listens: the common case (nobody) then costs one property read instead of a promise.
 * Errors thrown by observers are passed to `onError` and never reach the request.
 */
export function emit<N extends ClientHookName>(
  hooks: ClientHookable,
  name: N,
  event: Parameters<ClientHooks[N]>[0],
  onError: (error: unknown) => void,
): void | Promise<void> {
  if (!hasListeners(hooks, name)) return;
  try {
    const result = (hooks.callHook as (name: N, event: unknown) => Promise<unknown> | void)(name, forObservers(event));
    if (result && typeof result.then === "function") return result.then(() => undefined, onError);
  } catch (error) {
    onError(error);
  }
}

/** No secret reaches an observer: the request and response of an event are replaced by masked views. */
function forObservers<E>(event: E): E {
  const { request, response } = event as { request?: PipelineRequest; response?: PipelineResponse };
  if (request === undefined && response === undefined) return event;
  return {
    ...event,
    ...(request !== undefined ? { request: redactRequest(request) } : {}),
    ...(response !== undefined ? { response: redactResponse(response) } : {}),
  };
}

function hasListeners(hooks: ClientHookable, name: ClientHookName): boolean {
  const registry = (hooks as unknown as { _hooks: Record<string, unknown[] | undefined> })._hooks;
  const list = registry[name];
  return list !== undefined && list.length > 0;
}
