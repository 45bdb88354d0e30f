import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Every ```ts block of the README runs (against a fresh mock tenant) and type-checks, so the documentation cannot
// drift from the code. A block may use `tenant` (the mock tenant), `management` and `user` without defining them.
const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const dir = join(import.meta.dirname, ".snippets");
const readme = readFileSync(join(root, "README.md"), "utf8");
// Blocks that start with "// (tested in <file>)" are run by that test instead (the v4 → v5 migration pairs).
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((code) => !code.startsWith("// (tested in "));

function preamble(code: string): string {
  const lines = [
    'import * as __auth0 from "auth0";',
    'import { startMockTenant as __start } from "auth0/testing";',
    "const tenant = await __start();",
  ];
  if (!/\bconst management\b/.test(code)) {
    lines.push("const management = new __auth0.ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });");
  }
  if (!/\bconst user\b/.test(code)) {
    lines.push('const user = await management.users.create({ connection: "Username-Password-Authentication", email: "readme@example.com", password: "Passw0rd!long" });');
  }
  return lines.join("\n");
}

const files = blocks.map((code, index) => `snippet-${index + 1}.ts`);

beforeAll(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  blocks.forEach((code, index) => {
    writeFileSync(join(dir, files[index]!), `${preamble(code)}\n${code}\nawait tenant.close();\nexport {};\n`);
  });
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ extends: "../../../tsconfig.json", compilerOptions: { noUnusedLocals: false }, include: [], files }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("README snippets", () => {
  it("there are some", () => expect(blocks.length).toBeGreaterThan(5));

  it("type-check", async () => {
    await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(dir, "tsconfig.json")], { cwd: root }).catch((error: { stdout?: string }) => {
      throw new Error(`README snippets do not type-check:\n${error.stdout}`);
    });
  }, 120_000);

  it.each(files.map((file, index) => [index + 1, file] as const))("snippet %i runs", async (_index, file) => {
    await run(process.execPath, ["--import", "tsx", join(dir, file)], { cwd: root, timeout: 60_000 });
  }, 60_000);
});
