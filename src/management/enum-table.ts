/**
 * The `Management` enum objects (`Management.OauthScope.ReadUsers`, …), decoded from one generated table instead of
 * one object literal each. `enumAt(i)` builds the object of line `i` of the table; every enum of the namespace is a
 * call of `enumAt(i)` marked pure, so an app bundler drops the ones an app does not use, and the table with the last.
 */
import { ENUM_TABLE } from "./generated/types/enum-table.js";
import { enumKey } from "./enum-key.js";

/** The steps of `EnumKey`, one character at a time (the states of `enumKey`). */
export declare namespace EnumKeyRule {
  type Lower = "a" | "b" | "c" | "d" | "e" | "f" | "g" | "h" | "i" | "j" | "k" | "l" | "m" | "n" | "o" | "p" | "q" | "r" | "s" | "t" | "u" | "v" | "w" | "x" | "y" | "z";
  type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
  type ClassOf<C extends string> = C extends Lower ? "lower" : C extends Uppercase<Lower> ? "upper" : C extends Digit ? "digit" : "separator";
  type StartsWord<Previous extends string, Current extends string> = Previous extends "separator"
    ? true
    : [Previous, Current] extends ["lower", "upper"]
      ? true
      : (Previous extends "digit" ? true : false) extends (Current extends "digit" ? true : false)
        ? false
        : true;
  type Words<S extends string, Previous extends string = "separator", Key extends string = ""> = S extends `${infer C}${infer Rest}`
    ? ClassOf<C> extends "separator"
      ? Words<Rest, "separator", Key>
      : Words<Rest, ClassOf<C>, `${Key}${StartsWord<Previous, ClassOf<C>> extends true ? Uppercase<C> : Lowercase<C>}`>
    : Key;
}

/** `enumKey` for the type checker: the key of value `V`. */
export type EnumKey<V extends string> =
  EnumKeyRule.Words<V> extends "" ? "Empty" : EnumKeyRule.Words<V> extends `${EnumKeyRule.Digit}${string}` ? `_${EnumKeyRule.Words<V>}` : EnumKeyRule.Words<V>;

/**
 * An enum object's type: each value of `V` under its key; `Explicit` lists the keys v5 spells differently
 * (key → value). `null` in `V` (a nullable enum's type) has no member.
 */
export type EnumObject<V extends string | null, Explicit extends Record<string, string> = {}> = {
  readonly [K in Exclude<Extract<V, string>, Explicit[keyof Explicit]> as EnumKey<K>]: K;
} & { readonly [K in keyof Explicit]: Explicit[K] };

let lines: readonly string[] | undefined;

/** The object of line `index`: `|`-separated entries, each a value (keyed by `enumKey`) or `key=value`. */
export function enumAt<V extends string | null, Explicit extends Record<string, string> = {}>(index: number): EnumObject<V, Explicit> {
  lines ??= ENUM_TABLE.split("\n");
  const object: Record<string, string> = {};
  for (const entry of (lines[index] ?? "").split("|")) {
    const equals = entry.indexOf("=");
    if (equals < 0) object[enumKey(entry)] = entry;
    else object[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  return object as EnumObject<V, Explicit>;
}
