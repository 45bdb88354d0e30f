import { clientGrantRoutes } from "./client-grants.js";
import { clientRoutes } from "./clients.js";
import { connectionRoutes } from "./connections.js";
import { jobRoutes } from "./jobs.js";
import { logRoutes } from "./logs.js";
import { organizationConnectionRoutes } from "./organization-connections.js";
import { organizationInvitationRoutes } from "./organization-invitations.js";
import { organizationMemberRoutes } from "./organization-members.js";
import { organizationRoutes } from "./organizations.js";
import { resourceServerRoutes } from "./resource-servers.js";
import { roleRoutes } from "./roles.js";
import type { ManagementRoute } from "./route.js";
import { ticketRoutes } from "./tickets.js";
import { userAuthorizationRoutes } from "./user-authorization.js";
import { userRoutes } from "./users.js";

/** Every Management API operation the mock tenant implements; anything else under /api/v2 answers 501. */
export const MANAGEMENT_ROUTES: readonly ManagementRoute[] = [
  ...userRoutes,
  ...userAuthorizationRoutes,
  ...roleRoutes,
  ...clientRoutes,
  ...clientGrantRoutes,
  ...connectionRoutes,
  ...organizationRoutes,
  ...organizationMemberRoutes,
  ...organizationInvitationRoutes,
  ...organizationConnectionRoutes,
  ...resourceServerRoutes,
  ...logRoutes,
  ...jobRoutes,
  ...ticketRoutes,
];
