/**
 * The `Management` namespace as the contract (`exports-v5.json`, `types-v5.json`) describes it, applied to the
 * declarations built from the OpenAPI document: enums take v5's exact values and keys, enums and names the document
 * lacks are declared, nested value objects (`Management.ConnectionResponseContentAd.Strategy`) are attached to their
 * types, and the per-resource namespaces (`Management.users`) are written. Each enum object is a literal typed
 * `EnumObject<X>` (its keys derived from its values, the exceptions given), so the declarations stay small.
 */
import { explicitKeys, explicitTypeArgument, type Members } from "../surface/enum-table.js";
import type { RuntimeExport } from "../surface/contract.js";
import { enumKey } from "./enum-key.js";
import { propertyKey } from "./names.js";
import type { CompatMethod } from "./load.js";
import { enumDeclaration, type Declaration } from "./schema-to-ts.js";

/** The contract's view of the `Management` namespace. */
export interface ManagementSurface {
  /** Runtime members: enums, value objects, error classes, resource namespaces. */
  readonly members: ReadonlyMap<string, RuntimeExport>;
  /** Every type-level member name (`Management.X` → `X`). */
  readonly typeNames: ReadonlySet<string>;
}

const FALLBACK_DOC = "/** Not described by the OpenAPI document (listed in scripts/generate/FALLBACKS.md). */\n";

const isResourceNamespace = (name: string, member: RuntimeExport): boolean => member.kind === "object" && /^[a-z]/.test(name);

export interface SurfaceResult {
  readonly declarations: Declaration[];
  /** Type names declared `unknown` because only their name is known. */
  readonly fallbacks: readonly string[];
}

/** The declarations with the contract applied and every enum object written. */
export function applySurface(declarations: readonly Declaration[], surface: ManagementSurface, header: string): SurfaceResult {
  const byName = new Map(declarations.map((declaration) => [declaration.name, declaration]));
  const fallbacks: string[] = [];
  const declareFallback = (name: string): void => {
    fallbacks.push(name);
    byName.set(name, { name, text: `${FALLBACK_DOC}export type ${name} = unknown;\n`, refs: new Set(), usesUploadable: false });
  };

  // Enums: v5's values and keys, in the document's order where it has them.
  for (const [name, member] of surface.members) {
    if (member.kind !== "enum" || member.values === undefined) continue;
    const existing = byName.get(name);
    // (A single-value `const` schema of the document is an enum in v5 too: it becomes one here.)
    const order = (existing?.enumMembers ?? []).map(([, value]) => value);
    const contract = [...member.values];
    const ranked = (value: string): number => (order.includes(value) ? order.indexOf(value) : order.length);
    const sorted = contract.sort(([, a], [, b]) => ranked(a) - ranked(b));
    const nullable = existing?.text.includes(" | null;") ?? false;
    const base = enumDeclaration(
      name,
      sorted.map(([, value]) => value),
      nullable,
      undefined,
      sorted.map(([key]) => key),
    );
    byName.set(name, { ...base, text: existing ? docOf(existing.text) + base.text : base.text });
  }

  // Value objects nested in a type, and the names only the type surface knows.
  const nested = new Map<string, ReadonlyMap<string, RuntimeExport>>();
  for (const [name, member] of surface.members) {
    if (member.kind !== "object" || isResourceNamespace(name, member)) continue;
    for (const [key, inner] of member.members ?? []) {
      if (inner.kind !== "enum") throw new Error(`Management.${name}.${key}: only enum members are expected in a value object`);
    }
    if (!byName.has(name)) declareFallback(name);
    nested.set(name, member.members ?? new Map());
  }
  for (const name of surface.typeNames) {
    const member = surface.members.get(name);
    if (byName.has(name) || (member !== undefined && (member.kind === "class" || isResourceNamespace(name, member)))) continue;
    declareFallback(name);
  }

  const result: Declaration[] = [];
  for (const declaration of byName.values()) {
    const { name } = declaration;
    let next = declaration;
    if (declaration.enumMembers) {
      const type = `EnumObject<${name}${explicitTypeArgument(explicitKeys(declaration.enumMembers, enumKey))}>`;
      next = { ...next, enumConst: `export const ${name}: ${type} = ${objectLiteral(declaration.enumMembers)};\n` };
    }
    const members = nested.get(name);
    if (members) next = { ...next, companion: valueObject(name, members) };
    result.push(next);
  }
  return { declarations: result, fallbacks: fallbacks.sort() };
}

