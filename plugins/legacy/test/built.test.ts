import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// These run the built package (dist/, from `node scripts/build.mjs`) as an app that installed it: a scratch folder
// whose node_modules/auth0 is this repository (a symlink, kept as a path by --preserve-symlinks, as npm's copy would
// be), so "auth0" and "auth0/legacy" resolve by name through package.json "exports", from the app and from dist/.
const run = promisify(execFile);
const root = join(import.meta.dirname, "../../..");
const fixtures = join(import.meta.dirname, "fixtures");
const built = ["dist/esm/legacy.js", "dist/cjs/legacy.cjs", "dist/legacy.d.ts", "dist/legacy.d.cts"].every((file) => existsSync(join(root, file)));
if (!built) console.info("legacy built.test: dist/ has no auth0/legacy build, so the checks of the built package were skipped (run node scripts/build.mjs)");

/** A v4 program whose types come from the built declarations (dist/legacy.d.ts → legacy.d.cts → "auth0"). */
const TYPED_APP = `import { ManagementClient, type GetUsers200ResponseOneOfInner, type GetUsersRequest } from "auth0/legacy";

export async function firstEmail(domain: string): Promise<string | undefined> {
  const management = new ManagementClient({ domain, token: "t", retry: { maxRetries: 1 } });
  const request: GetUsersRequest = { per_page: 5, q: "email:*@example.com" };
  const { data } = await management.users.getAll(request);
  const first: GetUsers200ResponseOneOfInner | undefined = data[0];
  const page = await management.users.getAll({ include_totals: true });
  const total: number = page.data.total ?? 0;
  const { data: user } = await management.users.get({ id: "auth0|1" });
  // @ts-expect-error: v4 request parameters are typed (no such query parameter)
  await management.users.getAll({ per_pgae: 5 });
  return total > 0 ? (first?.email ?? user.email) : undefined;
}
`;
const TSCONFIG = {
  compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2023", "DOM"], types: [], strict: true, noEmit: true },
  files: ["app.ts"],
};

let server: Server;
let domain = "";
let app = "";
beforeAll(async () => {
  app = mkdtempSync(join(tmpdir(), "legacy-app-"));
  mkdirSync(join(app, "node_modules"));
  symlinkSync(root, join(app, "node_modules/auth0"), "dir");
  for (const file of ["legacy.mjs", "legacy.cjs"]) copyFileSync(join(fixtures, file), join(app, file));
  server = createServer((request, response) => {
    const id = decodeURIComponent(request.url!.split("/").pop()!);
    if (id === "auth0|missing") {
      response.writeHead(404, { "content-type": "application/json" }).end('{"statusCode":404,"error":"Not Found","message":"The user does not exist."}');
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ user_id: id, auth: request.headers.authorization }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  domain = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  rmSync(app, { recursive: true, force: true });
  await new Promise((resolve) => server.close(resolve));
});

describe.runIf(built)("the built auth0/legacy", () => {
  it.each([
    ["an ES module program can import it", "legacy.mjs", "esm"],
    ["a CommonJS program can require it", "legacy.cjs", "cjs"],
  ])("%s, and it runs on the package's one core", async (_name, file, kind) => {
    const { stdout } = await run(process.execPath, ["--preserve-symlinks", "--preserve-symlinks-main", join(app, file)], { env: { ...process.env, DOMAIN: domain } });
    expect(JSON.parse(stdout)).toEqual({ data: { user_id: `auth0|${kind}`, auth: `Bearer ${kind}-token` }, status: 200, notFound: true, oneCore: true });
  });

  it("TypeScript resolves its types, the Management types from auth0", async () => {
    // Written under temp/ (inside the package, so "auth0/legacy" resolves by name; outside the repo's tsconfig).
    const project = join(root, "temp/legacy-types");
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, "app.ts"), TYPED_APP);
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify(TSCONFIG));
    await expect(run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(project, "tsconfig.json")])).resolves.toBeDefined();
  }, 60_000);
});
