// What auth0/legacy adds to the unpacked package: its files in dist/ (both builds of the entry, the data module they
// share, and its declarations: the per-format files and the shared one), as npm would pack them. The target counts
// the code; the declarations are reported beside it (the package's own budget covers them).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const RUNTIME = ["dist/esm/legacy.js", "dist/cjs/legacy.cjs", "dist/cjs/legacy-data.cjs"];

export function measureLegacySize() {
  const size = (files) => files.reduce((total, file) => total + statSync(join(root, file)).size, 0);
  const runtime = size(RUNTIME);
  const declarations = size(readdirSync(join(root, "dist")).filter((name) => /^legacy\.(?:[\w-]+\.)?d\.c?ts$/.test(name)).map((name) => `dist/${name}`));
  return { runtime, declarations, total: runtime + declarations };
}
