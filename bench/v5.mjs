// auth0@5.14.1, the package we replace, measured side by side with this one: installed on first use into .bench/v5
// (outside the project's dependencies, so nothing in the SDK can import it). BENCH_V5=0 leaves it out; so does an
// install that fails (no network), and the table then shows no v5 column values.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const V5_VERSION = "5.14.1";
const root = fileURLToPath(new URL("..", import.meta.url));
const dir = join(root, ".bench/v5");

/** The folder holding node_modules/auth0 at v5, or undefined when v5 is not to be (or cannot be) measured. */
export function ensureV5() {
  if (process.env.BENCH_V5 === "0") return undefined;
  if (existsSync(join(dir, "node_modules/auth0/package.json"))) return dir;
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync("npm", ["install", "--prefix", dir, "--no-audit", "--no-fund", "--ignore-scripts", "--save-exact", `auth0@${V5_VERSION}`], { stdio: "ignore" });
    return dir;
  } catch {
    console.error(`bench: could not install auth0@${V5_VERSION} into .bench/v5; v5 is left out`);
    return undefined;
  }
}

/** v5's ES module entry, imported as an app beside it would import it (resolved from .bench/v5). */
export async function importV5(v5Dir) {
  const shim = join(v5Dir, "load.mjs");
  writeFileSync(shim, 'export * from "auth0";\n');
  return import(pathToFileURL(shim).href);
}
