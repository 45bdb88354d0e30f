import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// Every runnable file in examples/ runs to completion against the mock tenant (no AUTH0_DOMAIN in CI).
const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const examples = readdirSync(join(root, "examples")).filter((file) => file.endsWith(".ts"));
const env = { ...process.env, AUTH0_DOMAIN: "", AUTH0_CLIENT_ID: "", AUTH0_CLIENT_SECRET: "" };

describe("examples", () => {
  it("include the quickstart behind npm start", () => {
    expect(examples).toContain("quickstart.ts");
  });

  it.each(examples)("%s runs against the mock tenant and exits 0", async (file) => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", join("examples", file)], { cwd: root, env, timeout: 60_000 });
    expect(stdout.length).toBeGreaterThan(0);
  }, 60_000);
});
