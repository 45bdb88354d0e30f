// tsyringe reads its metadata API from the global `Reflect`, which an app would have to patch with reflect-metadata.
// Importing the SDK must change no global, so tsyringe's modules get a `Reflect` of their own instead: each of its
// files is given a module-level binding named `Reflect` (shadowing the global) to src/internal/tsyringe-reflect.ts,
// and reflect-metadata's no-conflict entry a private object in place of the global it would otherwise install its
// registry on. Used by the build (esbuild) and by vitest (vite), so tests run what ships.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const privateReflect = join(root, "src/internal/tsyringe-reflect.ts");
// The sources' global polyfill for unbuilt runs (tsx): emptied wherever the private Reflect is bound.
const FALLBACK = /[\\/]src[\\/]internal[\\/]reflect-fallback\.ts$/;
const TSYRINGE = /[\\/]node_modules[\\/]tsyringe[\\/]dist[\\/](cjs|esm5|esm2015)[\\/].+\.js$/;
const NO_CONFLICT = /[\\/]node_modules[\\/]reflect-metadata[\\/]ReflectNoConflict\.js$/;
export const REWRITTEN = /[\\/]node_modules[\\/](tsyringe[\\/]dist[\\/].+|reflect-metadata[\\/]ReflectNoConflict)\.js$|[\\/]src[\\/]internal[\\/]reflect-fallback\.ts$/;

/** The file's code with its `Reflect` made private, or undefined when the file is not one of those. */
export function withPrivateReflect(path, code) {
  if (FALLBACK.test(path)) return "export {};\n";
  const tsyringe = TSYRINGE.exec(path);
  if (tsyringe) {
    if (tsyringe[1] !== "cjs") return `import { Reflect } from ${JSON.stringify(privateReflect)};\n${code}`;
    return afterUseStrict(code, `var Reflect = require(${JSON.stringify(privateReflect)}).Reflect;`);
  }
  // The no-conflict entry only ever stores its registry on `Reflect` and reads an older copy's functions from it.
  if (NO_CONFLICT.test(path)) return afterUseStrict(code, "var Reflect = {};");
  return undefined;
}

function afterUseStrict(code, line) {
  const directive = /^\s*(["'])use strict\1;?/.exec(code);
  return directive ? `${directive[0]}\n${line}\n${code.slice(directive[0].length)}` : `${line}\n${code}`;
}

/** The esbuild plugin. */
export const privateReflectForTsyringe = {
  name: "private-reflect-for-tsyringe",
  setup(build) {
    // The unbuilt sources' fallback becomes an empty module (side-effect free, so the bare import simply goes).
    build.onResolve({ filter: /[\\/]reflect-fallback\.js$/ }, () => ({ path: "reflect-fallback", namespace: "private-reflect-empty", sideEffects: false }));
    build.onLoad({ filter: /.*/, namespace: "private-reflect-empty" }, () => ({ contents: "", loader: "js" }));
    build.onLoad({ filter: REWRITTEN }, async (args) => {
      const { readFile } = await import("node:fs/promises");
      const contents = withPrivateReflect(args.path, await readFile(args.path, "utf8"));
      return { contents, loader: args.path.endsWith(".ts") ? "ts" : "js", resolveDir: dirname(args.path) };
    });
  },
};

const METADATA_API = ["decorate", "metadata", "defineMetadata", "hasMetadata", "hasOwnMetadata", "getMetadata", "getOwnMetadata", "getMetadataKeys", "getOwnMetadataKeys", "deleteMetadata"];

/**
 * The same for vitest (vite), which must inline both packages to transform them (see vitest.config.ts) and runs an
 * inlined file as an ES module: tsyringe is aliased to its ES build there, and the no-conflict entry (CommonJS) is
 * wrapped into one, its `Reflect` a private object as above.
 */
export const privateReflectForTsyringeVite = {
  name: "private-reflect-for-tsyringe",
  enforce: "pre",
  transform(code, id) {
    const path = id.split("?")[0];
    if (NO_CONFLICT.test(path)) {
      const exports = METADATA_API.map((name) => `export const ${name} = module.exports.${name};`).join("\n");
      return { code: `const module = { exports: {} };\n(function (exports, module, Reflect) {\n${code}\n})(module.exports, module, {});\n${exports}\n`, map: null };
    }
    const contents = withPrivateReflect(path, code);
    return contents === undefined ? undefined : { code: contents, map: null };
  },
};

/** Where vitest finds tsyringe's ES build. */
export const tsyringeEsm = join(root, "node_modules/tsyringe/dist/esm2015/index.js");
