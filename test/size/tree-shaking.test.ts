import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// The benchmark's own bundling, so the size budget, the benchmark and this test bundle alike.
import { bundleApp } from "../../bench/sizes.mjs";

/**
 * The Management namespace's enum objects are plain object literals in a module of their own (dist/esm/management.js,
 * re-exported as a namespace): an app bundler drops them from an app that uses none. Bundled from the BUILT package,
 * as an app would.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const built = existsSync(join(root, "dist/esm/index.js")) && existsSync(join(root, "dist/esm/management.js"));
if (!built) console.info("tree-shaking.test: dist/ is missing, so the bundles were not checked (run node scripts/build.mjs)");

async function bundle(contents: string): Promise<string> {
  const result = await bundleApp(contents);
  return result.outputFiles.map((file) => file.text).join("\n");
}

// Values only enum objects hold: one of an enum the app below uses, one of another.
const ENUM_VALUE = "read:attack_protection";
const OTHER_ENUM_VALUE = "binding_id";

describe.runIf(built)("tree-shaking of the Management namespace (ES module build)", () => {
  it("an app that uses no enum object carries none", async () => {
    const code = await bundle(
      `import { ManagementClient } from "auth0";\nconst client = new ManagementClient({ domain: "t.auth0.com", token: "t" });\nconsole.log(await client.users.list({ per_page: 5 }));\n`,
    );
    expect(code).toContain("/users");
    expect(code).not.toContain(ENUM_VALUE);
    expect(code).not.toContain(OTHER_ENUM_VALUE);
  }, 60_000);

  it("an app that uses an enum object gets it", async () => {
    const code = await bundle(`import { Management } from "auth0";\nconsole.log(Management.OauthScope.ReadUsers);\n`);
    expect(code).toContain(ENUM_VALUE);
  }, 60_000);
});
