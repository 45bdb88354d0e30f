/**
 * Reads `surface.txt` (written by `npm run generate:surface` from the contract; the format: scripts/surface/fixture.ts):
 * per entry of the package, every name it must export, with the checker's kind and what it is at run time.
 */
import { readFileSync } from "node:fs";
import { TYPE_KINDS } from "../../scripts/surface/fixture.js";

export type RuntimeSpec =
  | { readonly kind: "class"; readonly parent?: string; readonly statics: readonly string[]; readonly methods: readonly string[] }
  | { readonly kind: "enum"; readonly count: number; readonly digest: string }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "object" | "function" | "boolean" };

export interface SurfaceName {
  /** Dot path from the entry: `TOKEN_URL`, `Management.users`, `Management.ConnectionResponseContentAd.Strategy`. */
  readonly path: string;
  /** The checker's kind (`interface`, `const+type`, `member`, …), when the name is type-level. */
  readonly typeKind?: string;
  /** What the value is, when there is one at run time. */
  readonly runtime?: RuntimeSpec;
}


const list = (text: string | undefined): string[] => (text === undefined || text === "-" ? [] : text.split(","));

function runtimeOf(fields: readonly string[], line: string): RuntimeSpec | undefined {
  const [kind, ...rest] = fields;
  switch (kind) {
    case "-":
      return undefined;
    case "class":
      return { kind, ...(rest[0] && rest[0] !== "-" ? { parent: rest[0] } : {}), statics: list(rest[1]), methods: list(rest[2]) };
    case "enum":
      return { kind, count: Number(rest[0]), digest: rest[1] ?? "" };
    case "string":
      return { kind, value: rest.join(" ") };
    case "object":
    case "function":
    case "boolean":
      return { kind };
    default:
      throw new Error(`surface.txt: unknown runtime kind in "${line}"`);
  }
}

/** Entry (`auth0`, `auth0/legacy`) → its names. */
export function readSurface(file = new URL("./surface.txt", import.meta.url)): Map<string, SurfaceName[]> {
  const entries = new Map<string, SurfaceName[]>();
  let current: SurfaceName[] | undefined;
  let previous = "";
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    if (line.startsWith("@ ")) {
      current = [];
      entries.set(line.slice(2), current);
      previous = "";
      continue;
    }
    if (current === undefined) throw new Error("surface.txt: a name before any entry");
    const [written = "", typeLetter = "-", ...runtime] = line.split(" ");
    const shared = /^(\d+):/.exec(written);
    const path = shared === null ? written : previous.slice(0, Number(shared[1])) + written.slice(shared[0].length);
    previous = path;
    const typeKind = typeLetter === "-" ? undefined : TYPE_KINDS[typeLetter];
    if (typeLetter !== "-" && typeKind === undefined) throw new Error(`surface.txt: unknown type kind in "${line}"`);
    const spec = runtimeOf(runtime, line);
    current.push({ path, ...(typeKind ? { typeKind } : {}), ...(spec ? { runtime: spec } : {}) });
  }
  return entries;
}