function objectLiteral(members: Members): string {
  return `{ ${members.map(([key, value]) => `${propertyKey(key)}: ${JSON.stringify(value)}`).join(", ")} }`;
}

/** `export const X = { Strategy: { … } }` and the namespace of the member types (`X.Strategy`). */
function valueObject(name: string, members: ReadonlyMap<string, RuntimeExport>): string {
  const keys = [...members.keys()];
  const entries = (key: string): Members => [...(members.get(key)?.values ?? [])];
  const types = keys.map((key) => `  type ${key} = ${entries(key).map(([, value]) => JSON.stringify(value)).join(" | ")};\n`);
  const shape = keys.map((key) => `readonly ${key}: EnumObject<${name}.${key}${explicitTypeArgument(explicitKeys(entries(key), enumKey))}>`).join("; ");
  const values = keys.map((key) => `${key}: ${objectLiteral(entries(key))}`).join(", ");
  return `export const ${name}: { ${shape} } = { ${values} };\nexport declare namespace ${name} {\n${types.join("")}}\n`;
}

function docOf(text: string): string {
  const end = text.indexOf("*/\n");
  return text.startsWith("/**") && end >= 0 ? text.slice(0, end + 3) : "";
}

/** The import of `EnumObject`, for a module `relative` to `src/management/` (`../../` from `types/`). */
export function enumObjectImport(relative: string): string {
  return `import type { EnumObject } from "${relative}enum-object.js";`;
}

interface NamespaceNode {
  readonly children: Map<string, NamespaceNode>;
}

/**
 * `types/resource-namespaces.ts`: per top-level resource, v5's namespace object (`Management.users`, with one empty
 * object per sub-resource, as v5's module namespaces are at run time), and the types that live in a namespace only
 * (`Management.jobs.ErrorsGetResponse`). (v5 also repeats the request types under these namespaces; here they are
 * `Management.<Name>` only: a namespace may not alias a top-level type of the same name in the rolled-up
 * declarations.)
 */
export function resourceNamespaces(
  methods: readonly CompatMethod[],
  surface: ManagementSurface,
  moduleOf: ReadonlyMap<string, string>,
  namespaceTypes: ReadonlyMap<string, readonly Declaration[]>,
  header: string,
): string {
  const roots = new Map<string, NamespaceNode>();
  const node = (path: readonly string[]): void => {
    let level = roots;
    for (const segment of path) {
      let current = level.get(segment);
      if (current === undefined) {
        current = { children: new Map() };
        level.set(segment, current);
      }
      level = current.children;
    }
  };
  for (const method of methods) node(method.method.split(".").slice(0, -1));
  // The contract's runtime members too (a sub-resource without methods of its own still has its object).
  const addMembers = (path: readonly string[], members: ReadonlyMap<string, RuntimeExport> | undefined): void => {
    node(path);
    for (const [name, member] of members ?? []) addMembers([...path, name], member.members);
  };
  for (const [name, member] of surface.members) if (isResourceNamespace(name, member)) addMembers([name], member.members);

  const imports = new Map<string, Set<string>>();
  const objectOf = (current: NamespaceNode): string =>
    current.children.size === 0 ? "{}" : `{ ${[...current.children].map(([name, child]) => `${name}: ${objectOf(child)}`).join(", ")} }`;
  const blocks = [...roots].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, current]) => {
    const own = namespaceTypes.get(name) ?? [];
    const value = `export const ${name} = ${objectOf(current)};\n`;
    if (own.length === 0) return value;
    const types = own.map((declaration) => {
      for (const ref of declaration.refs) {
        const module = moduleOf.get(ref);
        if (module === undefined) throw new Error(`${name}.${declaration.name} refers to ${ref}, which is not declared`);
        imports.set(module, (imports.get(module) ?? new Set()).add(ref));
      }
      return declaration.text.replace(/^export /m, "").replace(/^(?=.)/gm, "  ");
    });
    return `${value}export declare namespace ${name} {\n${types.join("")}}\n`;
  });
  const importLines = [...imports]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([module, names]) => `import type { ${[...names].sort().join(", ")} } from "./${module}.js";\n`);
  return `${header}\n// v5's per-resource namespaces: an object per resource (and sub-resource) at run time.\n${importLines.join("")}\n${blocks.join("")}`;
}
