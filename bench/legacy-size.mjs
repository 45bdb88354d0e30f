// What auth0/legacy adds to the unpacked package: its files in dist/ (both builds of the entry, the data module they
// share, the declaration rollup and its re-export), as npm would pack them. The target counts the code; the
// declarations are reported beside it (they may grow with the types; the package's own budget covers them).
import { statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const RUNTIME = ["dist/esm/legacy.js", "dist/cjs/legacy.cjs", "dist/cjs/legacy-data.cjs"];
const DECLARATIONS = ["dist/legacy.d.cts", "dist/legacy.d.ts"];

export function measureLegacySize() {
  const size = (files) => files.reduce((total, file) => total + statSync(join(root, file)).size, 0);
  const runtime = size(RUNTIME);
  const declarations = size(DECLARATIONS);
  return { runtime, declarations, total: runtime + declarations };
}
