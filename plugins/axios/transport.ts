import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from "axios";
import type { Fetcher } from "auth0";
import { toAxiosData } from "./request-body.js";
import { toPipelineResponse } from "./response.js";
import { transportError } from "./transport-error.js";

/**
 * The settings the chain owns, applied over the instance's defaults and the plugin's `config`: statuses come back
 * instead of being thrown (the chain maps them), axios has no timeout of its own (the `timeout` link gives each
 * attempt a signal), and the transforms are identities so bodies go out and come back byte for byte — the response
 * is parsed below by the same rules as the default transport.
 */
const OWNED_BY_THE_CHAIN = {
  timeout: 0,
  validateStatus: () => true,
  transformRequest: [(data: unknown) => data],
  transformResponse: [(data: unknown) => data],
  // An instance with `baseURL` and `allowAbsoluteUrls: false` would otherwise prefix the SDK's absolute URLs.
  allowAbsoluteUrls: true,
  // The chain follows redirects, within the request's origin only: axios (follow-redirects) would re-send a 307's
  // body, client secret included, to wherever the Location points.
  maxRedirects: 0,
  fetchOptions: { redirect: "manual" },
} satisfies AxiosRequestConfig;

function limitOf(value: number | undefined): number {
  return value === undefined || value < 0 ? Infinity : value;
}

/** One `instance.request()` per attempt, mapped to and from the chain's request and response. */
export function axiosTransport(instance: AxiosInstance, config: AxiosRequestConfig = {}): Fetcher {
  return async (request) => {
    const headers: Record<string, string | false> = { ...request.headers };
    let response: AxiosResponse<unknown>;
    try {
      const data = await toAxiosData(request.body, headers);
      response = await instance.request<unknown>({
        ...config,
        ...OWNED_BY_THE_CHAIN,
        url: request.url.href,
        method: request.method,
        headers,
        data,
        signal: request.signal,
        // Text, then parsed like the default transport; a stream arrives as a Node stream (http adapter) or a web
        // stream (fetch adapter) and is handed up as a web ReadableStream either way.
        responseType: request.responseBody === "stream" ? "stream" : "text",
        // The client's limit on bodies read into memory (axios counts while reading); streams are the caller's.
        ...(request.responseBody === "stream" ? {} : { maxContentLength: Math.min(request.maxResponseBytes ?? Infinity, limitOf(config.maxContentLength)) }),
      });
    } catch (error) {
      throw transportError(error, request);
    }
    return toPipelineResponse(response, request);
  };
}
