import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../scripts/generate/cli.js";
import { generate, HEADER } from "../../scripts/generate/generate.js";
import { loadInputs } from "../../scripts/generate/load.js";
import { WIRE_HEADER, wireTestFiles } from "../../scripts/generate/wire-tests.js";
import { isEndpoint, type Endpoint, type ResourceTable } from "../../src/management/endpoint.js";
import { resourceTables } from "../../src/management/generated/resources/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const generated = join(root, "src/management/generated");
const fallbacks = join(root, "scripts/generate/FALLBACKS.md");
const wireTests = join(root, "test/management/wire");
const spec = resolve(root, "../shared/specs/management-api.openapi.json");
const compat = resolve(root, "../shared/compat/management-v5.json");
const exportsFile = resolve(root, "../shared/compat/exports-v5.json");
const typesFile = resolve(root, "../shared/compat/types-v5.json");
const hasShared = [spec, compat, exportsFile, typesFile].every((path) => existsSync(path));
if (!hasShared) {
  console.info("generator.test: ../shared is absent, so the checks against the OpenAPI document and the v5 table were skipped");
}

const temporary: string[] = [];
afterAll(() => {
  for (const directory of temporary) rmSync(directory, { recursive: true, force: true });
});

function tempDir(): string {
  const directory = mkdtempSync(join(tmpdir(), "auth0-generate-"));
  temporary.push(directory);
  return directory;
}

/** Relative path (with `/`) → content, for every file under `directory`. */
function readTree(directory: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) visit(path);
      else files.set(relative(directory, path).split(sep).join("/"), readFileSync(path, "utf8"));
    }
  };
  visit(directory);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The committed generated wire tests (the hand-written runner next to them left out). */
function generatedWireTests(directory = wireTests): Map<string, string> {
  return new Map([...readTree(directory)].filter(([path, content]) => path.endsWith(".test.ts") && content.startsWith(`${WIRE_HEADER}\n`)));
}

/** Every endpoint of the tables, by its dot path from the client (`users.roles.list`). */
function endpoints(table: ResourceTable, prefix = ""): Map<string, Endpoint> {
  const found = new Map<string, Endpoint>();
  for (const [name, entry] of Object.entries(table)) {
    if (isEndpoint(entry)) found.set(`${prefix}${name}`, entry);
    else for (const [path, endpoint] of endpoints(entry, `${prefix}${name}.`)) found.set(path, endpoint);
  }
  return found;
}

interface CompatEntry {
  method: string;
  http: string;
  path: string | null;
  requestArg: string | null;
  requestArgOptional?: boolean;
  query: { wire: string; default?: string | number | boolean; optional?: boolean }[];
  body: "json" | "multipart" | null;
  multipartFields?: { wire: string; kind: string; sentOnlyIfNotNull: boolean; stringified: boolean }[];
  pagination: { kind: string; itemsField: string } | null;
  responseKind: string;
  errors: number[];
}

function readCompat(): CompatEntry[] {
  return (JSON.parse(readFileSync(compat, "utf8")) as CompatEntry[]).filter((entry) => entry.method !== "fetch");
}

/** The types the committed `Management` types declare as `unknown` (v5 gives such a request no `= {}` default). */
const opaqueTypes = new Set(
  [...readTree(join(generated, "types")).values()].flatMap((content) => Array.from(content.matchAll(/^export type (\w+) = unknown;/gm), (match) => match[1]!)),
);

/** The descriptor the table should hold for a compat entry. */
function expectedEndpoint(entry: CompatEntry): Endpoint {
  const parts = entry.multipartFields?.map((field) => {
    const flags = `${field.sentOnlyIfNotNull ? "o" : ""}${field.stringified ? "s" : ""}`;
    return flags ? [field.wire, field.kind, flags] : [field.wire, field.kind];
  });
  const response = entry.responseKind === "void" ? "void" : entry.responseKind === "sse-stream" ? "sse" : undefined;
  const endpoint: Record<string, unknown> = {
    // GET is left out (the executor's default).
    ...(entry.http === "GET" ? {} : { m: entry.http }),
    p: entry.path,
    ...(entry.query.length
      ? { q: entry.query.map((param) => (param.default === undefined ? param.wire : [param.wire, param.default])) }
      : {}),
    ...(entry.query.some((param) => param.optional === false) ? { k: entry.query.filter((param) => param.optional === false).map((param) => param.wire) } : {}),
    ...(entry.body ? { b: entry.body } : {}),
    // v5's `request = {}` default: an optional JSON request that is not `X | null` and not of a type left `unknown`.
    ...(entry.body === "json" && entry.requestArgOptional && !entry.requestArg?.endsWith(" | null") && !opaqueTypes.has(entry.requestArg ?? "")
      ? { d: 1 }
      : {}),
    ...(entry.body === "multipart" ? { f: parts } : {}),
    ...(response ? { r: response } : {}),
    e: entry.errors,
    ...(entry.pagination ? { g: [entry.pagination.kind, entry.pagination.itemsField] } : {}),
    ...(entry.requestArg === null ? { n: 1 } : {}),
  };
  return endpoint as unknown as Endpoint;
}

