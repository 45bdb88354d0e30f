import type { TenantContext } from "../context.js";
import { invalidBody } from "../errors.js";
import { empty, json } from "../http/reply.js";
import { newId } from "../internal/ids.js";
import { isJsonObject, type JsonObject } from "../internal/json.js";
import { buildClient, buildCredential, type NewClientFields } from "../state/entity-factories.js";
import type { ClientRecord } from "../state/records.js";
import { BodyFields } from "./body.js";
import { listReply } from "./pagination.js";
import { project } from "./projection.js";
import { requireClient } from "./require.js";
import { pathParam, type ManagementRequest, type ManagementRoute } from "./route.js";
import { clientView } from "./views.js";

const STRING_LISTS = ["grant_types", "callbacks", "allowed_logout_urls", "web_origins"] as const;
const MODELLED = new Set<string>([
  "name",
  "description",
  "app_type",
  "is_first_party",
  "token_endpoint_auth_method",
  "client_metadata",
  "client_authentication_methods",
  "jwt_configuration",
  ...STRING_LISTS,
]);

/** Reads a create/update body into client fields; properties the tenant does not model are kept as `extra`. */
export function clientFields(body: BodyFields): Partial<NewClientFields> {
  const fields: Partial<NewClientFields> = {};
  const name = body.string("name");
  if (name !== undefined) fields.name = name;
  const description = body.string("description");
  if (description !== undefined) fields.description = description;
  const appType = body.string("app_type");
  if (appType !== undefined) fields.app_type = appType;
  const firstParty = body.boolean("is_first_party");
  if (firstParty !== undefined) fields.is_first_party = firstParty;
  const authMethod = body.string("token_endpoint_auth_method");
  if (authMethod !== undefined) fields.token_endpoint_auth_method = authMethod;
  const metadata = body.object("client_metadata");
  if (metadata !== undefined) fields.client_metadata = metadata;
  for (const list of STRING_LISTS) {
    const value = body.stringArray(list);
    if (value !== undefined) fields[list] = value;
  }
  const alg = body.object("jwt_configuration")?.["alg"];
  if (alg === "RS256" || alg === "HS256") fields.id_token_alg = alg;
  else if (alg !== undefined) throw invalidBody("'No enum match for: jwt_configuration.alg' (RS256 or HS256).");
  const credentials = privateKeyJwtCredentials(body.object("client_authentication_methods"));
  if (credentials) fields.credentials = credentials;
  const extra = Object.fromEntries(Object.entries(body.data).filter(([key]) => !MODELLED.has(key)));
  if (Object.keys(extra).length > 0) fields.extra = extra;
  return fields;
}

/** `client_authentication_methods.private_key_jwt.credentials[]`: `{ credential_type: "public_key", pem, alg? }`. */
function privateKeyJwtCredentials(methods: JsonObject | undefined): NewClientFields["credentials"] {
  const privateKeyJwt = methods?.["private_key_jwt"];
  if (!isJsonObject(privateKeyJwt)) return undefined;
  const credentials = privateKeyJwt["credentials"];
  if (!Array.isArray(credentials))
    throw invalidBody("'Expected type array' on property client_authentication_methods.private_key_jwt.credentials.");
  return credentials.map((credential, index) => {
    if (!isJsonObject(credential) || typeof credential["pem"] !== "string") {
      throw invalidBody(
        `'Missing required property: pem' on property client_authentication_methods.private_key_jwt.credentials[${index}].`,
      );
    }
    const alg = credential["alg"];
    const name = credential["name"];
    return {
      pem: credential["pem"],
      ...(typeof alg === "string" ? { alg } : {}),
      ...(typeof name === "string" ? { name } : {}),
    };
  });
}

function listClients(request: ManagementRequest, ctx: TenantContext) {
  const { query } = request;
  const appTypes = query.get("app_type")?.split(",");
  const firstParty = query.get("is_first_party");
  const clients = [...ctx.store.data.clients.values()].filter(
    (client) =>
      (!appTypes || appTypes.includes(client.app_type)) &&
      (firstParty === null || String(client.is_first_party) === firstParty),
  );
  return listReply(clients, query, { itemsField: "clients", render: (client) => project(clientView(client), query) });
}

function createClient(request: ManagementRequest, ctx: TenantContext) {
  const body = BodyFields.from(request.body);
  const name = body.requiredString("name");
  const client = buildClient({ ...clientFields(body), name });
  ctx.store.data.clients.set(client.client_id, client);
  return json(201, clientView(client));
}

function updateClient(request: ManagementRequest, ctx: TenantContext) {
  const client = requireClient(ctx, pathParam(request, "id"));
  const { credentials, extra, ...fields } = clientFields(BodyFields.from(request.body));
  Object.assign(client, fields);
  if (credentials) client.credentials = credentials.map(buildCredential);
  if (extra) client.extra = { ...client.extra, ...extra };
  return json(200, clientView(client));
}

function deleteClient(request: ManagementRequest, ctx: TenantContext) {
  const id = pathParam(request, "id");
  const { data } = ctx.store;
  data.clients.delete(id);
  for (const [grantId, grant] of data.clientGrants) if (grant.client_id === id) data.clientGrants.delete(grantId);
  for (const connection of data.connections.values()) {
    connection.enabled_clients = connection.enabled_clients.filter((clientId) => clientId !== id);
  }
  return empty(204);
}

function rotateSecret(request: ManagementRequest, ctx: TenantContext) {
  const client: ClientRecord = requireClient(ctx, pathParam(request, "id"));
  client.client_secret = newId.clientSecret();
  return json(200, clientView(client));
}

export const clientRoutes: readonly ManagementRoute[] = [
  {
    method: "GET",
    path: "/clients",
    scopes: ["read:clients", "read:client_keys", "read:client_summary"],
    summary: "Get clients",
    handle: listClients,
  },
  { method: "POST", path: "/clients", scopes: ["create:clients"], summary: "Create a client", handle: createClient },
  {
    method: "GET",
    path: "/clients/{id}",
    scopes: ["read:clients", "read:client_keys", "read:client_summary"],
    summary: "Get client by ID",
    handle: (request, ctx) =>
      json(200, project(clientView(requireClient(ctx, pathParam(request, "id"))), request.query)),
  },
  {
    method: "PATCH",
    path: "/clients/{id}",
    scopes: ["update:clients", "update:client_keys"],
    summary: "Update a client",
    handle: updateClient,
  },
  {
    method: "DELETE",
    path: "/clients/{id}",
    scopes: ["delete:clients"],
    summary: "Delete a client",
    handle: deleteClient,
  },
  {
    method: "POST",
    path: "/clients/{id}/rotate-secret",
    scopes: ["update:client_keys"],
    summary: "Rotate a client secret",
    handle: rotateSecret,
  },
];
