/**
 * The Management API surface: per top-level resource, the typed interfaces of it and its sub-resources, and the
 * runtime descriptor table (`ResourceTable` of `src/management/endpoint.ts`) the executor interprets.
 */
import { isObject } from "./json.js";
import { operationKey, type CompatMethod, type Spec } from "./load.js";
import { importList, kebabCase, propertyKey, upperFirst } from "./names.js";
import { responseTypeName } from "./requests.js";

type Member =
  | { readonly kind: "method"; readonly name: string; readonly method: CompatMethod }
  | { readonly kind: "resource"; readonly name: string; readonly node: ResourceNode };

export interface ResourceNode {
  /** Segments from the client, e.g. `["users", "roles"]`. */
  readonly path: readonly string[];
  /** Methods and sub-resources in the table's order of first appearance. */
  readonly members: Member[];
}

export interface ResourceFile {
  /** Top-level member name on the client (`users`). */
  readonly name: string;
  readonly fileName: string;
  readonly interfaceName: string;
  readonly tableName: string;
  readonly interfaces: readonly string[];
  readonly content: string;
}

export function resourceTree(methods: readonly CompatMethod[]): ResourceNode[] {
  const root: ResourceNode = { path: [], members: [] };
  for (const method of methods) {
    const segments = method.method.split(".");
    let node = root;
    for (const segment of segments.slice(0, -1)) {
      let child = node.members.find((member) => member.name === segment);
      if (!child) {
        child = { kind: "resource", name: segment, node: { path: [...node.path, segment], members: [] } };
        node.members.push(child);
      }
      if (child.kind !== "resource") throw new Error(`${method.method}: ${segment} is both a method and a resource`);
      node = child.node;
    }
    const name = segments[segments.length - 1] ?? "";
    if (node.members.some((member) => member.name === name)) throw new Error(`${method.method}: declared twice`);
    node.members.push({ kind: "method", name, method });
  }
  return root.members.map((member) => {
    if (member.kind !== "resource") throw new Error(`${member.name}: a method at the client's top level`);
    return member.node;
  });
}

export function interfaceName(node: ResourceNode): string {
  return node.path.map(upperFirst).join("");
}

/** What a method returns (the `Management` types by their own names, as the table writes them). */
export function returnType(method: CompatMethod): string {
  const name = responseTypeName(method.response);
  if (method.pagination) {
    return `Promise<Page<${method.pagination.itemType}, ${method.pagination.responseType}>>`;
  }
  if (method.responseKind === "void" || name === undefined) return "HttpResponsePromise<void>";
  const type = `${name}${method.response.endsWith("[]") ? "[]" : ""}`;
  if (method.responseKind === "sse-stream") return `HttpResponsePromise<Stream<${type}>>`;
  return `HttpResponsePromise<${type}>`;
}

function summary(spec: Spec, method: CompatMethod): string {
  const operation = spec.operations.get(operationKey(method.http, method.path));
  const text = operation && typeof operation.summary === "string" ? operation.summary.replace(/\s+/g, " ").trim() : "";
  const sentence = (/^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text).replace(/\*\//g, "*\\/");
  return `${method.http} ${method.path}${sentence ? ` — ${sentence}` : ""}`;
}

/** The `Management` names a method's signature uses (a namespaced `jobs.X` imports `jobs`). */
function typeNames(method: CompatMethod): string[] {
  const names = [
    ...method.pathParamTypes.values(),
    method.requestArg,
    responseTypeName(method.response),
    method.pagination?.itemType,
    method.pagination?.responseType,
  ];
  return names.flatMap((name) => (name ? [name.split(".")[0] ?? name] : []));
}

function signature(spec: Spec, method: CompatMethod, name: string): string {
  const params = method.pathParams.map((param) => {
    const type = method.pathParamTypes.get(param);
    return `${param}: ${type ?? "string"}`;
  });
  if (method.requestArg) {
    const type = `${method.requestArg}${method.requestNullable ? " | null" : ""}`;
    params.push(`request${method.requestArgOptional ? "?" : ""}: ${type}`);
  }
  params.push("requestOptions?: RequestOptions");
  return `  /** ${summary(spec, method)} */\n  ${propertyKey(name)}(${params.join(", ")}): ${returnType(method)};\n`;
}

function interfaces(spec: Spec, node: ResourceNode, out: string[]): void {
  const lines = node.members.map((member) =>
    member.kind === "method" ? signature(spec, member.method, member.name) : `  readonly ${propertyKey(member.name)}: ${interfaceName(member.node)};\n`,
  );
  out.push(`export interface ${interfaceName(node)} {\n${lines.join("")}}\n`);
  for (const member of node.members) if (member.kind === "resource") interfaces(spec, member.node, out);
}

function literal(value: string | number | boolean): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/**
 * The error statuses of an endpoint are one of a few lists (27 for 429 endpoints): each is declared once in
 * `errors.ts` and named by its statuses, e.g. `E400_401_403_429`.
 */
export function errorListName(statuses: readonly number[]): string {
  return `E${statuses.join("_")}`;
}

export function errorListsModule(methods: readonly CompatMethod[], header: string): string {
  const lists = new Map(methods.map((method) => [errorListName(method.errors), method.errors]));
  const lines = [...lists]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, statuses]) => `export const ${name}: readonly number[] = [${statuses.join(", ")}];`);
  return `${header}\n// The error statuses of the endpoints, shared by the resource tables.\n\n${lines.join("\n")}\n`;
}