describe("the Management API generator", () => {
  it("commits tables holding the 429 endpoint methods of v5", () => {
    expect(endpoints(resourceTables).size).toBe(429);
    expect(Object.keys(resourceTables)).toHaveLength(45);
  });

  it("marks every generated file as generated", () => {
    for (const [path, content] of readTree(generated)) {
      expect(content.startsWith(`${HEADER}\n`), path).toBe(true);
    }
  });

  it("exits cleanly with a message when its inputs are absent", () => {
    const lines: string[] = [];
    const out = tempDir();
    const code = main(["--spec", join(out, "missing.json"), "--compat", join(out, "missing-too.json"), "--out", join(out, "generated")], (line) =>
      lines.push(line),
    );
    expect(code).toBe(0);
    expect(lines.join("\n")).toMatch(/input not found/);
    expect(existsSync(join(out, "generated"))).toBe(false);
  });

  it.runIf(hasShared)("reproduces the committed output byte for byte", () => {
    const out = tempDir();
    const report = join(out, "FALLBACKS.md");
    // Next to the wire tests: the hand-written runner and a hand-written test stay, a stale generated test goes.
    mkdirSync(join(out, "wire"));
    writeFileSync(join(out, "wire", "run-cases.ts"), "// hand-written\n");
    writeFileSync(join(out, "wire", "by-hand.test.ts"), "// hand-written\n");
    writeFileSync(join(out, "wire", "stale.test.ts"), `${WIRE_HEADER}\n`);
    const code = main(
      [
        ...["--spec", spec, "--compat", compat, "--exports", exportsFile, "--types", typesFile],
        ...["--out", join(out, "generated"), "--fallbacks", report, "--wire-tests", join(out, "wire")],
      ],
      () => undefined,
    );
    expect(code).toBe(0);
    const fresh = readTree(join(out, "generated"));
    const committed = readTree(generated);
    expect([...fresh.keys()]).toEqual([...committed.keys()]);
    for (const [path, content] of fresh) {
      // A message naming the file beats a diff of a 50 KB string.
      expect(content === committed.get(path), `${path} differs from the committed file: run npm run generate`).toBe(true);
    }
    expect(readFileSync(report, "utf8")).toBe(readFileSync(fallbacks, "utf8"));
    expect(existsSync(join(out, "wire", "stale.test.ts"))).toBe(false);
    expect(existsSync(join(out, "wire", "run-cases.ts")) && existsSync(join(out, "wire", "by-hand.test.ts"))).toBe(true);
    const freshWire = generatedWireTests(join(out, "wire"));
    const committedWire = generatedWireTests();
    expect([...freshWire.keys()]).toEqual([...committedWire.keys()]);
    for (const [path, content] of freshWire) {
      expect(content === committedWire.get(path), `test/management/wire/${path} differs from the committed file: run npm run generate`).toBe(true);
    }
  });

  it.runIf(hasShared)("gives identical output when run twice", () => {
    const first = generate(loadInputs(spec, compat, exportsFile, typesFile));
    const second = generate(loadInputs(spec, compat, exportsFile, typesFile));
    expect([...second.files]).toEqual([...first.files]);
    expect(second.fallbacksReport).toBe(first.fallbacksReport);
    const document = JSON.parse(readFileSync(compat, "utf8")) as unknown;
    expect([...wireTestFiles(document, first.opaqueTypes)]).toEqual([...wireTestFiles(document, second.opaqueTypes)]);
  });

  it.runIf(hasShared)("writes one wire case per v5 method, one file per top-level resource", () => {
    const files = generatedWireTests();
    const methods = [...files.values()].flatMap((content) => Array.from(content.matchAll(/\bmethod: "([^"]+)"/g), (match) => match[1]!));
    const entries = readCompat();
    expect(methods.sort()).toEqual(entries.map((entry) => entry.method).sort());
    expect(files.size).toBe(new Set(entries.map((entry) => entry.method.split(".")[0])).size);
  });

  it.runIf(hasShared)("describes every v5 method as the compatibility table does", () => {
    const tables = endpoints(resourceTables);
    const entries = readCompat();
    expect(entries).toHaveLength(429);
    expect([...tables.keys()].sort()).toEqual(entries.map((entry) => entry.method).sort());
    for (const entry of entries) {
      expect(tables.get(entry.method), entry.method).toEqual(expectedEndpoint(entry));
    }
  });
});
