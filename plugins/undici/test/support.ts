import { AuthenticationClient, ManagementClient, type Plugin } from "auth0";
import { undiciFetcher } from "auth0/plugins/undici";
import { startRecordingOrigin } from "../../../test/helpers/recording-origin.js";

export type RecordingOrigin = Awaited<ReturnType<typeof startRecordingOrigin>>;
export { startRecordingOrigin };
export { rejectionOf } from "../../../test/auth/support.js";

/**
 * The two transports side by side, against the same loopback server (the tests' nock lets the default transport's
 * fetch reach nothing else): what one does, the other must do the same.
 */
export const TRANSPORTS = [
  { name: "the default transport (fetch)", plugins: (): Plugin[] => [] },
  { name: "auth0/plugins/undici", plugins: (): Plugin[] => [undiciFetcher()] },
] as const;

export type Transport = (typeof TRANSPORTS)[number];

export function management(transport: Transport, domain: string, options: Record<string, unknown> = {}): ManagementClient {
  return new ManagementClient({ domain, token: "wire-token", plugins: transport.plugins(), ...options });
}

export function authentication(transport: Transport, domain: string, options: Record<string, unknown> = {}): AuthenticationClient {
  return new AuthenticationClient({ domain, clientId: "client-id", clientSecret: "client-secret", plugins: transport.plugins(), ...options });
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => ({
  status,
  body: JSON.stringify(body),
  headers: { "content-type": "application/json", ...headers },
});
