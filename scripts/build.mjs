// Builds the package: ESM (code-split, so ky loads on first request) and CJS (one file per entry, ESM-only
// dependencies bundled in), then declarations rolled up per entry by api-extractor, which also checks the API
// reports, and written out per format (scripts/declarations.mjs).
//   node scripts/build.mjs            build, and update the API reports (local development)
//   node scripts/build.mjs --check    build, and fail if a public API changed without its report (CI, npm test)
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dedupeInterfaces, forFormat, splitShared, withoutDeclare } from "./declarations.mjs";
import { entries } from "./entries.mjs";
import { mangleKeepingNames } from "./mangle.mjs";
import { privateReflectForTsyringe } from "./tsyringe-reflect.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
// Runtime dependencies and peers stay imports; everything else (ky, hookable, tsyringe, reflect-metadata) is bundled,
// tsyringe with a private Reflect (scripts/tsyringe-reflect.mjs), so importing the package changes no global.
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), "node:*"];

// Plugins import the package by name ("auth0", "auth0/testing"); in the output that becomes the sibling file, so a
// plugin shares the package's one core, also when installed under another name or run from this repository.
const selfReference = (extension) => ({
  name: "self-reference",
  setup(build) {
    build.onResolve({ filter: /^auth0(\/testing)?$/ }, (args) => ({
      path: `./${args.path === "auth0" ? "index" : "testing"}${extension}`,
      external: true,
    }));
  },
});

rmSync(join(root, "dist"), { recursive: true, force: true });

// BUILD_ENTRIES=index,testing builds a subset (handy while another entry is half-written).
const only = process.env.BUILD_ENTRIES?.split(",");
const present = entries.filter((entry) => existsSync(join(root, entry.source)) && (!only || only.includes(entry.name)));
// Whitespace and syntax minified, identifiers kept: a third fewer bytes on disk and to parse, code still readable.
const common = { bundle: true, target: "es2022", logLevel: "warning", legalComments: "none", absWorkingDir: root, minifyWhitespace: true, minifySyntax: true };
// The CommonJS build has its local identifiers minified too (27% fewer bytes: the package stays under DESIGN's 2 MB
// with the whole v4/v5 surface), names kept where code can see them (`keepNames`: a class's or function's `name`,
// so `error.constructor.name` and stack frames read as in the sources; property and method names are never touched).
// The ES module build of the plugins and auth0/legacy is minified the same way. Not the main entry's ("auth0", and its
// Management namespace module): `keepNames` adds a call per class that an app's bundler cannot drop, and that is the
// build apps bundle and tree-shake for the one-call budget (test/size). Its identifiers are mangled afterwards by a
// minifier that keeps names without adding code (scripts/mangle.mjs).
const commonJs = { minifyIdentifiers: true, keepNames: true };
const MAIN_ESM = new Set(["index", "management"]);

// In the ES module build the Management namespace is a module of its own that index.js re-exports with real
// `export * as Management from "./management.js"` syntax. Bundled inline, esbuild would materialise the namespace as
// an object, and an app's bundler could then never drop the 424 enum objects of an app that does not use them.
const NAMESPACE_SOURCE = "src/management/namespace.ts";
const namespaceAsModule = {
  name: "namespace-as-module",
  setup(build) {
    build.onResolve({ filter: /\/management\/namespace\.js$/ }, (args) =>
      args.importer.endsWith("src/index.ts") ? { path: "./management.js", external: true } : undefined,
    );
  },
};

// auth0/legacy's data tables (enum values, method descriptors) are emitted once, as a CommonJS module both builds of
// the entry read: ESM imports CommonJS everywhere the package runs (Node, Bun, Deno, bundlers), and CommonJS code
// (Jest included) could not require an ES module. Built for Node so esbuild annotates its export names for ESM import.
const LEGACY_DATA = "plugins/legacy/data.ts";
const legacyData = (format) => ({
  name: "legacy-data",
  setup(build) {
    build.onResolve({ filter: /\/generated\/(enum-table|endpoints)\.js$/ }, (args) =>
      args.importer.includes("plugins/legacy/") && !args.importer.endsWith(LEGACY_DATA)
        ? { path: format === "esm" ? "../cjs/legacy-data.cjs" : "./legacy-data.cjs", external: true }
        : undefined,
    );
  },
});
const buildsLegacy = present.some((entry) => entry.name === "legacy");

