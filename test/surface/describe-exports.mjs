// Prints, as JSON, what an entry of the BUILT package exports at run time, as a program that installed it sees it:
//   node describe-exports.mjs <esm|cjs> <specifier>       (run from a folder whose node_modules/auth0 is this repository)
// Per dot path (`Management.users`): the value's kind; for a class its name, its ancestors' names, and the static and
// prototype methods reachable from it; for an object its member count, the digest of its sorted [key, value] pairs
// (scripts/surface/fixture.ts computes the same for the contract) and, when every value is a string or a boolean,
// its keys; for a string its value. Objects are walked three levels deep.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";

const [format, specifier] = process.argv.slice(2);
const loaded = format === "cjs" ? createRequire(`${process.cwd()}/`)(specifier) : await import(specifier);

const digest = (entries) =>
  createHash("sha256")
    .update(JSON.stringify([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))
    .digest("hex")
    .slice(0, 12);

function functionNames(start, stop) {
  const names = new Set();
  for (let object = start; object && object !== stop; object = Object.getPrototypeOf(object)) {
    for (const key of Object.getOwnPropertyNames(object)) {
      const descriptor = Object.getOwnPropertyDescriptor(object, key);
      if (key !== "constructor" && typeof descriptor?.value === "function") names.add(key);
    }
  }
  return [...names].sort();
}

function describe(value) {
  if (typeof value === "function") {
    if (!/^class\b/.test(Function.prototype.toString.call(value))) return { kind: "function" };
    const ancestors = [];
    for (let parent = Object.getPrototypeOf(value); parent && parent !== Function.prototype; parent = Object.getPrototypeOf(parent)) {
      ancestors.push(parent.name);
    }
    // Error is not reached through the constructors' chain when a class extends it; its prototype chain says so.
    for (let proto = Object.getPrototypeOf(value.prototype); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      if (!ancestors.includes(proto.constructor.name)) ancestors.push(proto.constructor.name);
    }
    return {
      kind: "class",
      name: value.name,
      ancestors,
      statics: functionNames(value, Function.prototype),
      methods: functionNames(value.prototype, Object.prototype),
    };
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    const flat = entries.every(([, member]) => typeof member === "string" || typeof member === "boolean");
    return { kind: "object", count: entries.length, digest: digest(entries), ...(flat ? { keys: entries.map(([key]) => key) } : {}) };
  }
  if (typeof value === "string") return { kind: "string", value };
  return { kind: typeof value };
}

const described = {};
function walk(object, prefix, depth) {
  for (const key of Object.keys(object)) {
    const value = object[key];
    described[`${prefix}${key}`] = describe(value);
    if (depth < 3 && value !== null && typeof value === "object") walk(value, `${prefix}${key}.`, depth + 1);
  }
}
walk(loaded, "", 0);
process.stdout.write(JSON.stringify(described));
