/**
 * v4's enum objects (`ConnectionCreateStrategyEnum.auth0`, …), decoded from one generated table instead of one object
 * literal each: line `i` of the table is an enum's members, `|`-separated, each a value (keyed by `legacyEnumKey`) or
 * `key=value`.
 */
import { legacyEnumKey } from "./enum-key.js";
import { LEGACY_ENUM_TABLE } from "./generated/enum-table.js";

/** The characters a v4 enum key keeps. */
export type LegacyEnumKeyChar =
  | "a" | "b" | "c" | "d" | "e" | "f" | "g" | "h" | "i" | "j" | "k" | "l" | "m" | "n" | "o" | "p" | "q" | "r" | "s" | "t" | "u" | "v" | "w" | "x" | "y" | "z"
  | "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J" | "K" | "L" | "M" | "N" | "O" | "P" | "Q" | "R" | "S" | "T" | "U" | "V" | "W" | "X" | "Y" | "Z"
  | "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "_";

/** `legacyEnumKey` for the type checker: the key of value `V`. */
export type LegacyEnumKey<V extends string, Key extends string = ""> = V extends `${infer C}${infer Rest}`
  ? LegacyEnumKey<Rest, `${Key}${C extends LegacyEnumKeyChar ? C : "_"}`>
  : Key;

/** A v4 enum object's type: each value of `V` under its key; `Explicit` lists the keys v4 spells differently. */
export type LegacyEnum<V extends string, Explicit extends Record<string, string> = {}> = {
  readonly [K in Exclude<V, Explicit[keyof Explicit]> as LegacyEnumKey<K>]: K;
} & { readonly [K in keyof Explicit]: Explicit[K] };

let lines: readonly string[] | undefined;

/** The object of line `index` of the table. */
export function legacyEnumAt<V extends string, Explicit extends Record<string, string> = {}>(index: number): LegacyEnum<V, Explicit> {
  lines ??= LEGACY_ENUM_TABLE.split("\n");
  const object: Record<string, string> = {};
  for (const entry of (lines[index] ?? "").split("|")) {
    const equals = entry.indexOf("=");
    if (equals < 0) object[legacyEnumKey(entry)] = entry;
    else object[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  return object as LegacyEnum<V, Explicit>;
}
