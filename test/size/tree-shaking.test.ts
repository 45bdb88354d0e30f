import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * The Management namespace's enum objects are read from one table (`ENUM_TABLE`), each a pure call: an app bundler
 * drops the ones an app does not use, and the table with the last. Bundled from the BUILT package, as an app would.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const built = existsSync(join(root, "dist/esm/index.js")) && existsSync(join(root, "dist/esm/management.js"));
if (!built) console.info("tree-shaking.test: dist/ is missing, so the bundles were not checked (run node scripts/build.mjs)");

async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    splitting: true,
    outdir: "out",
    tsconfigRaw: {},
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["import", "default"],
    external: ["node:*"],
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles.map((file) => file.text).join("\n");
}

// A line of the table (two enums' values) and an enum value no other code has.
const TABLE_LINE = "binding_id|action_id|action_name";
const ENUM_VALUE = "read:attack_protection";

describe.runIf(built)("tree-shaking of the Management namespace (ES module build)", () => {
  it("an app that uses no enum object carries neither the enum objects nor their table", async () => {
    const code = await bundle(
      `import { ManagementClient } from "auth0";\nconst client = new ManagementClient({ domain: "t.auth0.com", token: "t" });\nconsole.log(await client.users.list({ per_page: 5 }));\n`,
    );
    expect(code).toContain("/users");
    expect(code).not.toContain(TABLE_LINE);
    expect(code).not.toContain(ENUM_VALUE);
  }, 60_000);

  it("an app that uses an enum object gets it, with the table it is read from", async () => {
    const code = await bundle(`import { Management } from "auth0";\nconsole.log(Management.OauthScope.ReadUsers);\n`);
    expect(code).toContain(TABLE_LINE);
    expect(code).toContain(ENUM_VALUE);
  }, 60_000);
});
