/**
 * Enum objects written compactly: as the table `plugins/legacy/enum-table.ts` decodes (one line per distinct list of
 * members, `|`-separated; a member is its value alone when the key rule gives its key, else `key=value`; enums with the
 * same members share a line), and the explicit keys of the `EnumObject`/`LegacyEnum` types (the same rule).
 */

/** An enum's members in order: [key, value]. */
export type Members = ReadonlyArray<readonly [string, string]>;

export interface EnumTable {
  /** The table's text (lines joined with `\n`). */
  readonly text: string;
  /** Enum name → its line. */
  readonly lineOf: ReadonlyMap<string, number>;
  /** Enum name → the members whose key the rule does not give (key → value); absent when there are none. */
  readonly explicit: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** The members whose key `keyOf` does not give (key → value); undefined when there are none. */
export function explicitKeys(members: Members, keyOf: (value: string) => string): ReadonlyMap<string, string> | undefined {
  const explicit = new Map(members.filter(([key, value]) => keyOf(value) !== key));
  return explicit.size > 0 ? explicit : undefined;
}

export function encodeEnumTable(enums: ReadonlyMap<string, Members>, keyOf: (value: string) => string): EnumTable {
  const lines: string[] = [];
  const lineIndex = new Map<string, number>();
  const lineOf = new Map<string, number>();
  const explicit = new Map<string, Map<string, string>>();
  for (const [name, members] of enums) {
    const seen = new Set<string>();
    const entries = members.map(([key, value]) => {
      if (/[|\n]/.test(value)) throw new Error(`${name}.${key}: the value ${JSON.stringify(value)} cannot go into the enum table`);
      if (seen.has(key)) throw new Error(`${name}: key ${key} twice`);
      seen.add(key);
      if (keyOf(value) === key && !value.includes("=")) return value;
      explicit.set(name, (explicit.get(name) ?? new Map<string, string>()).set(key, value));
      return `${key}=${value}`;
    });
    const line = entries.join("|");
    let index = lineIndex.get(line);
    if (index === undefined) {
      index = lines.length;
      lines.push(line);
      lineIndex.set(line, index);
    }
    lineOf.set(name, index);
  }
  return { text: lines.join("\n"), lineOf, explicit };
}

/** A TS string literal for the table: a template literal, one line per line (no `` ` ``, `\` or `${` occurs in it). */
export function tableLiteral(text: string): string {
  if (/[`\\]|\$\{/.test(text)) throw new Error("the enum table holds a character a template literal cannot carry as is");
  return `\`${text}\``;
}

/** The `Explicit` type argument of `EnumObject`/`LegacyEnum` for an enum's explicit keys ("" when there are none). */
export function explicitTypeArgument(explicit: ReadonlyMap<string, string> | undefined): string {
  if (explicit === undefined || explicit.size === 0) return "";
  return `, { ${[...explicit].map(([key, value]) => `${propertyName(key)}: ${JSON.stringify(value)}`).join("; ")} }`;
}

function propertyName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}
