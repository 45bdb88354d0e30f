import type { TenantContext } from "../context.js";
import { managementError } from "../errors.js";
import { empty, json } from "../http/reply.js";
import { buildConnection } from "../state/entity-factories.js";
import { BodyFields } from "./body.js";
import { listReply } from "./pagination.js";
import { project } from "./projection.js";
import { requireConnection } from "./require.js";
import { pathParam, type ManagementRequest, type ManagementRoute } from "./route.js";
import { connectionView } from "./views.js";

function listConnections(request: ManagementRequest, ctx: TenantContext) {
  const { query } = request;
  const strategies = query.getAll("strategy").flatMap((value) => value.split(","));
  const name = query.get("name");
  const connections = [...ctx.store.data.connections.values()].filter(
    (connection) =>
      (strategies.length === 0 || strategies.includes(connection.strategy)) &&
      (name === null || connection.name === name),
  );
  return listReply(connections, query, {
    itemsField: "connections",
    checkpoint: true,
    render: (connection) => project(connectionView(connection), query),
  });
}

function createConnection(request: ManagementRequest, ctx: TenantContext) {
  const body = BodyFields.from(request.body);
  const name = body.requiredString("name");
  const strategy = body.requiredString("strategy");
  if (ctx.store.connectionByName(name)) {
    throw managementError(409, "A connection with the same name already exists", "connection_conflicts");
  }
  const displayName = body.string("display_name");
  const options = body.object("options");
  const enabledClients = body.stringArray("enabled_clients");
  const isDomainConnection = body.boolean("is_domain_connection");
  const realms = body.stringArray("realms");
  const metadata = body.object("metadata");
  const connection = buildConnection({
    name,
    strategy,
    ...(displayName !== undefined ? { display_name: displayName } : {}),
    ...(options !== undefined ? { options } : {}),
    ...(enabledClients !== undefined ? { enabled_clients: enabledClients } : {}),
    ...(isDomainConnection !== undefined ? { is_domain_connection: isDomainConnection } : {}),
    ...(realms !== undefined ? { realms } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
  });
  ctx.store.data.connections.set(connection.id, connection);
  return json(201, connectionView(connection));
}

function updateConnection(request: ManagementRequest, ctx: TenantContext) {
  const connection = requireConnection(ctx, pathParam(request, "id"));
  const body = BodyFields.from(request.body);
  const displayName = body.string("display_name");
  if (displayName !== undefined) connection.display_name = displayName;
  const options = body.object("options");
  if (options !== undefined) connection.options = options;
  const enabledClients = body.stringArray("enabled_clients");
  if (enabledClients !== undefined) connection.enabled_clients = enabledClients;
  const isDomainConnection = body.boolean("is_domain_connection");
  if (isDomainConnection !== undefined) connection.is_domain_connection = isDomainConnection;
  const realms = body.stringArray("realms");
  if (realms !== undefined) connection.realms = realms;
  const metadata = body.object("metadata");
  if (metadata !== undefined) connection.metadata = metadata;
  return json(200, connectionView(connection));
}

/** Deleting a connection deletes its users too (Auth0 does it in the background; here it is immediate). */
function deleteConnection(request: ManagementRequest, ctx: TenantContext) {
  const connection = requireConnection(ctx, pathParam(request, "id"));
  const { data } = ctx.store;
  data.connections.delete(connection.id);
  for (const [id, user] of data.users) if (user.connection === connection.name) data.users.delete(id);
  return empty(202);
}

function deleteConnectionUserByEmail(request: ManagementRequest, ctx: TenantContext) {
  const connection = requireConnection(ctx, pathParam(request, "id"));
  const email = request.query.get("email");
  if (!email)
    throw managementError(400, "Query validation error: 'Missing required property: email'.", "invalid_query_string");
  const user = ctx.store.userByEmail(email, connection.name);
  if (user) ctx.store.data.users.delete(user.user_id);
  return empty(204);
}

export const connectionRoutes: readonly ManagementRoute[] = [
  {
    method: "GET",
    path: "/connections",
    scopes: ["read:connections"],
    summary: "Get all connections",
    handle: listConnections,
  },
  {
    method: "POST",
    path: "/connections",
    scopes: ["create:connections"],
    summary: "Create a connection",
    handle: createConnection,
  },
  {
    method: "GET",
    path: "/connections/{id}",
    scopes: ["read:connections"],
    summary: "Get a connection",
    handle: (request, ctx) =>
      json(200, project(connectionView(requireConnection(ctx, pathParam(request, "id"))), request.query)),
  },
  {
    method: "PATCH",
    path: "/connections/{id}",
    scopes: ["update:connections"],
    summary: "Update a connection",
    handle: updateConnection,
  },
  {
    method: "DELETE",
    path: "/connections/{id}",
    scopes: ["delete:connections"],
    summary: "Delete a connection",
    handle: deleteConnection,
  },
  {
    method: "DELETE",
    path: "/connections/{id}/users",
    scopes: ["delete:users"],
    summary: "Delete a connection user",
    handle: deleteConnectionUserByEmail,
  },
];
