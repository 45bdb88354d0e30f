// Compile-time checks of the legacy types (type-checked by `npm run typecheck`, never run).
import type { Management } from "auth0";
import { expectTypeOf } from "vitest";
import type { ApiResponse, GetUsers200Response, GetUsersRequest, ManagementClient, UserCreate } from "../index.js";

declare const management: ManagementClient;

export async function checks(): Promise<void> {
  // Lists: the items by default, the page object with include_totals: true.
  expectTypeOf(await management.users.getAll()).toEqualTypeOf<ApiResponse<Management.UserResponseSchema[]>>();
  expectTypeOf(await management.users.getAll({ per_page: 5 })).toEqualTypeOf<ApiResponse<Management.UserResponseSchema[]>>();
  expectTypeOf(await management.users.getAll({ include_totals: true })).toEqualTypeOf<ApiResponse<Management.ListUsersOffsetPaginatedResponseContent>>();
  expectTypeOf<GetUsers200Response>().toEqualTypeOf<Management.UserResponseSchema[] | Management.ListUsersOffsetPaginatedResponseContent>();

  // A method's result is the v5 type of the same verb and path; void methods resolve to data: void.
  expectTypeOf((await management.users.get({ id: "auth0|1" })).data).toEqualTypeOf<Management.GetUserResponseContent>();
  expectTypeOf((await management.users.delete({ id: "auth0|1" })).data).toEqualTypeOf<void>();
  expectTypeOf((await management.stats.getActiveUsersCount()).data).toEqualTypeOf<string>();

  // Request parameters, bodies and v4's names.
  expectTypeOf<UserCreate>().toEqualTypeOf<Management.CreateUserRequestContent>();
  expectTypeOf<GetUsersRequest["search_engine"]>().toEqualTypeOf<"v1" | "v2" | "v3" | undefined>();
  await management.organizations.getMembers({ id: "org_1", from: "cursor", take: 10 });
  await management.users.update({ id: "auth0|1" }, { name: "Ann" }, { headers: { "x-trace": "1" } });
  // @ts-expect-error: the path param is required
  await management.users.get({});
  // @ts-expect-error: not a query parameter of users.getAll
  await management.users.getAll({ per_pgae: 5 });
  // @ts-expect-error: the body of users.create is required
  await management.users.create();
}
