/**
 * The key v4 gives an enum value in its enum objects: the value with every character other than an ASCII letter,
 * digit or `_` replaced by `_` (`google-oauth2` → `google_oauth2`). `LegacyEnumKey` (in `enum-table.ts`) is the same
 * rule for the type checker; the generator writes an explicit key wherever v4's differs (`on_each_login` is `each_login`).
 */
export function legacyEnumKey(value: string): string {
  return value.replace(/[^A-Za-z0-9_]/g, "_");
}
