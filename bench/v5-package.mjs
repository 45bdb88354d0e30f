// auth0@5.14.1, the package we replace, installed on first use into .bench/v5 (outside the project's dependencies;
// bench/typecheck.mjs uses the same folder) and loaded from there.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = join(fileURLToPath(new URL("..", import.meta.url)), ".bench/v5");

/** The folder holding node_modules/auth0 at 5.14.1, or undefined when it cannot be installed (offline). */
export function ensureV5() {
  if (existsSync(join(dir, "node_modules/auth0/package.json"))) return dir;
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync("npm", ["install", "--prefix", dir, "--no-audit", "--no-fund", "--ignore-scripts", "auth0@5.14.1"], { stdio: "ignore" });
    return dir;
  } catch {
    return undefined;
  }
}

/** v5's CommonJS entry (`require("auth0")` as an app on v5 loads it), or undefined. */
export function loadV5() {
  const folder = ensureV5();
  return folder === undefined ? undefined : createRequire(join(folder, "package.json"))("auth0");
}
