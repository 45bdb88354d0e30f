/** Writes the generated files into the output directory: changed files only, and stale generated files removed. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";

function listFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

function removeEmptyDirectories(directory: string, root: string): void {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyDirectories(join(directory, entry.name), root);
  }
  if (directory !== root && readdirSync(directory).length === 0) rmdirSync(directory);
}

export interface WriteResult {
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
}

/**
 * `files`: path relative to `outDir` (with `/`) → content. `generated` tells which files already in `outDir` the
 * generator owns (by default every `.ts` file): those it no longer produces are removed.
 */
export function writeOutput(
  outDir: string,
  files: ReadonlyMap<string, string>,
  generated: (path: string) => boolean = (path) => path.endsWith(".ts"),
): WriteResult {
  let written = 0;
  let unchanged = 0;
  let removed = 0;
  mkdirSync(outDir, { recursive: true });
  for (const path of listFiles(outDir)) {
    const key = relative(outDir, path).split(sep).join("/");
    if (!files.has(key) && generated(path)) {
      rmSync(path);
      removed += 1;
    }
  }
  for (const [key, content] of files) {
    const path = join(outDir, ...key.split("/"));
    if (existsSync(path) && readFileSync(path, "utf8") === content) {
      unchanged += 1;
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    written += 1;
  }
  removeEmptyDirectories(outDir, outDir);
  return { written, unchanged, removed };
}

export function writeText(path: string, content: string): void {
  if (existsSync(path) && readFileSync(path, "utf8") === content) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
