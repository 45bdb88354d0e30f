import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dedupeInterfaces, forFormat, splitShared } from "../../scripts/declarations.mjs";

const rollup = `/**
 * pkg: a test rollup.
 *
 * @packageDocumentation
 */

import type { AxiosInstance } from 'axios';
import { Plugin as Plugin_2 } from 'auth0';

export declare interface Options {
	retries?: number;
}

declare interface Model {
	id: string;
}

declare interface Model_2 {
	name: string;
}

export declare class Client {
	constructor(options: Options);
	get(): Promise<Model>;
}

export declare function withAxios(instance: AxiosInstance): Plugin_2;

export declare interface AxiosOptions {
	instance: AxiosInstance;
}

export declare namespace Api {
	export {
		Model,
		Model_2 as Other
	}
}

export { }
`;

describe("declarations: per-format files and what they share", () => {
  const { entry, files } = splitShared(rollup, { entry: "index", shared: "./index.shared.cjs", namespaces: { Api: "./index.api.cjs" } });
  const shared = files.get("./index.shared.cjs")!;
  const api = files.get("./index.api.cjs")!;

  it("keeps exported values and whatever names another module in the entry's own file", () => {
    expect(entry).toContain("export declare class Client");
    expect(entry).toContain("export declare function withAxios(instance: AxiosInstance): Plugin_2;");
    expect(entry).toContain("export declare interface AxiosOptions");
    expect(entry).toContain("import type { AxiosInstance } from 'axios';");
    expect(entry.indexOf("@packageDocumentation")).toBeLessThan(entry.indexOf("import"));
  });

  it("shares the types that name no other module, and re-exports what the entry exported", () => {
    expect(shared).toContain("export declare interface Options");
    expect(shared).not.toMatch(/from '|AxiosInstance|Plugin_2/);
    expect(entry).toMatch(/import \{ Api, Options \} from "\.\/index\.shared\.cjs";/);
    expect(entry).toMatch(/export \{ Api, Options \};/);
    expect(entry).not.toContain("interface Options");
  });

  it("turns a namespace into a module of its own, exporting its members under the namespace's names", () => {
    expect(shared).toContain('import * as Api from "./index.api.cjs";');
    expect(shared).toContain("export { Api };");
    expect(api).toContain("export declare interface Model {");
    expect(api).toContain("declare interface Model_2 {");
    expect(api).toContain("export { Model_2 as Other };");
    expect(entry).toContain('import { Model } from "./index.api.cjs";');
  });

  it("points the package's own entries at the sibling file of each format", () => {
    expect(forFormat(entry, "esm")).toContain("import { Plugin as Plugin_2 } from './index.js';");
    expect(forFormat(entry, "cjs")).toContain("import { Plugin as Plugin_2 } from './index.cjs';");
    expect(forFormat("export { X } from 'auth0/plugins/axios';", "esm")).toBe("export { X } from './plugins-axios.js';");
    expect(forFormat(entry, "esm")).toContain("export interface AxiosOptions");
  });

  it("writes a repeated interface body once, the repeats extending the first", () => {
    const body = "{\n\tid: string;\n\tname?: string;\n\tcreated_at?: string;\n\tupdated_at?: string;\n\tmetadata?: Record<string, unknown>;\n}";
    const text = `export interface A ${body}\n\n/** B's own doc. */\nexport interface B ${body}\n\nexport interface C<T> ${body}\n`;
    expect(dedupeInterfaces(text)).toBe(`export interface A ${body}\n\n/** B's own doc. */\nexport interface B extends A {}\n\nexport interface C<T> ${body}\n`);
  });
});

describe("declarations in dist/ (the last build)", () => {
  const dist = fileURLToPath(new URL("../../dist", import.meta.url));
  if (!existsSync(join(dist, "index.d.ts"))) throw new Error("dist/ is missing: run `node scripts/build.mjs` first (npm test does)");
  const list = readdirSync(dist);
  const sharedFiles = list.filter((file) => /\.(shared|management)\.d\.cts$/.test(file));
  const specifiers = (file: string) => [...readFileSync(join(dist, file), "utf8").matchAll(/\bfrom\s+["']([^"']+)["']/g)].map((match) => match[1]!);

  it("shared files import nothing but each other", () => {
    expect(sharedFiles.length).toBeGreaterThanOrEqual(3);
    for (const file of sharedFiles) {
      for (const specifier of specifiers(file)) expect(sharedFiles, `${file} imports ${specifier}`).toContain(specifier.replace(/^\.\//, "").replace(/\.cjs$/, ".d.cts"));
    }
  });

  it("an ES module declaration file imports its sibling entries as ES modules, a CommonJS one as CommonJS", () => {
    for (const file of list.filter((name) => /\.d\.c?ts$/.test(name) && !sharedFiles.includes(name))) {
      const esm = file.endsWith(".d.ts");
      for (const specifier of specifiers(file).filter((s) => s.startsWith("./"))) {
        const target = specifier.replace(/^\.\//, "").replace(/\.c?js$/, esm ? ".d.ts" : ".d.cts");
        if (sharedFiles.includes(specifier.replace(/^\.\//, "").replace(/\.cjs$/, ".d.cts"))) continue;
        expect(specifier.endsWith(esm ? ".js" : ".cjs"), `${file} imports ${specifier}`).toBe(true);
        expect(list, `${file} imports ${specifier}`).toContain(target);
      }
    }
  });
});
