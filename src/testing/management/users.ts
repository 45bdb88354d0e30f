import type { TenantContext } from "../context.js";
import { invalidBody, managementError } from "../errors.js";
import { empty, json } from "../http/reply.js";
import { isoNow } from "../internal/clock.js";
import type { JsonObject } from "../internal/json.js";
import type { UserRecord } from "../state/records.js";
import { buildUser, conflictingUser, isDatabaseConnection } from "../state/user-factory.js";
import { BodyFields } from "./body.js";
import { listReply } from "./pagination.js";
import { requireUser } from "./require.js";
import { project } from "./projection.js";
import { pathParam, type ManagementRequest, type ManagementRoute } from "./route.js";
import { compileSearch } from "./search.js";
import { userView } from "./views.js";

const CREATE_FIELDS = new Set([
  "app_metadata",
  "blocked",
  "connection",
  "email",
  "email_verified",
  "family_name",
  "given_name",
  "name",
  "nickname",
  "password",
  "phone_number",
  "phone_verified",
  "picture",
  "user_id",
  "user_metadata",
  "username",
  "verify_email",
]);
const UPDATE_FIELDS = new Set([
  "app_metadata",
  "blocked",
  "client_id",
  "connection",
  "email",
  "email_verified",
  "family_name",
  "given_name",
  "name",
  "nickname",
  "password",
  "phone_number",
  "phone_verified",
  "picture",
  "user_metadata",
  "username",
  "verify_email",
  "verify_phone_number",
]);
const FREE_TEXT_FIELDS = ["email", "name", "nickname", "username", "given_name", "family_name", "user_id"];
const EMAIL = /^[^\s@]+@[^\s@]+$/;

function listUsers(request: ManagementRequest, ctx: TenantContext) {
  const { query } = request;
  let users = [...ctx.store.data.users.values()];
  const connection = query.get("connection");
  if (connection) users = users.filter((user) => user.connection === connection);
  const q = query.get("q");
  if (q) {
    const matches = compileSearch(q, FREE_TEXT_FIELDS);
    users = users.filter((user) => matches(userView(user)));
  }
  const sort = query.get("sort");
  if (sort) users = sortedBy(users, sort);
  return listReply(users, query, {
    itemsField: "users",
    resultWindow: ctx.options.userSearchLimit,
    render: (user) => project(userView(user), query),
  });
}

function sortedBy(users: UserRecord[], sort: string): UserRecord[] {
  const [field = "", direction = "1"] = sort.split(":");
  const sign = direction === "-1" ? -1 : 1;
  const key = (user: UserRecord): string => {
    const value = userView(user)[field];
    return typeof value === "number" ? String(value).padStart(16, "0") : typeof value === "string" ? value : "";
  };
  return users.sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : 0));
}

function createUser(request: ManagementRequest, ctx: TenantContext) {
  const body = BodyFields.from(request.body);
  rejectUnknown(body.data, CREATE_FIELDS);
  const connectionName = body.requiredString("connection");
  const connection = ctx.store.connectionByName(connectionName);
  if (!connection) throw managementError(400, "The connection does not exist.", "inexistent_connection");

  const email = body.string("email");
  if (email !== undefined && !EMAIL.test(email)) {
    throw invalidBody(`'Object didn't pass validation for format email: ${email}' on property email.`);
  }
  const password = body.string("password");
  if (isDatabaseConnection(connection)) {
    if (email === undefined) throw invalidBody("'Missing required property: email'.");
    if (password === undefined) throw invalidBody("'Missing required property: password'.");
  }
  const username = body.string("username");
  const phoneNumber = body.string("phone_number");
  const identity = {
    ...(email !== undefined ? { email } : {}),
    ...(username !== undefined ? { username } : {}),
    ...(phoneNumber !== undefined ? { phone_number: phoneNumber } : {}),
  };
  if (conflictingUser(ctx.store, connection.name, identity)) {
    throw managementError(409, "The user already exists.", "auth0_idp_error");
  }

  const user = buildUser(connection, {
    ...identity,
    ...optionalFields(body),
    ...(password !== undefined ? { password } : {}),
  });
  if (ctx.store.data.users.has(user.user_id)) throw managementError(409, "The user already exists.", "auth0_idp_error");
  ctx.store.data.users.set(user.user_id, user);
  return json(201, userView(user));
}

