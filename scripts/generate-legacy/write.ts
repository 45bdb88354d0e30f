/** Writes generated files: changed ones only, and generated files no longer produced removed (hand-written ones never). */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface WriteResult {
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
}

/** `files`: file name in `directory` → content. A file already there is the generator's when it starts with `header`. */
export function writeFiles(directory: string, files: ReadonlyMap<string, string>, header: string): WriteResult {
  let written = 0;
  let unchanged = 0;
  let removed = 0;
  mkdirSync(directory, { recursive: true });
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (!entry.isFile() || files.has(entry.name)) continue;
    const path = join(directory, entry.name);
    if (readFileSync(path, "utf8").startsWith(header)) {
      rmSync(path);
      removed += 1;
    }
  }
  for (const [name, content] of files) {
    const path = join(directory, name);
    if (existsSync(path) && readFileSync(path, "utf8") === content) {
      unchanged += 1;
    } else {
      writeFileSync(path, content);
      written += 1;
    }
  }
  return { written, unchanged, removed };
}
