import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dedupeInterfaces, forFormat, splitShared, withoutDeclare } from "../../scripts/declarations.mjs";

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
    // Everything the shared file declares is the entry's to export, under the same names: one line says so.
    expect(entry).toContain('\nexport * from "./index.shared.cjs";\n');
    expect(entry).toMatch(/import \{ Options \} from "\.\/index\.shared\.cjs";/);
    expect(entry).not.toContain("interface Options");
  });

  it("names each re-export when the shared file also declares what the entry does not export", () => {
    const text = "export declare interface Options {\n\tmodel: Model;\n}\n\ndeclare interface Model {\n\tid: string;\n}\n\nexport declare class Client {\n\tconstructor(options: Options);\n}\n\nexport { }\n";
    const split = splitShared(text, { entry: "index", shared: "./index.shared.cjs" });
    expect(split.files.get("./index.shared.cjs")).toContain("export declare interface Model");
    expect(split.entry).not.toContain("export *");
    expect(split.entry).toMatch(/export \{ Options \};/);
  });

  it("shares constants (their types are structural) but keeps each format's own classes and functions", () => {
    const text = "export declare type Kind = \"a\" | \"b\";\n\nexport declare const Kind: {\n\treadonly A: \"a\";\n\treadonly B: \"b\";\n};\n\nexport declare class Client {\n\tkind: Kind;\n}\n\nexport declare function kindOf(client: Client): Kind;\n\nexport { }\n";
    const split = splitShared(text, { entry: "index", shared: "./index.shared.cjs" });
    const sharedText = split.files.get("./index.shared.cjs")!;
    expect(sharedText).toContain("export declare const Kind");
    expect(sharedText).toContain("export declare type Kind");
    expect(sharedText).not.toMatch(/Client|kindOf/);
    expect(split.entry).toContain("export declare class Client");
    expect(split.entry).toContain("export declare function kindOf");
    expect(split.exported).toEqual(new Map([["Kind", { specifier: "./index.shared.cjs", name: "Kind" }]]));
  });

  it("takes what another entry's shared file declares from there, so what names it is shared too", () => {
    const legacy = `import { Plugin as Plugin_2 } from 'auth0';
import type { Management } from 'auth0';
import type { IncomingHttpHeaders } from 'node:http';
import { ManagementClient } from 'auth0';

export declare type UserUpdate = NonNullable<Management.UpdateUserRequestContent>;

export declare interface Options {
\tplugins: Plugin_2[];
\theaders: IncomingHttpHeaders;
}

export declare class Client extends ManagementClient {
\tconstructor(options: Options);
}

export { }
`;
    const homes = new Map([
      ["Management", { specifier: "./index.shared.cjs", name: "Management" }],
      ["Plugin", { specifier: "./index.shared.cjs", name: "Plugin_2" }],
    ]);
    const neutral = (specifier: string, name: string) => (specifier.startsWith("node:") ? { specifier, name } : specifier === "auth0" ? homes.get(name) : undefined);
    const split = splitShared(legacy, { entry: "legacy", shared: "./legacy.shared.cjs", neutral });
    const sharedText = split.files.get("./legacy.shared.cjs")!;
    expect(sharedText).toContain("export declare type UserUpdate");
    expect(sharedText).toContain("export declare interface Options");
    expect(sharedText).toContain('import { Management, Plugin_2 } from "./index.shared.cjs";');
    expect(sharedText).toContain('import { IncomingHttpHeaders } from "node:http";');
    // ManagementClient is not in the main entry's shared file: the class that extends it stays per format.
    expect(split.entry).toContain("import { ManagementClient } from 'auth0';");
    expect(split.entry).toContain("export declare class Client extends ManagementClient");
    expect(split.entry).not.toMatch(/from 'auth0';\nimport type \{ Management \}|Plugin as Plugin_2|node:http/);
  });

  it("gives another entry the shared declaration behind each exported name, renamed ones too", () => {
    const text = "declare interface Plugin_2 {\n\tname: string;\n}\nexport { Plugin_2 as Plugin }\n\nexport declare interface Options {\n\tplugins: Plugin_2[];\n}\n\nexport { }\n";
    const split = splitShared(text, { entry: "index", shared: "./index.shared.cjs" });
    expect(split.exported.get("Plugin")).toEqual({ specifier: "./index.shared.cjs", name: "Plugin_2" });
    expect(split.exported.get("Options")).toEqual({ specifier: "./index.shared.cjs", name: "Options" });
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

  it("drops the \`declare\` a declaration file does not need, and keeps the one it does", () => {
    const text = "export declare const A: string;\nexport declare class B {\n}\nexport declare abstract class C {\n}\nexport declare function d(): void;\nexport declare namespace E {\n}\ndeclare class F {\n}\ndeclare const g: number;\ndeclare interface H {\n}\n";
    expect(withoutDeclare(text)).toBe(
      "export const A: string;\nexport class B {\n}\nexport abstract class C {\n}\nexport function d(): void;\nexport namespace E {\n}\ndeclare class F {\n}\ndeclare const g: number;\ninterface H {\n}\n",
    );
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

  it("shared files import nothing but each other and Node's modules (one declaration for either format)", () => {
    expect(sharedFiles.length).toBeGreaterThanOrEqual(3);
    for (const file of sharedFiles) {
      for (const specifier of specifiers(file).filter((s) => !s.startsWith("node:"))) {
        expect(sharedFiles, `${file} imports ${specifier}`).toContain(specifier.replace(/^\.\//, "").replace(/\.cjs$/, ".d.cts"));
      }
    }
  });

  it("auth0/legacy's per-format files hold its classes and functions, its shared file the rest", () => {
    for (const file of ["legacy.d.ts", "legacy.d.cts"]) {
      const text = readFileSync(join(dist, file), "utf8");
      expect(text).toContain('export * from "./legacy.shared.cjs";');
      expect(text.length, file).toBeLessThan(20_000);
    }
    expect(readFileSync(join(dist, "legacy.shared.d.cts"), "utf8")).toContain("export const ConnectionCreateStrategyEnum: LegacyEnum<");
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
