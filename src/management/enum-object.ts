/**
 * The type of the `Management` enum objects (`Management.OauthScope.ReadUsers`, …): written `EnumObject<X>` in the
 * declarations instead of each object's members, it derives every key from its value as v5 does (the generator gives
 * the exceptions explicitly), and the checker holds each generated object literal to it.
 */

/** The steps of `EnumKey`, one character at a time (the states of the generator's `enumKey`). */
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

/**
 * The key v5 gives an enum value: its words, each capitalised (`verify_email` → `VerifyEmail`, `RSA-OAEP-256` →
 * `RsaOaep256`, `loginId` → `LoginId`); `Empty` for none; a leading digit gets a `_`. (scripts/generate/enum-key.ts is
 * the same rule, for the generator.)
 */
export type EnumKey<V extends string> =
  EnumKeyRule.Words<V> extends "" ? "Empty" : EnumKeyRule.Words<V> extends `${EnumKeyRule.Digit}${string}` ? `_${EnumKeyRule.Words<V>}` : EnumKeyRule.Words<V>;

/**
 * An enum object's type: each value of `V` under its key; `Explicit` lists the keys v5 spells differently
 * (key → value). `null` in `V` (a nullable enum's type) has no member.
 */
export type EnumObject<V extends string | null, Explicit extends Record<string, string> = {}> = {
  readonly [K in Exclude<Extract<V, string>, Explicit[keyof Explicit]> as EnumKey<K>]: K;
} & { readonly [K in keyof Explicit]: Explicit[K] };
