/**
 * Name mapping. The v5 package names its types and enum members with lodash's `camelCase` + `upperFirst` (its
 * generator's casing), e.g. `AnomalyIPFormat` → `AnomalyIpFormat`, `read:users` → `ReadUsers`; `words` below follows
 * lodash's word splitting for ASCII text so the same names come out.
 */

const BREAK = "\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f";
const CONTRACTION_LOWER = "(?:['\u2019](?:d|ll|m|re|s|t|ve))?";
const CONTRACTION_UPPER = "(?:['\u2019](?:D|LL|M|RE|S|T|VE))?";
const WORD = new RegExp(
  [
    `[A-Z]?[a-z]+${CONTRACTION_LOWER}(?=[${BREAK}]|[A-Z]|$)`,
    `[A-Z]+${CONTRACTION_UPPER}(?=[${BREAK}]|[A-Z][a-z]|$)`,
    `[A-Z]?[a-z]+${CONTRACTION_LOWER}`,
    `[A-Z]+${CONTRACTION_UPPER}`,
    "\\d*(?:1ST|2ND|3RD|(?![123])\\dTH)(?=\\b|[a-z_])",
    "\\d*(?:1st|2nd|3rd|(?![123])\\dth)(?=\\b|[A-Z_])",
    "\\d+",
  ].join("|"),
  "g",
);
const HAS_MIXED_WORD = /[a-z][A-Z]|[A-Z]{2}[a-z]|[0-9][a-zA-Z]|[a-zA-Z][0-9]|[^a-zA-Z0-9 ]/;
const ASCII_WORD = new RegExp(`[^${BREAK}]+`, "g");

/** Accents dropped, other non-ASCII characters treated as separators. */
function toAscii(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x00-\x7f]/g, " ");
}

export function words(text: string): string[] {
  const ascii = toAscii(text);
  return ascii.match(HAS_MIXED_WORD.test(ascii) ? WORD : ASCII_WORD) ?? [];
}

function capitalize(word: string): string {
  const lower = word.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export function camelCase(text: string): string {
  return words(text.replace(/['\u2019]/g, ""))
    .map((word, index) => (index === 0 ? word.toLowerCase() : capitalize(word)))
    .join("");
}

export function pascalCase(text: string): string {
  const camel = camelCase(text);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** The public (`Management.X`) name of a spec schema. */
export function typeName(schemaName: string): string {
  return pascalCase(schemaName);
}

/**
 * Member keys of an enum's const object: PascalCase of each value; empty results become `Empty`, a leading digit
 * gets a `_` prefix, and a key already taken gets the lowest free numeric suffix (`Foo2`), in value order.
 */
export function enumMemberKeys(values: readonly string[]): string[] {
  const taken = new Set<string>();
  return values.map((value) => {
    let key = pascalCase(value) || "Empty";
    if (/^\d/.test(key)) key = `_${key}`;
    if (taken.has(key)) {
      let n = 2;
      while (taken.has(`${key}${n}`)) n += 1;
      key = `${key}${n}`;
    }
    taken.add(key);
    return key;
  });
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property name as written in a type or object literal: bare when it is an identifier, else quoted. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** The camelCase alias of a snake_case wire name (`search_engine` → `searchEngine`). */
export function camelAlias(wire: string): string {
  return wire.replace(/_+([a-zA-Z0-9])/g, (_match, char: string) => char.toUpperCase());
}

/** `attackProtection` → `AttackProtection` (resource segments are camelCase already). */
export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `attackProtection` → `attack-protection`, `CreateUser` → `create-user` (file names). */
export function kebabCase(text: string): string {
  return words(text)
    .map((word) => word.toLowerCase())
    .join("-");
}

/** An import list: `{ A, B }`, or one name a line when there are more than four. */
export function importList(names: readonly string[]): string {
  return names.length > 4 ? `{\n${names.map((name) => `  ${name},\n`).join("")}}` : `{ ${names.join(", ")} }`;
}
