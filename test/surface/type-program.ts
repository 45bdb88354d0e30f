import type { SurfaceName } from "./fixture.js";

/**
 * A TypeScript program that uses every type-level name of one entry as its kind allows, and checks the enum objects'
 * keys against the built package's (read at run time, so checked against the contract by exports.test.ts):
 * - an interface is an object type; a type alias is a type; a class is a type and a constructor; a function is
 *   callable; a const is a value; `const+type` and an enum are both; a namespace is a value;
 * - a namespace member (`Management.users`) is used as what it is at run time (a value, a class, an enum object), or
 *   as a type when it has no value;
 * - an enum object has exactly the built object's keys, and its values are the same-name type's values.
 */
export function typeProgram(specifier: string, names: readonly SurfaceName[], enumKeys: ReadonlyMap<string, readonly string[]>): string {
  const lines = [
    `import * as A from ${JSON.stringify(specifier)};`,
    "",
    "type Is<T extends true> = T;",
    "type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;",
    "type IsObject<T extends object> = T;",
    "declare function value<T>(given: T): void;",
    "type Constructor = abstract new (...args: any) => unknown;",
    "type Callable = (...args: any) => unknown;",
    "",
  ];
  let n = 0;
  const asType = (path: string) => lines.push(`type T${n++} = A.${path};`);
  const asObjectType = (path: string) => lines.push(`type T${n++} = IsObject<A.${path}>;`);
  const asValue = (path: string) => lines.push(`value(A.${path});`);
  const asClass = (path: string) => lines.push(`type T${n++} = A.${path};`, `value<Constructor>(A.${path});`);
  const asFunction = (path: string) => lines.push(`value<Callable>(A.${path});`);
  for (const { path, typeKind, runtime } of names) {
    switch (typeKind) {
      case "interface":
        asObjectType(path);
        break;
      case "type":
      case "type+namespace":
        asType(path);
        break;
      case "class":
      case "class+namespace":
        asClass(path);
        break;
      case "function":
        asFunction(path);
        break;
      case "const":
      case "namespace":
        asValue(path);
        break;
      case "const+type":
      case "enum":
        asValue(path);
        asType(path);
        break;
      case "member":
        if (path.endsWith(".prototype")) asValue(path);
        else if (runtime?.kind === "class") asClass(path);
        else if (runtime?.kind === "enum") (asValue(path), asType(path));
        else if (runtime?.kind === "function") asFunction(path);
        else if (runtime !== undefined) asValue(path);
        else asType(path);
        break;
      case undefined:
        break;
      default:
        throw new Error(`${path}: unknown kind ${typeKind}`);
    }
  }
  lines.push("");
  for (const { path, runtime, typeKind } of names) {
    if (runtime?.kind !== "enum") continue;
    const keys = enumKeys.get(path);
    if (keys === undefined) throw new Error(`${path}: the built package has no such enum object`);
    const union = keys.map((key) => JSON.stringify(key)).join(" | ") || "never";
    lines.push(`type T${n++} = Is<Equal<keyof typeof A.${path}, ${union}>>;`);
    // Every enum object of v5 and v4 is also a type of its values (a nested one, `X.Strategy`, too); a TypeScript
    // `enum` (SUBJECT_TOKEN_TYPES) is a type of its members instead.
    if (typeKind !== "enum") lines.push(`type T${n++} = Is<Equal<(typeof A.${path})[keyof typeof A.${path}], Exclude<A.${path}, null>>>;`);
  }
  return `${lines.join("\n")}\n`;
}
