/**
 * Reads the export-surface contract of the package we replace: `exports-v5.json` (every runtime export of each
 * entry, with kinds, enum values, object members, class statics/methods/parents) and `types-v5.json` (every
 * type-level name with the kind the TypeScript checker reports). Checked field by field into typed shapes.
 */
import { readFileSync } from "node:fs";
import { asObject, asString, isObject, type JsonObject } from "../generate/json.js";

export type RuntimeKind = "class" | "function" | "enum" | "object" | "string" | "boolean";

export interface RuntimeExport {
  readonly kind: RuntimeKind;
  /** An enum's members, key → value, as the contract lists them (sorted by key). */
  readonly values?: ReadonlyMap<string, string>;
  /** An object's members. */
  readonly members?: ReadonlyMap<string, RuntimeExport>;
  readonly statics?: readonly string[];
  readonly methods?: readonly string[];
  /** The name of the class a class extends. */
  readonly extends?: string;
  /** A string constant's value. */
  readonly value?: string;
}

/** Entry (`auth0`, `auth0/legacy`) → export name → what it is. */
export type RuntimeSurface = ReadonlyMap<string, ReadonlyMap<string, RuntimeExport>>;
/** Entry → type-level name (`Management.users`, `ClientCreate`) → the checker's kind (`interface`, `const+type`, …). */
export type TypeSurface = ReadonlyMap<string, ReadonlyMap<string, string>>;

const KINDS: readonly RuntimeKind[] = ["class", "function", "enum", "object", "string", "boolean"];

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8")) as unknown;
}

function names(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new Error(`${where}: expected an array`);
  return value.map((item, index) => asString(item, `${where}[${index}]`));
}

function runtimeExport(value: unknown, where: string): RuntimeExport {
  const object = asObject(value, where);
  const kind = asString(object.kind, `${where}.kind`) as RuntimeKind;
  if (!KINDS.includes(kind)) throw new Error(`${where}.kind: unknown kind ${kind}`);
  const values = object.values === undefined ? undefined : enumValues(asObject(object.values, `${where}.values`), `${where}.values`);
  const members = object.members === undefined ? undefined : exportMap(asObject(object.members, `${where}.members`), `${where}.members`);
  const statics = names(object.statics, `${where}.statics`);
  const methods = names(object.methods, `${where}.methods`);
  return {
    kind,
    ...(values ? { values } : {}),
    ...(members ? { members } : {}),
    ...(statics ? { statics } : {}),
    ...(methods ? { methods } : {}),
    ...(object.extends === undefined ? {} : { extends: asString(object.extends, `${where}.extends`) }),
    ...(object.value === undefined ? {} : { value: asString(object.value, `${where}.value`) }),
  };
}

function enumValues(object: JsonObject, where: string): Map<string, string> {
  return new Map(Object.entries(object).map(([key, value]) => [key, asString(value, `${where}.${key}`)]));
}

function exportMap(object: JsonObject, where: string): Map<string, RuntimeExport> {
  return new Map(Object.entries(object).map(([name, value]) => [name, runtimeExport(value, `${where}.${name}`)]));
}

export function loadRuntimeSurface(path: string): RuntimeSurface {
  const document = asObject(readJson(path), path);
  const entries = asObject(document.entries, `${path}.entries`);
  return new Map(Object.entries(entries).map(([entry, value]) => [entry, exportMap(asObject(value, entry), entry)]));
}

export function loadTypeSurface(path: string): TypeSurface {
  const document = asObject(readJson(path), path);
  const entries = asObject(document.entries, `${path}.entries`);
  return new Map(
    Object.entries(entries).map(([entry, value]) => {
      if (!isObject(value)) throw new Error(`${path}: entry ${entry} is not an object`);
      return [entry, new Map(Object.entries(value).map(([name, kind]) => [name, asString(kind, `${entry}.${name}`)]))];
    }),
  );
}

/** The exports of one entry; throws when the contract lacks it. */
export function entryOf<T>(surface: ReadonlyMap<string, T>, entry: string): T {
  const found = surface.get(entry);
  if (found === undefined) throw new Error(`the contract has no entry ${entry}`);
  return found;
}
