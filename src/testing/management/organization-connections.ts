import type { TenantContext } from "../context.js";
import { managementError } from "../errors.js";
import { empty, json } from "../http/reply.js";
import type { JsonObject } from "../internal/json.js";
import type { EnabledConnectionRecord, OrganizationRecord } from "../state/records.js";
import { BodyFields } from "./body.js";
import { listReply } from "./pagination.js";
import { requireConnection, requireOrganization } from "./require.js";
import { pathParam, type ManagementRequest, type ManagementRoute } from "./route.js";

/** Connections enabled for an organization: `/organizations/{id}/enabled_connections`. */

function enabledConnectionView(ctx: TenantContext, enabled: EnabledConnectionRecord): JsonObject {
  const connection = ctx.store.data.connections.get(enabled.connection_id);
  return { ...enabled, connection: { name: connection?.name, strategy: connection?.strategy } };
}

function requireEnabled(organization: OrganizationRecord, connectionId: string): EnabledConnectionRecord {
  const enabled = organization.enabledConnections.find((candidate) => candidate.connection_id === connectionId);
  if (!enabled)
    throw managementError(404, "The connection is not enabled for this organization", "inexistent_connection");
  return enabled;
}

function readFlags(body: BodyFields, target: Partial<EnabledConnectionRecord>): void {
  const assign = body.boolean("assign_membership_on_login");
  if (assign !== undefined) target.assign_membership_on_login = assign;
  const button = body.boolean("show_as_button");
  if (button !== undefined) target.show_as_button = button;
  const signup = body.boolean("is_signup_enabled");
  if (signup !== undefined) target.is_signup_enabled = signup;
}

function listEnabledConnections(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  return listReply(organization.enabledConnections, request.query, {
    itemsField: "enabled_connections",
    render: (enabled) => enabledConnectionView(ctx, enabled),
  });
}

function addEnabledConnection(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  const body = BodyFields.from(request.body);
  const connection = requireConnection(ctx, body.requiredString("connection_id"));
  if (organization.enabledConnections.some((enabled) => enabled.connection_id === connection.id)) {
    throw managementError(
      409,
      "The connection is already enabled for this organization",
      "organization_connection_conflict",
    );
  }
  const enabled: EnabledConnectionRecord = {
    connection_id: connection.id,
    assign_membership_on_login: false,
    show_as_button: true,
    is_signup_enabled: false,
  };
  readFlags(body, enabled);
  organization.enabledConnections.push(enabled);
  return json(201, enabledConnectionView(ctx, enabled));
}

function updateEnabledConnection(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  const enabled = requireEnabled(organization, pathParam(request, "connectionId"));
  readFlags(BodyFields.from(request.body), enabled);
  return json(200, enabledConnectionView(ctx, enabled));
}

function removeEnabledConnection(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  const enabled = requireEnabled(organization, pathParam(request, "connectionId"));
  organization.enabledConnections = organization.enabledConnections.filter((candidate) => candidate !== enabled);
  return empty(204);
}

export const organizationConnectionRoutes: readonly ManagementRoute[] = [
  {
    method: "GET",
    path: "/organizations/{id}/enabled_connections",
    scopes: ["read:organization_connections"],
    summary: "Get connections enabled for an organization",
    handle: listEnabledConnections,
  },
  {
    method: "POST",
    path: "/organizations/{id}/enabled_connections",
    scopes: ["create:organization_connections"],
    summary: "Add connections to an organization",
    handle: addEnabledConnection,
  },
  {
    method: "GET",
    path: "/organizations/{id}/enabled_connections/{connectionId}",
    scopes: ["read:organization_connections"],
    summary: "Get an enabled connection for an organization",
    handle: (request, ctx) => {
      const organization = requireOrganization(ctx, pathParam(request, "id"));
      return json(200, enabledConnectionView(ctx, requireEnabled(organization, pathParam(request, "connectionId"))));
    },
  },
  {
    method: "PATCH",
    path: "/organizations/{id}/enabled_connections/{connectionId}",
    scopes: ["update:organization_connections"],
    summary: "Update the Connection of an Organization",
    handle: updateEnabledConnection,
  },
  {
    method: "DELETE",
    path: "/organizations/{id}/enabled_connections/{connectionId}",
    scopes: ["delete:organization_connections"],
    summary: "Delete connections from an organization",
    handle: removeEnabledConnection,
  },
];