for (const platform of ["neutral", "node"]) {
  const group = present.filter((entry) => entry.platform === platform);
  if (group.length === 0) continue;
  const entryPoints = Object.fromEntries(group.map((entry) => [entry.name, entry.source]));
  const esmOwn = Object.fromEntries(group.filter((entry) => !entry.esmFromCjs).map((entry) => [entry.name, entry.source]));
  const esmEntryPoints = group.some((entry) => entry.name === "index") ? { ...esmOwn, management: NAMESPACE_SOURCE } : esmOwn;
  // "es2015" first: tsyringe's ES2015 build needs two tslib helpers where its ES5 build needs a dozen.
  const resolve = platform === "neutral" ? { mainFields: ["es2015", "module", "main"], conditions: ["module", "import", "default"] } : {};
  const options = { ...common, ...resolve, external, platform };
  // The main entry's ES build (what the one-call app bundles) apart from the others', which are minified as the
  // CommonJS build is: each imports the main entry as a sibling file, so the two builds share no chunk.
  const esmMain = Object.fromEntries(Object.entries(esmEntryPoints).filter(([name]) => MAIN_ESM.has(name)));
  const esmOthers = Object.fromEntries(Object.entries(esmEntryPoints).filter(([name]) => !MAIN_ESM.has(name)));
  for (const [points, minified] of [[esmMain, {}], [esmOthers, commonJs]]) {
    if (Object.keys(points).length === 0) continue;
    const main = points === esmMain;
    const result = await build({
      ...options,
      ...minified,
      entryPoints: points,
      plugins: [namespaceAsModule, selfReference(".js"), legacyData("esm"), privateReflectForTsyringe],
      format: "esm",
      splitting: true,
      outdir: "dist/esm",
      chunkNames: "chunks/[name]-[hash]",
      // The main entry's files are written once their identifiers are mangled, names kept (scripts/mangle.mjs).
      write: !main,
    });
    for (const file of main ? result.outputFiles : []) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, mangleKeepingNames(basename(file.path), file.text));
    }
  }
  await build({ ...options, ...commonJs, entryPoints, plugins: [selfReference(".cjs"), legacyData("cjs"), privateReflectForTsyringe], format: "cjs", outdir: "dist/cjs", outExtension: { ".js": ".cjs" } });
  for (const entry of group.filter((candidate) => candidate.esmFromCjs)) {
    // Sound only while the CommonJS build requires nothing of the package: an ES module app would get the CommonJS
    // copy of the core's classes beside its own.
    const cjs = readFileSync(join(root, `dist/cjs/${entry.name}.cjs`), "utf8");
    if (/require\("\.\//.test(cjs)) throw new Error(`${entry.name}: esmFromCjs, but its CommonJS build requires a sibling file`);
    writeFileSync(join(root, `dist/esm/${entry.name}.js`), `export * from "../cjs/${entry.name}.cjs";\n`);
  }
}
if (buildsLegacy) {
  await build({ ...common, ...commonJs, entryPoints: [LEGACY_DATA], platform: "node", format: "cjs", outfile: "dist/cjs/legacy-data.cjs" });
}
// Mark the CJS folder as CommonJS for tools that look at the nearest package.json.
writeFileSync(join(root, "dist/cjs/package.json"), '{ "type": "commonjs" }\n');

// Declarations for exactly the entries (and what they import), so a half-finished folder elsewhere cannot break them.
mkdirSync(join(root, "temp"), { recursive: true });
const tsconfig = join(root, "temp/tsconfig.entries.json");
writeFileSync(tsconfig, JSON.stringify({ extends: "../tsconfig.build.json", include: [], files: present.map((entry) => `../${entry.source}`) }));
execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", tsconfig], { cwd: root, stdio: "inherit" });

const SPLIT_DECLARATIONS = new Set(["index", "legacy", "testing", "plugins-bulk", "plugins-redis"]);
let indexShared; // where the main entry's shared file declares each name it exports, once it is written
for (const entry of present) {
  const config = join(root, entry.apiExtractorConfig);
  const args = ["run", "-c", config, ...(check ? [] : ["--local"])];
  try {
    execFileSync(process.execPath, [join(root, "node_modules/@microsoft/api-extractor/bin/api-extractor"), ...args], { cwd: root, stdio: "pipe" });
  } catch (error) {
    process.stdout.write(error.stdout?.toString() ?? "");
    process.stderr.write(error.stderr?.toString() ?? "");
    console.error(check ? `\nThe public API of "${entry.name}" changed: run \`npm run build\` and commit api-report/*.api.md.` : "\napi-extractor failed");
    process.exit(1);
  }
  // Indentation as tabs (api-extractor writes four spaces): 60 KB less on disk for the main entry, same to read. Lines
  // end in LF (api-extractor writes CRLF, the build's own additions LF): 28 KB less over the package's declarations.
  const rolled = join(root, "dist", `${entry.name}.d.ts`);
  let rollup = (readFileSync(rolled, "utf8") + augmentations(entry)).replace(/\r\n/g, "\n").replace(/^(?: {4})+/gm, (indent) => "\t".repeat(indent.length / 4));
  rmSync(rolled);
  // Real declarations per format (see scripts/declarations.mjs); the type-only bulk of the entries that have much is
  // written once. What they name of the main entry's shared file, or of Node's modules, is the same in either format.
  if (SPLIT_DECLARATIONS.has(entry.name)) {
    const namespaces = entry.name === "index" ? { Management: "./index.management.cjs" } : {};
    const neutral = (specifier, name) => (specifier.startsWith("node:") ? { specifier, name } : specifier === "auth0" ? indexShared?.get(name) : undefined);
    const { entry: own, files, exported } = splitShared(rollup, { entry: entry.name, shared: `./${entry.name}.shared.cjs`, namespaces, neutral });
    for (const [specifier, text] of files) writeFileSync(join(root, "dist", specifier.replace(/\.cjs$/, ".d.cts")), dedupeInterfaces(withoutDeclare(text)));
    if (entry.name === "index") indexShared = exported;
    rollup = own;
  }
  writeFileSync(join(root, "dist", `${entry.name}.d.ts`), forFormat(rollup, "esm"));
  writeFileSync(join(root, "dist", `${entry.name}.d.cts`), forFormat(rollup, "cjs"));
}
console.log(`built ${present.map((entry) => entry.name).join(", ")}`);

/**
 * The `declare module "auth0" { … }` blocks of an entry's own declaration files (a plugin typing the hooks it emits):
 * API Extractor leaves module augmentations out of its rollup, so they are appended to it as written.
 */
function augmentations(entry) {
  const folder = join(root, "dist/types", dirname(entry.source));
  if (entry.name === "index" || !existsSync(folder)) return "";
  const blocks = [];
  for (const file of readdirSync(folder, { recursive: true })) {
    if (!String(file).endsWith(".d.ts")) continue;
    const text = readFileSync(join(folder, String(file)), "utf8");
    for (const match of text.matchAll(/^declare module "auth0" \{\n[\s\S]*?^\}\n/gm)) blocks.push(match[0]);
  }
  return blocks.length > 0 ? `\n${blocks.join("\n")}` : "";
}
