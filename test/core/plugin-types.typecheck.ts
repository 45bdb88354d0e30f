// Compile-time checks of the plugin types: `npm run typecheck` (tsc -p tsconfig.json, the first step of npm test)
// fails when one breaks — an expectation that no longer holds, or a @ts-expect-error that no longer errors. Nothing
// here runs; vitest does not collect this file.
import { expectTypeOf } from "vitest";
import { AuthenticationClient, ManagementClient, definePlugin, type CoreClient, type Plugin } from "auth0";

const options = { domain: "tenant.auth0.com", token: "t" };

// addResource takes exactly the names the plugin declares, each with its declared type.
export const userCount = definePlugin<{ userCount: { total(): Promise<number> } }, ManagementClient>({
  name: "user-count",
  setup({ addResource, client }) {
    expectTypeOf(client).toEqualTypeOf<ManagementClient>();
    addResource("userCount", () => ({ total: async () => (await client.users.list({ per_page: 1 })).data.length }));
    // @ts-expect-error: a misspelt name is not one the plugin declares
    addResource("userCounts", () => ({ total: async () => 0 }));
    // @ts-expect-error: the factory must build the declared type
    addResource("userCount", () => ({ total: () => "many" }));
  },
});

// A plugin that declares nothing can add nothing.
export const quiet = definePlugin({
  name: "quiet",
  setup({ addResource, client }) {
    // Written for any client: it sees what every client has.
    expectTypeOf(client).toEqualTypeOf<CoreClient>();
    expectTypeOf(client.pipeline.names).toEqualTypeOf<string[]>();
    // @ts-expect-error: no resource declared
    addResource("anything", () => 1);
  },
});

// with() gives instances what the plugins add, and keeps the class's own members.
const Counting = ManagementClient.with(userCount, quiet);
const counting = new Counting(options);
expectTypeOf(counting.userCount.total).toEqualTypeOf<() => Promise<number>>();
expectTypeOf(counting).toMatchTypeOf<ManagementClient>();
// @ts-expect-error: not added by any plugin
void counting.userCounts;

// A plugin written for one client class is refused by another's with(); one written for any client fits all.
// @ts-expect-error: userCount needs a ManagementClient
AuthenticationClient.with(userCount);
AuthenticationClient.with(quiet);

// Plugin keeps its parameters: the extension is readable from the plugin's type.
expectTypeOf(userCount).toEqualTypeOf<Plugin<{ userCount: { total(): Promise<number> } }, ManagementClient>>();
