/**
 * Splits the `Management` declarations into modules of reasonable size and writes their imports. Enums (the only
 * runtime values) live in `enums/`; every other module is type-only. A module holds the types sharing a name
 * prefix (`connection-options.ts`: `ConnectionOptions…`): a prefix whose types are too many for one module is split
 * by a longer prefix, and the few types left over stay in the shorter prefix's module.
 */
import { enumObjectImport } from "./management-surface.js";
import { importList, words } from "./names.js";
import type { Declaration } from "./schema-to-ts.js";

/** A module past this many characters is split by a longer name prefix. */
const MAX_CHARS = 48_000;
/** A prefix group below this many characters stays in its parent's module. */
const MIN_CHARS = 6_000;
const MAX_DEPTH = 4;

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function prefix(name: string, depth: number): string {
  if (depth === 0) return name.charAt(0);
  return words(name).slice(0, depth).join("");
}

function moduleName(key: string, depth: number): string {
  if (depth === 0) return key.toLowerCase();
  return words(key)
    .map((word) => word.toLowerCase())
    .join("-");
}

function size(declarations: readonly Declaration[]): number {
  return declarations.reduce(
    (total, declaration) => total + declaration.text.length + (declaration.enumConst?.length ?? 0) + (declaration.companion?.length ?? 0),
    0,
  );
}

/** Module name → its declarations. */
export function groupDeclarations(declarations: readonly Declaration[]): Map<string, Declaration[]> {
  const modules = new Map<string, Declaration[]>();
  const place = (group: Declaration[], key: string, depth: number): void => {
    const own: Declaration[] = [];
    if (size(group) > MAX_CHARS && depth < MAX_DEPTH) {
      const children = new Map<string, Declaration[]>();
      for (const declaration of group) {
        const childKey = prefix(declaration.name, depth + 1);
        // A name with no more words than the current prefix stays here.
        if (childKey === key) own.push(declaration);
        else children.set(childKey, [...(children.get(childKey) ?? []), declaration]);
      }
      for (const [childKey, child] of children) {
        if (size(child) < MIN_CHARS || children.size === 1) own.push(...child);
        else place(child, childKey, depth + 1);
      }
    } else {
      own.push(...group);
    }
    if (own.length) {
      const name = moduleName(key, depth);
      if (modules.has(name)) throw new Error(`two modules named ${name}`);
      modules.set(name, own.sort(byName));
    }
  };
  const roots = new Map<string, Declaration[]>();
  for (const declaration of declarations) {
    const key = prefix(declaration.name, 0);
    roots.set(key, [...(roots.get(key) ?? []), declaration]);
  }
  for (const [key, group] of [...roots].sort(([a], [b]) => (a < b ? -1 : 1))) place(group, key, 0);
  return new Map([...modules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface TypeModules {
  /** Path under `types/` → content. */
  readonly files: Map<string, string>;
  /** Type name → module name (`enums`, `connection-options`, …). */
  readonly moduleOf: ReadonlyMap<string, string>;
}

function importLines(
  declarations: readonly Declaration[],
  ownModule: string,
  moduleOf: ReadonlyMap<string, string>,
  relative: string,
  uploadable: string,
): string {
  const local = new Set(declarations.map((declaration) => declaration.name));
  const wanted = new Map<string, Set<string>>();
  let usesUploadable = false;
  for (const declaration of declarations) {
    usesUploadable ||= declaration.usesUploadable;
    for (const ref of declaration.refs) {
      if (local.has(ref)) continue;
      const module = moduleOf.get(ref);
      if (module === undefined) throw new Error(`${declaration.name} refers to ${ref}, which is not declared`);
      if (module === ownModule) continue;
      wanted.set(module, (wanted.get(module) ?? new Set()).add(ref));
    }
  }
  const lines: string[] = [];
  if (usesUploadable) lines.push(`import type { Uploadable } from "${uploadable}";`);
  for (const [module, names] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`import type ${importList([...names].sort())} from "${relative}${module}.js";`);
  }
  return lines.length ? `${lines.join("\n")}\n\n` : "";
}

export function typeModules(declarations: readonly Declaration[], header: string): TypeModules {
  const enums = groupDeclarations(declarations.filter((declaration) => declaration.enumConst !== undefined));
  const grouped = groupDeclarations(declarations.filter((declaration) => declaration.enumConst === undefined));
  if (grouped.has("index") || grouped.has("enums")) throw new Error("a type module would shadow index.ts or enums.ts");
  const moduleOf = new Map<string, string>();
  for (const [module, members] of enums) for (const declaration of members) moduleOf.set(declaration.name, `enums/${module}`);
  for (const [module, members] of grouped) for (const declaration of members) moduleOf.set(declaration.name, module);

  const files = new Map<string, string>();
  for (const [module, members] of grouped) {
    const imports = importLines(members, module, moduleOf, "./", "../../uploadable.js");
    const table = members.some((declaration) => declaration.companion !== undefined) ? `${enumObjectImport("../../")}\n${imports === "" ? "\n" : ""}` : "";
    files.set(`${module}.ts`, `${header}\n${table}${imports}${members.map((declaration) => `${declaration.text}${declaration.companion ?? ""}`).join("\n")}`);
  }
  for (const [module, members] of enums) {
    files.set(
      `enums/${module}.ts`,
      `${header}\n// String enums: a literal-union type and a same-name object of its values (the only runtime values of the types).\n${enumObjectImport("../../../")}\n\n` +
        members.map((declaration) => `${declaration.text}${declaration.enumConst ?? ""}`).join("\n"),
    );
  }
  // `enums.ts`: the runtime values alone (and their types), for a barrel that re-exports the types with `export type *`.
  const enumModules = [...enums.keys()].sort().map((module) => `export * from "./enums/${module}.js";`);
  files.set("enums.ts", [header, "", ...enumModules, ""].join("\n"));
  const index = [
    header,
    "",
    ...[...grouped.keys(), ...[...enums.keys()].map((module) => `enums/${module}`)].sort().map((module) => `export * from "./${module}.js";`),
    'export * from "./resource-namespaces.js";',
    "",
  ];
  files.set("index.ts", index.join("\n"));
  return { files, moduleOf };
}
