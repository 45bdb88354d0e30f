/**
 * The README's code runs, so the documentation cannot drift from the code.
 *
 * The convention (for anyone adding a README section):
 * - The README shows ONE setup block first, marked by the line `<!-- README setup -->` just above its fence. Every
 *   ```ts / ```js block after it must run AS WRITTEN when pasted into a file below that setup: it imports what it
 *   uses (except what the setup already imports — a second import of the same name is an error), defines the clients
 *   it calls (`new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret })`),
 *   and creates the data it reads. Nothing else is provided: no hidden `management` or `user`.
 * - This test writes each block to its own file as setup + block, type-checks every ts block (tsc, the repo's
 *   tsconfig, so `auth0` resolves to the sources) and runs each one in its own process with tsx; the process must
 *   exit by itself within the bound (the setup's `await using` closes the tenant).
 * - A block that cannot run as written (fragments compared side by side, code that needs a real tenant) starts with
 *   the visible line `// Not runnable: <reason>`. A test file the reason names must exist. Any other block that is
 *   not run fails the test.
 * - Blocks in other languages are not run, but the language must be one listed in OTHER_LANGUAGES (a ```tsx or
 *   ```cjs block fails until this test knows how to run it).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const dir = join(import.meta.dirname, ".snippets");
const readme = readFileSync(join(root, "README.md"), "utf8");

const SETUP_MARK = "<!-- README setup -->";
const NOT_RUNNABLE = /^\/\/ Not runnable: (\S.{9,})$/;
const RUN_LANGUAGES = new Map([
  ["ts", "ts"],
  ["typescript", "ts"],
  ["js", "mjs"],
  ["javascript", "mjs"],
  ["mjs", "mjs"],
]);
const OTHER_LANGUAGES = new Set(["", "sh", "bash", "shell", "console", "text", "json", "diff"]);
/** Per block: tsx's start on a loaded machine, a mock tenant, the calls. Reaching it means the block hangs. */
const BOUND_MS = 60_000;

interface Block {
  readonly line: number;
  readonly language: string;
  readonly code: string;
  readonly heading: string;
  readonly setup: boolean;
}

function parseBlocks(markdown: string): Block[] {
  const lines = markdown.split("\n");
  const blocks: Block[] = [];
  let heading = "(top)";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, "");
    const open = /^```(\S*)\s*$/.exec(line);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    blocks.push({ line: start + 1, language: open[1]!, code: body.join("\n"), heading, setup: lines[start - 1]?.trim() === SETUP_MARK });
  }
  return blocks;
}

const blocks = parseBlocks(readme);
const setups = blocks.filter((block) => block.setup);
const setup = setups[0];
const code = blocks.filter((block) => !block.setup && (RUN_LANGUAGES.has(block.language) || !OTHER_LANGUAGES.has(block.language)));
const marked = code.filter((block) => NOT_RUNNABLE.test(block.code.split("\n")[0]!));
const runnable = code.filter((block) => RUN_LANGUAGES.has(block.language) && !marked.includes(block));
const fileOf = (block: Block) => `readme-line-${block.line}.${RUN_LANGUAGES.get(block.language)}`;

beforeAll(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const block of runnable) {
    // Named by the README line of the block's fence, so an error in .snippets/readme-line-N.ts maps back to it.
    writeFileSync(join(dir, fileOf(block)), `${setup?.code ?? ""}\n// README.md line ${block.line + 1}:\n${block.code}\nexport {};\n`);
  }
  const typescript = runnable.filter((block) => RUN_LANGUAGES.get(block.language) === "ts").map(fileOf);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ extends: "../../../tsconfig.json", compilerOptions: { noUnusedLocals: false }, include: [], files: typescript }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("README", () => {
  it("shows exactly one setup block, a ts block, before any other code", () => {
    expect(setups.map((block) => block.line)).toHaveLength(1);
    expect(setup!.language).toBe("ts");
    expect(setup!.code).toMatch(/await using tenant = await startMockTenant\(/);
    for (const block of code) expect(block.line, `README.md:${block.line} comes before the setup`).toBeGreaterThan(setup!.line);
  });

  it("has code in languages this test knows, and runs every ts/js block not marked as not runnable", () => {
    const unknown = code.filter((block) => !RUN_LANGUAGES.has(block.language));
    expect(unknown.map((block) => `README.md:${block.line} \`\`\`${block.language}`), "add the language to RUN_LANGUAGES or OTHER_LANGUAGES").toEqual([]);
    expect(runnable.length + marked.length).toBe(code.length);
    expect(runnable.length).toBeGreaterThan(8);
  });

  it("says why each block that is not run cannot run, and the test it names exists", () => {
    for (const block of marked) {
      const reason = NOT_RUNNABLE.exec(block.code.split("\n")[0]!)![1]!;
      for (const path of reason.match(/[\w./-]+\.test\.ts/g) ?? []) expect(existsSync(join(root, path)), `README.md:${block.line} names ${path}`).toBe(true);
    }
  });

  it("type-checks every ts block after the setup", async () => {
    await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(dir, "tsconfig.json")], { cwd: root }).catch((error: { stdout?: string }) => {
      throw new Error(`README snippets do not type-check (files in test/readme/.snippets are named by README line):\n${error.stdout}`);
    });
  }, 120_000);

  it.each(runnable.map((block) => [block.line, block.heading, block] as const))("README.md:%i (%s) runs as written after the setup and exits", async (_line, _heading, block) => {
    const result = await run(process.execPath, ["--import", "tsx", join(dir, fileOf(block))], { cwd: root, timeout: BOUND_MS }).catch(
      (error: { stdout?: string; stderr?: string; killed?: boolean }) => {
        const why = error.killed ? `did not exit within ${BOUND_MS} ms` : "failed";
        throw new Error(`README.md:${block.line} ${why}:\n${error.stdout ?? ""}\n${error.stderr ?? ""}`);
      },
    );
    expect(result.stderr).toBe("");
  }, BOUND_MS + 10_000);
});
