import { open, readFile } from "node:fs/promises";
import { InvalidInputError } from "auth0";
import type { CheckpointStore } from "auth0/plugins/bulk";

/**
 * A checkpoint in a file, for Node: each `set` appends one JSON line and waits until the disk has it (`datasync`),
 * so a process killed at any moment leaves every completed `set` on disk; a line torn by the kill is ignored when the
 * file is read again. The file is read once, on the first `get`.
 */
export function fileCheckpoint(path: string): CheckpointStore {
  if (typeof path !== "string" || path === "") throw new InvalidInputError("path", "fileCheckpoint() needs a file path");
  let values: Promise<Map<string, string>> | undefined;
  const load = (): Promise<Map<string, string>> => (values ??= readValues(path));
  return {
    async get(key) {
      return (await load()).get(key);
    },
    async set(key, value) {
      const map = await load();
      const file = await open(path, "a");
      try {
        await file.write(`${JSON.stringify({ key, value })}\n`);
        await file.datasync();
      } finally {
        await file.close();
      }
      map.set(key, value);
    },
  };
}

async function readValues(path: string): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return values;
    throw error;
  }
  for (const line of text.split("\n")) {
    if (line === "") continue;
    try {
      const entry = JSON.parse(line) as { key?: unknown; value?: unknown };
      if (typeof entry.key === "string" && typeof entry.value === "string") values.set(entry.key, entry.value);
    } catch {
      // The last line of a process killed mid-write: that `set` never completed.
    }
  }
  return values;
}
