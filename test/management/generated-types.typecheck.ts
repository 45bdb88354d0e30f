// Compile-time checks of the generated Management types: `npm run typecheck` (tsc -p tsconfig.json) fails when one
// breaks. Nothing here runs; vitest does not collect this file.
import type { HttpResponsePromise } from "../../src/core/http-response-promise.js";
import type { Page } from "../../src/core/page.js";
import type { Stream } from "../../src/core/stream.js";
import type { ManagementResources } from "../../src/management/generated/resources/index.js";
import type * as Management from "../../src/management/generated/types/index.js";
import { SearchEngineVersionsEnum } from "../../src/management/generated/types/enums.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

// A query request takes the wire names and, for snake_case ones, their camelCase aliases.
export const listUsers: Management.ListUsersRequestParameters = { search_engine: "v3", searchEngine: "v3", per_page: 10 };
export const listUsersWithEnum: Management.ListUsersRequestParameters = { searchEngine: SearchEngineVersionsEnum.V3 };
// @ts-expect-error: not a search engine version
export const badEngine: Management.ListUsersRequestParameters = { search_engine: "v4" };

// String enums are a literal union and a same-name object of the values.
assertType<Equal<Management.SearchEngineVersionsEnum, "v1" | "v2" | "v3">>();
assertType<Equal<(typeof SearchEngineVersionsEnum)["V3"], "v3">>();

// `required` of the spec is kept: a required response field is not optional, the others are.
declare const connections: Management.ListClientConnectionsResponseContent;
assertType<Equal<typeof connections.connections, Management.ConnectionForList[]>>();
declare const role: Management.Role;
assertType<Equal<typeof role.name, string | undefined>>();

// No `additionalProperties`: unknown keys are rejected...
// @ts-expect-error: Role has no `colour`
export const roleWithExtra: Management.Role = { name: "admin", colour: "red" };
// ...and allowed where the schema allows them.
export const userWithExtra: Management.UserResponseSchema = { user_id: "auth0|1", favourite_colour: "red" };

// Required request fields are required.
// @ts-expect-error: `connection_id` and `users` are required
export const importWithoutFile: Management.CreateImportUsersRequestContent = { upsert: true };

// Resource signatures: path params, then the request, then request options.
declare const client: ManagementResources;
assertType<
  Equal<
    ReturnType<ManagementResources["users"]["roles"]["list"]>,
    Promise<Page<Management.Role, Management.ListUserRolesOffsetPaginatedResponseContent>>
  >
>();
assertType<Equal<ReturnType<ManagementResources["users"]["delete"]>, HttpResponsePromise<void>>>();
assertType<
  Equal<ReturnType<ManagementResources["events"]["subscribe"]>, HttpResponsePromise<Stream<Management.EventStreamSubscribeEventsResponseContent>>>
>();
export async function listAdmins(): Promise<string | undefined> {
  const page = await client.users.list({ searchEngine: "v3", q: 'app_metadata.role:"admin"' });
  // @ts-expect-error: users.get takes the id first
  void client.users.get({ id: "auth0|1" });
  return page.data[0]?.email;
}
