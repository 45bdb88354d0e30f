import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLoopbackServer } from "../helpers/loopback-server.js";

// These run the built package (dist/), resolved by its own name through package.json "exports". Its types are
// checked by type-matrix.test.ts (every environment and module resolution, on the packed package).
const run = promisify(execFile);
const fixtures = join(import.meta.dirname, "fixtures");
const tsc = join(import.meta.dirname, "../../node_modules/typescript/bin/tsc");

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => {
  server = await startLoopbackServer();
  server.handle((req, res) => {
    const id = decodeURIComponent(req.url!.split("/").pop()!);
    if (id === "auth0|missing") return void res.writeHead(404, { "content-type": "application/json" }).end('{"statusCode":404}');
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ user_id: id, auth: req.headers.authorization }));
  });
});
afterAll(() => server.close());

const env = () => ({ ...process.env, DOMAIN: server.domain });

describe("consumers of the built package", () => {
  it("a plain CommonJS program can require('auth0') and call the API", async () => {
    const { stdout } = await run(process.execPath, [join(fixtures, "plain.cjs")], { env: env() });
    expect(JSON.parse(stdout)).toEqual({ user: { user_id: "auth0|cjs", auth: "Bearer cjs-token" }, notFound: true, enumValue: "v3" });
  });

  it("an ES module program can import it", async () => {
    const { stdout } = await run(process.execPath, [join(fixtures, "plain.mjs")], { env: env() });
    expect(JSON.parse(stdout)).toEqual({ user: { user_id: "auth0|esm", auth: "Bearer esm-token" }, notFound: true, enumValue: "v3" });
  });

  it("a CommonJS test runner (node:test) can require it", async () => {
    const { stdout } = await run(process.execPath, ["--test", join(fixtures, "runner.test.cjs")], { env: env() });
    expect(stdout).toMatch(/# pass 1/);
    expect(stdout).toMatch(/# fail 0/);
  });

  it.each([
    ["import", "--input-type=module", "import('auth0/testing').then((t) => import('auth0/mtls').then((m) => console.log(typeof t.startMockTenant, typeof m.createMtlsAgent)))"],
    ["require", "--input-type=commonjs", "console.log(typeof require('auth0/testing').startMockTenant, typeof require('auth0/mtls').createMtlsAgent)"],
  ])("the auth0/testing and auth0/mtls subpaths load with %s", async (_kind, inputType, code) => {
    const { stdout } = await run(process.execPath, [inputType, "-e", code], { cwd: fixtures });
    expect(stdout.trim()).toBe("function function");
  });

  it.each([
    ["import", "--input-type=module", "import('auth0/plugins/bulk').then((b) => import('auth0/plugins/bulk/node').then((n) => console.log(typeof b.bulk, typeof n.fileCheckpoint)))"],
    ["require", "--input-type=commonjs", "console.log(typeof require('auth0/plugins/bulk').bulk, typeof require('auth0/plugins/bulk/node').fileCheckpoint)"],
  ])("the auth0/plugins/bulk and auth0/plugins/bulk/node subpaths load with %s", async (_kind, inputType, code) => {
    const { stdout } = await run(process.execPath, [inputType, "-e", code], { cwd: fixtures });
    expect(stdout.trim()).toBe("function function");
  });

  it.each(["ts-testing-es2022", "ts-testing-esnext"])("TypeScript checks await using on the mock tenant with %s", async (project) => {
    await expect(run(process.execPath, [tsc, "-p", join(fixtures, project, "tsconfig.json")])).resolves.toBeDefined();
  }, 60_000);
});
