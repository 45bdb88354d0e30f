import { definePlugin, type Plugin } from "../../core/plugin.js";
import { throttle, type ThrottleOptions } from "./throttle.js";

export { throttle, apiBucket, type ThrottleOptions } from "./throttle.js";
export type { ThrottleClock } from "./clock.js";
export { rateLimitWaitMs } from "./rate-limit-headers.js";

/**
 * The throttle as a plugin: a `throttle` link inside `retry` (each attempt waits for a token) and above `timeout`
 * (waiting in the queue does not eat the attempt's time budget; the request's timeout bounds the wait on its own).
 * Part of the Management client's default preset; `throttle: false` in the client options, or
 * `client.pipeline.remove("throttle")`, takes it out. Other clients (the AuthenticationClient) take it in `plugins`.
 */
export function throttlePlugin(options: ThrottleOptions = {}): Plugin {
  return definePlugin({
    name: "throttle",
    setup({ pipeline, options: clientOptions }) {
      const configured = (clientOptions.raw as { throttle?: ThrottleOptions | false }).throttle;
      if (configured === false) return;
      pipeline.use(throttle({ ...options, ...configured }), { name: "throttle", after: "retry" });
    },
  });
}
