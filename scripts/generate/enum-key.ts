/**
 * The key v5 gives an enum value in its `Management` value objects: the value's words, each capitalised
 * (`verify_email` → `VerifyEmail`, `branding.themes.default` → `BrandingThemesDefault`, `RSA-OAEP-256` →
 * `RsaOaep256`, `loginId` → `LoginId`). A word starts after a separator (any character but an ASCII letter or
 * digit, dropped), at a lower-to-upper case change, and where letters and digits meet. An empty result is `Empty`; a
 * key that would start with a digit gets a `_`. `EnumKey` is the same rule for the type checker;
 * the generator writes an explicit key wherever v5's differs.
 * (The rule of `EnumKey` in src/management/enum-object.ts, which the declarations use.)
 */
export function enumKey(value: string): string {
  let key = "";
  let previous: CharClass = "separator";
  for (const char of value) {
    const current = charClass(char);
    if (current === "separator") {
      previous = current;
      continue;
    }
    const startsWord = previous === "separator" || (previous === "lower" && current === "upper") || (previous === "digit") !== (current === "digit");
    key += startsWord ? char.toUpperCase() : char.toLowerCase();
    previous = current;
  }
  if (key === "") return "Empty";
  return /^\d/.test(key) ? `_${key}` : key;
}

type CharClass = "lower" | "upper" | "digit" | "separator";

function charClass(char: string): CharClass {
  if (char >= "a" && char <= "z") return "lower";
  if (char >= "A" && char <= "Z") return "upper";
  if (char >= "0" && char <= "9") return "digit";
  return "separator";
}