/**
 * A query parameter with a default (`["per_page", 50]`) is one of a few (4 for 429 endpoints, in 130 places): each is
 * declared once in `query-defaults.ts` and named by its wire name and value, e.g. `Q_per_page_50`.
 */
export function queryDefaultName(wire: string, value: string | number | boolean): string {
  return `Q_${wire.replace(/\W/g, "_")}_${String(value).replace(/\W/g, "_")}`;
}

export function queryDefaultsModule(methods: readonly CompatMethod[], header: string): string {
  const defaults = new Map<string, string>();
  for (const method of methods) {
    for (const entry of method.query) {
      if (entry.defaultValue === undefined) continue;
      const name = queryDefaultName(entry.wire, entry.defaultValue);
      const text = `[${JSON.stringify(entry.wire)}, ${literal(entry.defaultValue)}]`;
      if (defaults.has(name) && defaults.get(name) !== text) throw new Error(`query-defaults.ts: ${name} names both ${defaults.get(name)} and ${text}`);
      defaults.set(name, text);
    }
  }
  const lines = [...defaults]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, text]) => `export const ${name}: QueryParam = ${text};`);
  return `${header}\n// The query parameters with a default value, shared by the resource tables.\nimport type { QueryParam } from "../../endpoint.js";\n\n${lines.join("\n")}\n`;
}

/**
 * One endpoint descriptor as a compact object literal (keys in the order of the `Endpoint` interface).
 * `opaqueTypes`: the request types declared as `unknown`, which v5 gives no `= {}` default.
 */
export function endpointLiteral(method: CompatMethod, opaqueTypes: ReadonlySet<string>): string {
  // GET is the method a descriptor without `m` has.
  const fields: string[] = [...(method.http === "GET" ? [] : [`m: ${JSON.stringify(method.http)}`]), `p: ${JSON.stringify(method.path)}`];
  if (method.query.length) {
    const query = method.query.map((entry) =>
      entry.defaultValue === undefined ? JSON.stringify(entry.wire) : queryDefaultName(entry.wire, entry.defaultValue),
    );
    fields.push(`q: [${query.join(", ")}]`);
    const required = method.query.filter((entry) => !entry.optional).map((entry) => JSON.stringify(entry.wire));
    if (required.length) fields.push(`k: [${required.join(", ")}]`);
  }
  if (method.body) fields.push(`b: ${JSON.stringify(method.body)}`);
  // v5 writes `request = {}` for an optional request of an object type: left out, it still sends `{}`. A nullable one
  // (`request?: X | null`), one typed `unknown` (`request?: unknown`) and a required one left out send no body at all.
  if (method.body === "json" && method.requestArgOptional && !method.requestNullable && !opaqueTypes.has(method.requestArg ?? "")) {
    fields.push("d: 1");
  }
  if (method.body === "multipart") {
    const parts = method.multipartFields.map((field) => {
      const flags = `${field.sentOnlyIfNotNull ? "o" : ""}${field.stringified ? "s" : ""}`;
      return `[${JSON.stringify(field.wire)}, ${JSON.stringify(field.kind)}${flags ? `, ${JSON.stringify(flags)}` : ""}]`;
    });
    fields.push(`f: [${parts.join(", ")}]`);
  }
  if (method.responseKind === "void") fields.push(`r: "void"`);
  if (method.responseKind === "sse-stream") fields.push(`r: "sse"`);
  fields.push(`e: ${errorListName(method.errors)}`);
  if (method.pagination) fields.push(`g: [${JSON.stringify(method.pagination.kind)}, ${JSON.stringify(method.pagination.itemsField)}]`);
  if (method.requestArg === null) fields.push("n: 1");
  return `{ ${fields.join(", ")} }`;
}

function tableLiteral(node: ResourceNode, indent: string, opaqueTypes: ReadonlySet<string>): string {
  const inner = `${indent}  `;
  const lines = node.members.map((member) =>
    member.kind === "method"
      ? `${inner}${propertyKey(member.name)}: ${endpointLiteral(member.method, opaqueTypes)},\n`
      : `${inner}${propertyKey(member.name)}: ${tableLiteral(member.node, inner, opaqueTypes)},\n`,
  );
  return `{\n${lines.join("")}${indent}}`;
}

