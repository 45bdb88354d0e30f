import { CoreClient, type CallSpec } from "../../src/core/client.js";
import type { CoreClientOptions } from "../../src/core/options.js";
import type { PipelineRequest } from "../../src/core/http.js";
import type { ResourceTable } from "../../src/management/endpoint.js";
import { ManagementExecutor, toManagementError } from "../../src/management/executor.js";
import { buildResource } from "../../src/management/resource.js";
import { staticTokenProvider, type TokenSupplier } from "../../src/management/token-provider.js";

export const DOMAIN = "tenant.example.com";
export const ORIGIN = `https://${DOMAIN}`;

export interface TestClientOptions extends CoreClientOptions {
  domain?: string;
  token?: TokenSupplier;
}

/** A bare core client with a fixed token, for testing the chain without the generated surface. */
export class TestClient extends CoreClient {
  readonly executor: ManagementExecutor;

  constructor(options: TestClientOptions = {}) {
    super(
      { domain: DOMAIN, ...options },
      {
        basePath: "/api/v2",
        defaultTimeoutMs: 60_000,
        defaultMaxRetries: 2,
        tokenProvider: () => staticTokenProvider(options.token ?? "test-token"),
      },
    );
    this.executor = new ManagementExecutor(
      (call, mapError) => this.send(call, mapError),
      (request, error) => this.reportError(request, error),
    );
  }

  /** Send a raw call through the chain. */
  call(call: Partial<CallSpec> = {}): Promise<{ request: PipelineRequest; response: import("../../src/core/http.js").PipelineResponse }> {
    return this.send({ operation: { method: "GET", path: "/things" }, path: "/things", ...call }, toManagementError);
  }

  /** A resource over a hand-written descriptor table. */
  resource<T = Record<string, (...args: unknown[]) => Promise<unknown>>>(table: ResourceTable, name = "things"): T {
    return buildResource(this.executor, table, name) as T;
  }
}
