// Local identifiers of the main entry's ES module build made short, every class and function keeping its own name.
//
// esbuild can shorten identifiers, but keeps names only by adding a `__name(…)` call per class and function: an app's
// bundler cannot drop a class or function that has one, so the one-call app would carry the whole entry (151 KB
// instead of 120 KB). Oxc's mangler (the one rolldown ships) keeps a name by not renaming that binding: nothing is
// added, `error.constructor.name`, `util.inspect` and stack frames read as in the sources, and an app's bundler
// tree-shakes the module as before. 62 KB less on disk than identifiers kept.
import { minifySync } from "rolldown/utils";

/** The module's code (esbuild's output: whitespace and syntax already minified) with its local identifiers mangled. */
export function mangleKeepingNames(fileName, code) {
  const result = minifySync(fileName, code, {
    module: true,
    // Mangle only: esbuild has already compressed the syntax, and what it left is what the tests ran.
    compress: false,
    mangle: { toplevel: true, keepNames: { class: true, function: true } },
    codegen: { removeWhitespace: true, asciiOnly: true },
  });
  if (result.errors.length > 0) throw new Error(`mangle ${fileName}: ${result.errors.map((error) => error.message).join("; ")}`);
  return result.code;
}