function walk(node: ResourceNode, visit: (method: CompatMethod) => void): void {
  for (const member of node.members) {
    if (member.kind === "method") visit(member.method);
    else walk(member.node, visit);
  }
}

function declaredName(text: string): string {
  return /^export interface (\w+)/.exec(text)?.[1] ?? "";
}

export function resourceFile(spec: Spec, node: ResourceNode, header: string, opaqueTypes: ReadonlySet<string>): ResourceFile {
  const name = node.path[0] ?? "";
  const declared: string[] = [];
  interfaces(spec, node, declared);
  const body = declared.join("\n");
  const errorLists = new Set<string>();
  walk(node, (method) => errorLists.add(errorListName(method.errors)));
  const queryDefaults = new Set<string>();
  walk(node, (method) => method.query.forEach((entry) => entry.defaultValue !== undefined && queryDefaults.add(queryDefaultName(entry.wire, entry.defaultValue))));
  const used = (word: string): boolean => new RegExp(`\\b${word}<`).test(body);
  const types = new Set<string>();
  walk(node, (method) => typeNames(method).forEach((type) => types.add(type)));
  // The types are imported by name (api-extractor cannot follow a namespace import to the entry point's namespace).
  const localNames = [...declared.map(declaredName), "HttpResponsePromise", "Page", "Stream", "RequestOptions", "ResourceTable", ...errorLists, ...queryDefaults];
  const clash = [...types].find((type) => localNames.includes(type));
  if (clash) throw new Error(`resources/${kebabCase(name)}.ts: the type ${clash} clashes with a name of the module`);
  const imports = [
    used("HttpResponsePromise") ? `import type { HttpResponsePromise } from "../../../core/http-response-promise.js";\n` : "",
    used("Page") ? `import type { Page } from "../../../core/page.js";\n` : "",
    used("Stream") ? `import type { Stream } from "../../../core/stream.js";\n` : "",
    `import type { RequestOptions } from "../../../core/request-options.js";\n`,
    types.size ? `import type {\n${[...types].sort().map((type) => `  ${type},\n`).join("")}} from "../types/index.js";\n` : "",
    `import type { ResourceTable } from "../../endpoint.js";\n`,
    `import ${importList([...errorLists].sort())} from "./errors.js";\n`,
    queryDefaults.size ? `import ${importList([...queryDefaults].sort())} from "./query-defaults.js";\n` : "",
  ].join("");
  const tableName = `${name}Table`;
  const table = `export const ${tableName}: ResourceTable = ${tableLiteral(node, "", opaqueTypes)};\n`;
  return {
    name,
    fileName: `${kebabCase(name)}.ts`,
    interfaceName: interfaceName(node),
    tableName,
    interfaces: declared.map(declaredName),
    content: `${header}\n${imports}\n${body}\n${table}`,
  };
}

export function resourceIndex(files: readonly ResourceFile[], header: string): string {
  const lines: string[] = [header, "", `import type { ResourceTable } from "../../endpoint.js";`];
  for (const file of files) {
    const module = `./${file.fileName.replace(/\.ts$/, ".js")}`;
    lines.push(`import type { ${file.interfaceName} } from "${module}";`, `import { ${file.tableName} } from "${module}";`);
  }
  lines.push("");
  for (const file of files) {
    const module = `./${file.fileName.replace(/\.ts$/, ".js")}`;
    lines.push(`export type {\n${file.interfaces.map((name) => `  ${name},\n`).join("")}} from "${module}";`);
  }
  lines.push("", "/** Every top-level resource of the Management API, as `ManagementClient` exposes them. */");
  lines.push("export interface ManagementResources {");
  for (const file of files) lines.push(`  readonly ${propertyKey(file.name)}: ${file.interfaceName};`);
  lines.push("}", "", "/** The endpoint descriptors of every resource, by the resource's name on the client. */");
  // Typed, not inferred: the declaration emitted for it then names ResourceTable as imported here, whatever other
  // modules of the program (a plugin augmenting "auth0") make visible.
  lines.push("export const resourceTables: { readonly [Name in keyof ManagementResources]: ResourceTable } = {");
  for (const file of files) lines.push(`  ${propertyKey(file.name)}: ${file.tableName},`);
  lines.push("};", "");
  return lines.join("\n");
}

/** Whether a spec operation exists for a method (for reporting). */
export function hasOperation(spec: Spec, method: CompatMethod): boolean {
  return isObject(spec.operations.get(operationKey(method.http, method.path)));
}
