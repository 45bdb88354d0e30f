import { STATUS_CODES } from "node:http";

/**
 * A failure a handler wants on the wire. Handlers throw it; the area that called them (management or authentication)
 * turns it into a reply, so error bodies are built in one place per area.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`HTTP ${status}`);
    this.name = "HttpError";
  }
}

export function statusText(status: number): string {
  return STATUS_CODES[status] ?? "Unknown";
}

/** Management API error body: `{ statusCode, error, message, errorCode }`. */
export function managementError(status: number, message: string, errorCode: string): HttpError {
  return new HttpError(status, { statusCode: status, error: statusText(status), message, errorCode });
}

/** Authentication API (OAuth) error body: `{ error, error_description }`. */
export function oauthError(status: number, error: string, description: string): HttpError {
  return new HttpError(status, { error, error_description: description });
}

export const notFound = {
  user: () => managementError(404, "The user does not exist.", "inexistent_user"),
  role: () => managementError(404, "The role does not exist.", "inexistent_role"),
  client: () => managementError(404, "The client does not exist", "inexistent_client"),
  clientGrant: () => managementError(404, "The client grant does not exist", "inexistent_client_grant"),
  connection: () => managementError(404, "The connection does not exist", "inexistent_connection"),
  organization: () => managementError(404, "No organization found by that id or name", "inexistent_organization"),
  invitation: () => managementError(404, "The invitation does not exist", "inexistent_invitation"),
  resourceServer: () => managementError(404, "The resource server does not exist", "inexistent_resource_server"),
  job: () => managementError(404, "The job does not exist", "inexistent_job"),
  log: () => managementError(404, "The log does not exist", "inexistent_log"),
} as const;

export function invalidBody(detail: string): HttpError {
  return managementError(400, `Payload validation error: ${detail}`, "invalid_body");
}

export function invalidQuery(detail: string): HttpError {
  return managementError(400, `Query validation error: ${detail}`, "invalid_query_string");
}