function optionalFields(body: BodyFields) {
  const strings = ["user_id", "name", "nickname", "given_name", "family_name", "picture"] as const;
  const fields: { [K in (typeof strings)[number]]?: string } & {
    email_verified?: boolean;
    phone_verified?: boolean;
    blocked?: boolean;
    user_metadata?: JsonObject;
    app_metadata?: JsonObject;
  } = {};
  for (const name of strings) {
    const value = body.string(name);
    if (value !== undefined) fields[name] = value;
  }
  const emailVerified = body.boolean("email_verified");
  if (emailVerified !== undefined) fields.email_verified = emailVerified;
  const phoneVerified = body.boolean("phone_verified");
  if (phoneVerified !== undefined) fields.phone_verified = phoneVerified;
  const blocked = body.boolean("blocked");
  if (blocked !== undefined) fields.blocked = blocked;
  const userMetadata = body.object("user_metadata");
  if (userMetadata !== undefined) fields.user_metadata = userMetadata;
  const appMetadata = body.object("app_metadata");
  if (appMetadata !== undefined) fields.app_metadata = appMetadata;
  return fields;
}

function updateUser(request: ManagementRequest, ctx: TenantContext) {
  const user = requireUser(ctx, pathParam(request, "id"));
  const body = BodyFields.from(request.body);
  rejectUnknown(body.data, UPDATE_FIELDS);

  const email = body.string("email");
  if (email !== undefined) {
    if (!EMAIL.test(email))
      throw invalidBody(`'Object didn't pass validation for format email: ${email}' on property email.`);
    if (conflictingUser(ctx.store, user.connection, { email }, user.user_id)) {
      throw managementError(409, "The specified new email already exists", "email_conflict");
    }
  }
  const username = body.string("username");
  if (username !== undefined && conflictingUser(ctx.store, user.connection, { username }, user.user_id)) {
    throw managementError(409, "The specified new username already exists", "username_conflict");
  }

  const fields = optionalFields(body);
  if (email !== undefined) user.email = email.toLowerCase();
  if (username !== undefined) user.username = username;
  const phoneNumber = body.string("phone_number");
  if (phoneNumber !== undefined) user.phone_number = phoneNumber;
  const password = body.string("password");
  if (password !== undefined) user.password = password;
  for (const name of ["name", "nickname", "given_name", "family_name", "picture"] as const) {
    const value = fields[name];
    if (value !== undefined) user[name] = value;
  }
  if (fields.email_verified !== undefined) user.email_verified = fields.email_verified;
  if (fields.phone_verified !== undefined) user.phone_verified = fields.phone_verified;
  if (fields.blocked !== undefined) user.blocked = fields.blocked;
  // Metadata is merged one level deep; a null value removes the key (Auth0's documented PATCH semantics).
  if (fields.user_metadata) user.user_metadata = mergeMetadata(user.user_metadata, fields.user_metadata);
  if (fields.app_metadata) user.app_metadata = mergeMetadata(user.app_metadata, fields.app_metadata);
  user.updated_at = isoNow();
  return json(200, userView(user));
}

function mergeMetadata(current: JsonObject, patch: JsonObject): JsonObject {
  const merged: JsonObject = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

function deleteUser(request: ManagementRequest, ctx: TenantContext) {
  const id = pathParam(request, "id");
  ctx.store.data.users.delete(id);
  for (const organization of ctx.store.data.organizations.values()) {
    organization.members = organization.members.filter((member) => member.user_id !== id);
  }
  return empty(204);
}

function rejectUnknown(data: JsonObject, allowed: ReadonlySet<string>): void {
  const unknown = Object.keys(data).filter((key) => !allowed.has(key));
  if (unknown.length > 0) throw invalidBody(`'Additional properties not allowed: ${unknown.join(",")}'.`);
}

function usersByEmail(request: ManagementRequest, ctx: TenantContext) {
  const email = request.query.get("email");
  if (!email)
    throw managementError(400, "Query validation error: 'Missing required property: email'.", "invalid_query_string");
  const wanted = email.toLowerCase();
  const users = [...ctx.store.data.users.values()].filter((user) => user.email === wanted);
  return json(
    200,
    users.map((user) => project(userView(user), request.query)),
  );
}

function getUser(request: ManagementRequest, ctx: TenantContext) {
  return json(200, project(userView(requireUser(ctx, pathParam(request, "id"))), request.query));
}

export const userRoutes: readonly ManagementRoute[] = [
  {
    method: "GET",
    path: "/users",
    scopes: ["read:users", "read:user_idp_tokens"],
    summary: "List or Search Users",
    handle: listUsers,
  },
  { method: "POST", path: "/users", scopes: ["create:users"], summary: "Create a User", handle: createUser },
  {
    method: "GET",
    path: "/users/{id}",
    scopes: ["read:users", "read:user_idp_tokens"],
    summary: "Get a User",
    handle: getUser,
  },
  {
    method: "PATCH",
    path: "/users/{id}",
    scopes: ["update:users", "update:users_app_metadata"],
    summary: "Update a User",
    handle: updateUser,
  },
  { method: "DELETE", path: "/users/{id}", scopes: ["delete:users"], summary: "Delete a User", handle: deleteUser },
  {
    method: "GET",
    path: "/users-by-email",
    scopes: ["read:users"],
    summary: "Search Users by Email",
    handle: usersByEmail,
  },
];
