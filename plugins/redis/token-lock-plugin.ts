import { definePlugin, type Middleware, type PipelineRequest, type PipelineResponse, type Plugin } from "auth0";
import { managementTokenCacheKey } from "./token-keys.js";

/** Releases this process's token lock, recording why the fetch failed. */
type Abandon = (cacheKey: string, reason: string) => Promise<void>;

/**
 * The `redisTokenCache`'s companion plugin. A token request that fails never reaches the cache (the core's provider
 * calls `set` only with a token), so this link, outside `retry`, watches the client's own client-credentials
 * requests: when one ends without a token — an error status after the retries, or a thrown error — it releases the
 * lock this process took for it, at once, and tells the waiting processes why.
 */
export function tokenLockPlugin(abandon: Abandon): Plugin {
  return definePlugin({
    name: "redisTokenLock",
    setup({ pipeline, options }) {
      pipeline.use(releaseOnFailure(options.origin, abandon), { name: "redisTokenLock", before: "retry" });
    },
  });
}

function releaseOnFailure(origin: string, abandon: Abandon): Middleware {
  return async (request, next) => {
    const cacheKey = clientCredentialsCacheKey(origin, request);
    if (cacheKey === undefined) return next(request);
    let response: PipelineResponse;
    try {
      response = await next(request);
    } catch (error) {
      await abandon(cacheKey, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      throw error;
    }
    if (response.status < 200 || response.status >= 300) await abandon(cacheKey, describeFailure(response));
    return response;
  };
}

/** The token cache key a client-credentials request fetches for, or undefined for any other request. */
function clientCredentialsCacheKey(origin: string, request: PipelineRequest): string | undefined {
  if (request.method !== "POST" || request.operation.path !== "/oauth/token" || typeof request.body !== "string") return undefined;
  const form = new URLSearchParams(request.body);
  const clientId = form.get("client_id");
  const audience = form.get("audience");
  if (form.get("grant_type") !== "client_credentials" || clientId === null || audience === null) return undefined;
  return managementTokenCacheKey(origin, clientId, audience);
}

/** `401 access_denied: Unauthorized`, from Auth0's error body when there is one. */
function describeFailure(response: PipelineResponse): string {
  const body = typeof response.body === "object" && response.body !== null ? (response.body as Record<string, unknown>) : {};
  const code = typeof body.error === "string" ? body.error : undefined;
  const description = [body.error_description, body.message].find((text): text is string => typeof text === "string");
  return [`${response.status}${code ? ` ${code}` : ""}`, description].filter(Boolean).join(": ");
}
