import type { PipelineRequest, PipelineResponse } from "auth0";

/** A request as a link of the chain sees it (a GET of /api/v2/users unless told otherwise), for tests of one link. */
export function fakeRequest(overrides: Partial<Omit<PipelineRequest, "url">> & { url?: URL | string } = {}): PipelineRequest {
  const url = new URL(overrides.url ?? "https://tenant.example/api/v2/users");
  const method = overrides.method ?? "GET";
  return {
    headers: {},
    responseBody: "json",
    timeoutMs: 0,
    maxRetries: 0,
    operation: { api: url.pathname.startsWith("/api/v2/") ? "management" : "authentication", method, path: url.pathname },
    attempt: 0,
    context: {},
    ...overrides,
    method,
    url,
  };
}

/** An answer with a status and headers, as the fetcher hands it up. */
export function fakeResponse(status: number, headers: Record<string, string> = {}): PipelineResponse {
  return { status, statusText: "", headers: new Headers(headers), url: "", redirected: false, type: "basic", body: {} };
}
