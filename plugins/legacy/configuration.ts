import type { ClientOptions } from "./options.js";

/**
 * v4's configuration of an API class (`new UsersManager(configuration)`, `new ManagementClientBase(configuration)`):
 * the client options with the API's base URL and the parser that turns an error response into the error to throw.
 * The v4 `ManagementClient` hands its managers its own options plus these two, so a configuration may also carry the
 * client's credentials (`domain` and `token`, or `clientId` with a secret or an assertion key): then the requests are
 * authenticated as the client's. Without credentials nothing is added: v4 sent what `headers` and `middleware` set.
 */
export interface Configuration extends ClientOptions {
  /** E.g. `https://my-tenant.us.auth0.com/api/v2`. Optional when `domain` is given. */
  baseUrl: string;
  /** The error to throw for a response outside 200–299 (default: v4's `ManagementApiError` / `ResponseError`). */
  parseError: (response: Response) => Promise<Error> | Error;
}

/** What a v4 API class accepts: `Configuration`, the `ManagementClient` options, or both in one object. */
export type ManagementConfiguration = Partial<Configuration> &
  ClientOptions & {
    domain?: string;
    audience?: string;
    token?: string | (() => Promise<string>) | (() => string);
    clientId?: string;
    clientSecret?: string;
    clientAssertionSigningKey?: string;
    clientAssertionSigningAlg?: string;
    useMTLS?: boolean;
  };
