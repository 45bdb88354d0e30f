import { invalidQuery } from "../errors.js";
import { isJsonObject, type JsonObject } from "../internal/json.js";

/** A compiled search query: true when an item (its Management API view) matches. */
export type SearchPredicate = (item: JsonObject) => boolean;

type Token =
  { readonly kind: "open" | "close" | "and" | "or" | "not" } | { readonly kind: "term"; readonly text: string };

const TOKEN =
  /\s*(?:(\()|(\))|(AND)(?=[\s(]|$)|(OR)(?=[\s(]|$)|(NOT)(?=[\s(]|$)|((?:[\w.$]+:)?(?:"(?:[^"\\]|\\.)*"|\[[^\]]*\]|\{[^}]*\}|[^\s()]+)))/y;

/**
 * The subset of Auth0's user search (Lucene syntax) tests tend to use: `field:value`, `field:"exact phrase"`,
 * wildcards (`name:Jo*`), ranges (`logins_count:[2 TO *]`), `_exists_:field`, `AND`/`OR`/`NOT`, `-term`, parentheses,
 * dotted paths (`app_metadata.plan:pro`, `identities.connection:x`). Terms without a field look in `defaultFields`.
 * Matching is case-insensitive.
 */
export function compileSearch(query: string, defaultFields: readonly string[]): SearchPredicate {
  const tokens = tokenize(query);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];

  const parseOr = (): SearchPredicate => {
    let left = parseAnd();
    while (peek()?.kind === "or") {
      position++;
      const right = parseAnd();
      const previous = left;
      left = (item) => previous(item) || right(item);
    }
    return left;
  };
  const parseAnd = (): SearchPredicate => {
    let left = parseUnary();
    for (let next = peek(); next && next.kind !== "or" && next.kind !== "close"; next = peek()) {
      if (next.kind === "and") position++;
      const right = parseUnary();
      const previous = left;
      left = (item) => previous(item) && right(item);
    }
    return left;
  };
  const parseUnary = (): SearchPredicate => {
    const token = peek();
    position++;
    if (token === undefined) throw invalidQuery(`Incomplete search query: ${query}`);
    if (token.kind === "not") {
      const inner = parseUnary();
      return (item) => !inner(item);
    }
    if (token.kind === "open") {
      const inner = parseOr();
      if (peek()?.kind !== "close") throw invalidQuery(`Unbalanced parentheses in search query: ${query}`);
      position++;
      return inner;
    }
    if (token.kind !== "term") throw invalidQuery(`Unexpected ${token.kind.toUpperCase()} in search query: ${query}`);
    if (token.text.startsWith("-") && token.text.length > 1) {
      const inner = termPredicate(token.text.slice(1), defaultFields);
      return (item) => !inner(item);
    }
    return termPredicate(token.text, defaultFields);
  };

  const predicate = parseOr();
  if (position < tokens.length) throw invalidQuery(`Unexpected input in search query: ${query}`);
  return predicate;
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let rest = query.trim();
  while (rest.length > 0) {
    TOKEN.lastIndex = 0;
    const match = TOKEN.exec(rest);
    if (!match) throw invalidQuery(`Could not parse search query: ${query}`);
    if (match[1]) tokens.push({ kind: "open" });
    else if (match[2]) tokens.push({ kind: "close" });
    else if (match[3]) tokens.push({ kind: "and" });
    else if (match[4]) tokens.push({ kind: "or" });
    else if (match[5]) tokens.push({ kind: "not" });
    else if (match[6]) tokens.push({ kind: "term", text: match[6] });
    rest = rest.slice(TOKEN.lastIndex).trimStart();
  }
  return tokens;
}

function termPredicate(text: string, defaultFields: readonly string[]): SearchPredicate {
  const field = /^([\w.$]+):(.+)$/.exec(text);
  const name = field?.[1];
  const raw = field?.[2] ?? text;
  if (name === "_exists_") return (item) => valuesAt(item, raw).length > 0;
  const matches = valueMatcher(raw);
  const fields = name === undefined ? defaultFields : [name];
  return (item) => fields.some((path) => valuesAt(item, path).some(matches));
}

function valueMatcher(raw: string): (value: unknown) => boolean {
  const range = /^[[{]\s*(\S+)\s+TO\s+(\S+)\s*[\]}]$/.exec(raw);
  if (range) {
    const [low, high] = [range[1] ?? "*", range[2] ?? "*"];
    return (value) => inRange(value, low, high);
  }
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(raw);
  const wanted = (quoted ? (quoted[1] ?? "").replace(/\\(.)/g, "$1") : raw).toLowerCase();
  if (!quoted && wanted.includes("*")) {
    const pattern = new RegExp(`^${wanted.split("*").map(escapeRegExp).join(".*")}$`, "i");
    return (value) => pattern.test(scalarText(value));
  }
  return (value) => scalarText(value).toLowerCase() === wanted;
}

function inRange(value: unknown, low: string, high: string): boolean {
  const text = scalarText(value);
  const compare = (bound: string): number => {
    if (typeof value === "number") return value - Number(bound);
    return text < bound ? -1 : text > bound ? 1 : 0;
  };
  return (low === "*" || compare(low) >= 0) && (high === "*" || compare(high) <= 0);
}

/** Every value at a dotted path; arrays along the way fan out (so `identities.connection` matches any identity). */
function valuesAt(item: unknown, path: string): unknown[] {
  let current: unknown[] = [item];
  for (const key of path.split(".")) {
    const next: unknown[] = [];
    for (const value of current) {
      for (const element of Array.isArray(value) ? value : [value]) {
        if (isJsonObject(element) && key in element) next.push(element[key]);
      }
    }
    current = next;
  }
  return current
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((value) => value !== undefined && value !== null);
}

function scalarText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : JSON.stringify(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
