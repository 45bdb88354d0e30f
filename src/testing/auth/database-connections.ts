import type { TenantContext } from "../context.js";
import { HttpError } from "../errors.js";
import type { IncomingRequest } from "../http/incoming-request.js";
import { json, text, type Reply } from "../http/reply.js";
import { randomToken } from "../internal/ids.js";
import { isJsonObject } from "../internal/json.js";
import { buildUser, conflictingUser, isDatabaseConnection } from "../state/user-factory.js";
import type { ConnectionRecord } from "../state/records.js";
import { Params } from "./params.js";

/** /dbconnections/* answer errors in their own shape: `{ name, code, description, statusCode }`. */
function signupError(status: number, code: string, description: string): HttpError {
  return new HttpError(status, { name: "BadRequestError", code, description, statusCode: status });
}

function databaseConnection(params: Params, ctx: TenantContext): ConnectionRecord {
  const clientId = params.get("client_id");
  if (clientId === undefined) throw signupError(400, "invalid_request", "Missing required parameter: client_id");
  if (!ctx.store.data.clients.has(clientId)) throw signupError(400, "invalid_request", `Unknown client: ${clientId}`);
  const name = params.get("connection");
  if (name === undefined) throw signupError(400, "invalid_request", "Missing required parameter: connection");
  const connection = ctx.store.connectionByName(name);
  if (!connection || !isDatabaseConnection(connection))
    throw signupError(400, "invalid_connection", "Connection does not exist");
  return connection;
}

/**
 * POST /dbconnections/signup: a new database user. An existing email gets Auth0's enumeration-safe
 * `invalid_signup`.
 */
export function signup(request: IncomingRequest, ctx: TenantContext): Reply {
  const params = Params.fromBody(request.body);
  const connection = databaseConnection(params, ctx);
  const email = params.get("email");
  const password = params.get("password");
  if (email === undefined) throw signupError(400, "invalid_request", "Missing required parameter: email");
  if (password === undefined) throw signupError(400, "invalid_request", "Missing required parameter: password");
  const username = params.get("username");
  if (conflictingUser(ctx.store, connection.name, { email, ...(username !== undefined ? { username } : {}) })) {
    throw signupError(400, "invalid_signup", "Invalid sign up");
  }

  const metadata = params.raw("user_metadata");
  const profile = {
    ...(username !== undefined ? { username } : {}),
    ...optional("given_name", params.get("given_name")),
    ...optional("family_name", params.get("family_name")),
    ...optional("name", params.get("name")),
    ...optional("nickname", params.get("nickname")),
    ...optional("picture", params.get("picture")),
  };
  const user = buildUser(connection, {
    email,
    password,
    ...profile,
    ...(isJsonObject(metadata) ? { user_metadata: metadata } : {}),
  });
  ctx.store.data.users.set(user.user_id, user);
  ctx.events.record({
    type: "ss",
    description: "Successful signup",
    client_id: params.get("client_id"),
    user_id: user.user_id,
    user_name: user.email,
    connection: connection.name,
    connection_id: connection.id,
  });
  return json(200, {
    _id: user.user_id.slice(user.user_id.indexOf("|") + 1),
    email_verified: false,
    email: user.email,
    ...profile,
    ...(isJsonObject(metadata) ? { user_metadata: metadata } : {}),
  });
}

/**
 * POST /dbconnections/change_password: "sends" a reset link (see `tenant.sentMessages()`); unknown emails get the
 * same answer.
 */
export function changePassword(request: IncomingRequest, ctx: TenantContext): Reply {
  const params = Params.fromBody(request.body);
  const connection = databaseConnection(params, ctx);
  const email = params.get("email");
  if (email === undefined) throw signupError(400, "invalid_request", "Missing required parameter: email");
  const user = ctx.store.userByEmail(email, connection.name);
  if (user) {
    const link = `${ctx.urls.issuer}lo/reset?ticket=${randomToken(24)}#`;
    ctx.auth.outbox.push({ kind: "password-reset", to: email, link, sentAt: new Date() });
    ctx.events.record({
      type: "scpr",
      description: "Change password request",
      user_id: user.user_id,
      user_name: email,
      connection: connection.name,
    });
  }
  return text(200, "text/html; charset=utf-8", "We've just sent you an email to reset your password.");
}

function optional(name: string, value: string | undefined): Record<string, string> {
  return value === undefined ? {} : { [name]: value };
}
