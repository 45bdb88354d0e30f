import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// The built package (dist/), every entry, in a fresh process each: importing it must change no global.
const run = promisify(execFile);
const probe = join(import.meta.dirname, "fixtures/globals-untouched.mjs");

async function importAll(mode: "import" | "require", ...args: string[]): Promise<{ loaded: boolean[]; reflect: string[]; globalThis: string[]; appFunctionsKept: boolean }> {
  const flags = args.filter((arg) => arg.startsWith("--"));
  const setup = args.filter((arg) => !arg.startsWith("--"));
  const { stdout } = await run(process.execPath, [...flags, probe, mode, ...setup], { cwd: join(import.meta.dirname, "fixtures") });
  return JSON.parse(stdout.trim().split("\n").pop()!) as never;
}

describe.each(["import", "require"] as const)(`"Importing the SDK changes no global": every entry point of the built package (%s)`, (mode) => {
  it("leaves Reflect and globalThis exactly as they were (own property names and descriptors)", async () => {
    const result = await importAll(mode);
    expect(result.loaded).toEqual([true, true, true, true, true, true, true]);
    expect(result.reflect).toEqual([]);
    expect(result.globalThis).toEqual([]);
  });

  it("keeps an app's reflect-metadata 0.1-style functions on Reflect identical (NestJS, TypeORM, Inversify)", async () => {
    const result = await importAll(mode, "app-reflect");
    expect(result.appFunctionsKept).toBe(true);
    expect(result.reflect).toEqual([]);
  });

  it("works under node --frozen-intrinsics", async () => {
    const result = await importAll(mode, "--frozen-intrinsics");
    expect(result.loaded).toEqual([true, true, true, true, true, true, true]);
  });
});
