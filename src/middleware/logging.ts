import type { LevelledLogger } from "../core/logger.js";
import type { PipelineMiddleware } from "../core/pipeline.js";
import { redactBody, redactHeaders, redactUrl } from "../core/redact.js";

/**
 * One line per HTTP attempt: method, path, status (or the error), duration and attempt number. At `debug` level it
 * adds headers, query and body with every credential masked. No logger configured: the link passes straight through.
 */
export function logging(logger: LevelledLogger | undefined): PipelineMiddleware {
  if (logger === undefined) return (request, next) => next(request);
  return async (request, next) => {
    const started = performance.now();
    const line = `${request.method} ${request.url.pathname} (attempt ${request.attempt + 1})`;
    if (logger.enabled("debug")) {
      logger.log("debug", `auth0 → ${line}`, {
        url: redactUrl(request.url),
        headers: redactHeaders(request.headers),
        body: redactBody(request.body),
      });
    }
    try {
      const response = await next(request);
      const ms = Math.round(performance.now() - started);
      const level = response.status >= 500 ? "error" : response.status >= 400 ? "warn" : "info";
      logger.log(level, `auth0 ← ${line} ${response.status} in ${ms} ms`);
      if (logger.enabled("debug")) logger.log("debug", "auth0 response headers", redactHeaders(response.headers));
      return response;
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      logger.log("error", `auth0 ✗ ${line} failed after ${ms} ms: ${reason}`);
      throw error;
    }
  };
}
