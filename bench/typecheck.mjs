// tsc --noEmit of a small app using the SDK's types, against this package and auth0@5.14.1 (bench/v5.mjs), with
// skipLibCheck off (tsc's default) and on. Each time is the median of 3 runs, and the ratio compares the time above
// an empty project's, which both pay.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureV5 } from "./v5.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
// Outside the repository, so "auth0" is not resolved to this package by its own name (self-reference).
const work = join(tmpdir(), "auth0-typecheck-bench");
const tsc = join(root, "node_modules/typescript/bin/tsc");

const app = `import { ManagementClient, ManagementError } from "auth0";
const client = new ManagementClient({ domain: "tenant.auth0.com", clientId: "id", clientSecret: "secret" });
export async function main(): Promise<string[]> {
  const user = await client.users.get("auth0|1");
  const page = await client.users.list({ per_page: 10 });
  const roles = await client.users.roles.list("auth0|1");
  try { await client.organizations.members.roles.assign("org", "auth0|1", { roles: ["r"] }); }
  catch (error) { if (error instanceof ManagementError) console.log(error.statusCode); }
  return [user.email ?? "", ...page.data.map((u) => u.user_id ?? ""), ...roles.data.map((r) => r.name ?? "")];
}
`;

/** A project whose node_modules/auth0 is `packageDir` (a symlink, as npm link would make). */
function project(name, packageDir, skipLibCheck) {
  const dir = join(work, `${name}-${skipLibCheck ? "skip" : "full"}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  if (packageDir) symlinkSync(packageDir, join(dir, "node_modules/auth0"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `typecheck-${name}`, type: "module", private: true }));
  writeFileSync(join(dir, "app.ts"), name === "empty" ? "export const x = 1;\n" : app);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "nodenext", strict: true, noEmit: true, skipLibCheck, types: [], lib: ["ES2023", "DOM"] }, files: ["app.ts"] }));
  return dir;
}

function time(dir) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    execFileSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { cwd: dir });
    runs.push((performance.now() - started) / 1000);
  }
  return runs.sort((a, b) => a - b)[1];
}

export async function measureTypecheck() {
  const result = {};
  for (const [name, packageDir] of [["empty", undefined], ["ours", root]]) {
    result[name] = { full: time(project(name, packageDir, false)), skip: time(project(name, packageDir, true)) };
  }
  const v5 = ensureV5();
  if (v5) {
    const v5Package = join(v5, "node_modules/auth0");
    result.v5 = { full: time(project("v5", v5Package, false)), skip: time(project("v5", v5Package, true)) };
    result.ratioFull = (result.ours.full - result.empty.full) / (result.v5.full - result.empty.full);
    result.ratioSkip = (result.ours.skip - result.empty.skip) / (result.v5.skip - result.empty.skip);
  }
  return result;
}
