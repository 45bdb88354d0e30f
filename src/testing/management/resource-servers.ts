import type { TenantContext } from "../context.js";
import { invalidBody, managementError } from "../errors.js";
import { empty, json } from "../http/reply.js";
import { isJsonObject } from "../internal/json.js";
import { buildResourceServer, type NewResourceServerFields } from "../state/entity-factories.js";
import type { ResourceServerScope } from "../state/records.js";
import { BodyFields } from "./body.js";
import { listReply } from "./pagination.js";
import { requireResourceServer } from "./require.js";
import { pathParam, type ManagementRequest, type ManagementRoute } from "./route.js";
import { resourceServerView } from "./views.js";

const MODELLED = new Set([
  "identifier",
  "name",
  "scopes",
  "signing_alg",
  "token_lifetime",
  "token_lifetime_for_web",
  "allow_offline_access",
  "skip_consent_for_verifiable_first_party_clients",
]);

function resourceServerFields(body: BodyFields): Partial<NewResourceServerFields> {
  const fields: Partial<NewResourceServerFields> = {};
  const name = body.string("name");
  if (name !== undefined) fields.name = name;
  const scopes = scopesOf(body.data["scopes"]);
  if (scopes) fields.scopes = scopes;
  const signingAlg = body.string("signing_alg");
  if (signingAlg !== undefined) fields.signing_alg = signingAlg;
  const lifetime = body.number("token_lifetime");
  if (lifetime !== undefined) fields.token_lifetime = lifetime;
  const webLifetime = body.number("token_lifetime_for_web");
  if (webLifetime !== undefined) fields.token_lifetime_for_web = webLifetime;
  const offline = body.boolean("allow_offline_access");
  if (offline !== undefined) fields.allow_offline_access = offline;
  const skipConsent = body.boolean("skip_consent_for_verifiable_first_party_clients");
  if (skipConsent !== undefined) fields.skip_consent_for_verifiable_first_party_clients = skipConsent;
  const extra = Object.fromEntries(Object.entries(body.data).filter(([key]) => !MODELLED.has(key)));
  if (Object.keys(extra).length > 0) fields.extra = extra;
  return fields;
}

function scopesOf(value: unknown): ResourceServerScope[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidBody("'Expected type array' on property scopes.");
  return value.map((scope, index) => {
    if (!isJsonObject(scope) || typeof scope["value"] !== "string") {
      throw invalidBody(`'Missing required property: value' on property scopes[${index}].`);
    }
    const description = scope["description"];
    return { value: scope["value"], ...(typeof description === "string" ? { description } : {}) };
  });
}

function listResourceServers(request: ManagementRequest, ctx: TenantContext) {
  const identifiers = request.query.getAll("identifiers");
  const servers = [...ctx.store.data.resourceServers.values()].filter(
    (server) => identifiers.length === 0 || identifiers.includes(server.identifier),
  );
  return listReply(servers, request.query, { itemsField: "resource_servers", render: resourceServerView });
}

function createResourceServer(request: ManagementRequest, ctx: TenantContext) {
  const body = BodyFields.from(request.body);
  const identifier = body.requiredString("identifier");
  if (ctx.store.resourceServerByIdentifier(identifier)) {
    throw managementError(409, "A resource server with the same identifier already exists", "resource_server_conflict");
  }
  const server = buildResourceServer({ ...resourceServerFields(body), identifier });
  ctx.store.data.resourceServers.set(server.id, server);
  return json(201, resourceServerView(server));
}

function updateResourceServer(request: ManagementRequest, ctx: TenantContext) {
  const server = requireResourceServer(ctx, pathParam(request, "id"));
  if (server.is_system)
    throw managementError(403, "You cannot update a system resource server", "operation_not_supported");
  const { extra, ...fields } = resourceServerFields(BodyFields.from(request.body));
  Object.assign(server, fields);
  if (extra) server.extra = { ...server.extra, ...extra };
  return json(200, resourceServerView(server));
}

function deleteResourceServer(request: ManagementRequest, ctx: TenantContext) {
  const server = requireResourceServer(ctx, pathParam(request, "id"));
  if (server.is_system)
    throw managementError(403, "You cannot delete a system resource server", "operation_not_supported");
  ctx.store.data.resourceServers.delete(server.id);
  for (const [id, grant] of ctx.store.data.clientGrants) {
    if (grant.audience === server.identifier) ctx.store.data.clientGrants.delete(id);
  }
  return empty(204);
}

export const resourceServerRoutes: readonly ManagementRoute[] = [
  {
    method: "GET",
    path: "/resource-servers",
    scopes: ["read:resource_servers"],
    summary: "Get resource servers",
    handle: listResourceServers,
  },
  {
    method: "POST",
    path: "/resource-servers",
    scopes: ["create:resource_servers"],
    summary: "Create a resource server",
    handle: createResourceServer,
  },
  {
    method: "GET",
    path: "/resource-servers/{id}",
    scopes: ["read:resource_servers"],
    summary: "Get a resource server",
    handle: (request, ctx) => json(200, resourceServerView(requireResourceServer(ctx, pathParam(request, "id")))),
  },
  {
    method: "PATCH",
    path: "/resource-servers/{id}",
    scopes: ["update:resource_servers"],
    summary: "Update a resource server",
    handle: updateResourceServer,
  },
  {
    method: "DELETE",
    path: "/resource-servers/{id}",
    scopes: ["delete:resource_servers"],
    summary: "Delete a resource server",
    handle: deleteResourceServer,
  },
];
