/**
 * The types the compatibility table names that `components.schemas` does not declare under that name: request
 * objects (built from the table's query entries, or from the operation's request body), responses, page items,
 * path-parameter types. What neither the table nor the spec describes becomes `unknown` and is reported.
 */
import { isObject, type JsonObject } from "./json.js";
import { operationKey, type CompatMethod, type QueryEntry, type Spec } from "./load.js";
import { camelAlias, propertyKey } from "./names.js";
import { enumDeclaration, newContext, schemaDeclaration, type Declaration, type RefResolver } from "./schema-to-ts.js";

export interface Fallback {
  readonly name: string;
  /** What the type is to the table: `request`, `response`, `page item`, `path parameter`. */
  readonly role: string;
  readonly methods: readonly string[];
}

export interface TableTypes {
  /** Declarations added to the `Management` namespace. */
  readonly declarations: readonly Declaration[];
  /** Declarations of nested namespaces (`jobs.ErrorsGetResponse` → namespace `jobs`). */
  readonly namespaces: ReadonlyMap<string, readonly Declaration[]>;
  readonly fallbacks: readonly Fallback[];
  /** Types the spec lacks that were built from the table alone (page responses, query enums). */
  readonly derived: readonly Fallback[];
}

const PRIMITIVES = new Set(["string", "number", "boolean", "null", "undefined", "unknown"]);
const IDENTIFIERS = /[A-Za-z_$][A-Za-z0-9_$.]*/g;
const FALLBACK_DOC = "/** Not described by the OpenAPI document (listed in scripts/generate/FALLBACKS.md). */\n";

/** The type a table response names: `X`, `X[]` and `Stream<X>` all name `X`. */
export function responseTypeName(response: string): string | undefined {
  if (response === "void") return undefined;
  return response.replace(/^Stream<(.+)>$/, "$1").replace(/\[\]$/, "").replace(/ \| null$/, "");
}

function firstSuccessSchema(operation: JsonObject | undefined): JsonObject | undefined {
  const responses = operation && isObject(operation.responses) ? operation.responses : {};
  for (const code of Object.keys(responses).sort()) {
    const response = responses[code];
    if (!code.startsWith("2") || !isObject(response) || !isObject(response.content)) continue;
    for (const media of Object.values(response.content)) {
      if (isObject(media) && isObject(media.schema)) return media.schema;
    }
  }
  return undefined;
}

function requestBodySchema(operation: JsonObject | undefined): JsonObject | undefined {
  const body = operation && isObject(operation.requestBody) ? operation.requestBody : undefined;
  const content = body && isObject(body.content) ? body.content : {};
  for (const mediaType of ["application/json", "multipart/form-data"]) {
    const media = content[mediaType];
    if (isObject(media) && isObject(media.schema)) return media.schema;
  }
  return undefined;
}

export function buildTableTypes(
  spec: Spec,
  methods: readonly CompatMethod[],
  declared: ReadonlySet<string>,
  resolver: RefResolver,
): TableTypes {
  const declarations = new Map<string, Declaration>();
  const namespaces = new Map<string, Map<string, Declaration>>();
  const fallbacks = new Map<string, { role: string; methods: Set<string> }>();
  const derived = new Map<string, { role: string; methods: Set<string> }>();
  const note = (report: typeof fallbacks, name: string, role: string, method: string): void => {
    const entry = report.get(name) ?? { role, methods: new Set<string>() };
    entry.methods.add(method);
    report.set(name, entry);
  };
  const has = (name: string): boolean => declared.has(name) || declarations.has(name);

  const add = (declaration: Declaration): void => {
    const dot = declaration.name.indexOf(".");
    if (dot < 0) {
      declarations.set(declaration.name, declaration);
      return;
    }
    const namespace = declaration.name.slice(0, dot);
    const local = { ...declaration, name: declaration.name.slice(dot + 1) };
    const members = namespaces.get(namespace) ?? new Map<string, Declaration>();
    members.set(local.name, local);
    namespaces.set(namespace, members);
  };
  const declareSchema = (name: string, schema: JsonObject): void => {
    const dot = name.indexOf(".");
    add({ ...schemaDeclaration(dot < 0 ? name : name.slice(dot + 1), schema, newContext(resolver)), name });
  };
  const isDeclared = (name: string): boolean => {
    const dot = name.indexOf(".");
    return dot < 0 ? has(name) : (namespaces.get(name.slice(0, dot))?.has(name.slice(dot + 1)) ?? false);
  };
  const fallBack = (name: string, role: string, method: string): void => {
    note(fallbacks, name, role, method);
    if (!isDeclared(name)) {
      const local = name.slice(name.indexOf(".") + 1);
      add({ name, text: `${FALLBACK_DOC}export type ${local} = unknown;\n`, refs: new Set(), usesUploadable: false });
    }
  };

  /** A query entry's type: its names must be declared, or be enums the entry lists the values of. */
  const queryType = (entry: QueryEntry, method: string, refs: Set<string>): string => {
    for (const name of entry.type.match(IDENTIFIERS) ?? []) {
      if (PRIMITIVES.has(name)) continue;
      if (!has(name) || derived.has(name)) {
        if (entry.enumValues) {
          if (!has(name)) add(enumDeclaration(name, entry.enumValues, false, undefined));
          note(derived, name, "query parameter enum", method);
        } else {
          fallBack(name, "query parameter", method);
        }
      }
      refs.add(name);
    }
    return entry.type;
  };

  const queryRequest = (name: string, method: CompatMethod): void => {
    const refs = new Set<string>();
    const lines: string[] = [];
    for (const entry of method.query) {
      const type = queryType(entry, method.method, refs);
      lines.push(`  ${propertyKey(entry.prop)}${entry.optional ? "?" : ""}: ${type};\n`);
      const alias = camelAlias(entry.wire);
      if (alias !== entry.wire && alias !== entry.prop) {
        lines.push(`  /** Alias of \`${entry.wire}\`. */\n  ${propertyKey(alias)}?: ${type};\n`);
      }
    }
    const text = lines.length ? `export interface ${name} {\n${lines.join("")}}\n` : `export type ${name} = Record<string, never>;\n`;
    add({ name, text, refs, usesUploadable: false });
  };

  for (const method of methods) {
    const operation = spec.operations.get(operationKey(method.http, method.path));
    const request = method.requestArg;
    if (request && !has(request)) {
      if (method.body === null) {
        queryRequest(request, method);
      } else {
        const body = requestBodySchema(operation);
        if (body) declareSchema(request, body);
        else fallBack(request, "request", method.method);
      }
    }

    const response = responseTypeName(method.response);
    if (response && !isDeclared(response)) {
      let schema = firstSuccessSchema(operation);
      if (schema && method.response.endsWith("[]") && schema.type === "array" && isObject(schema.items)) schema = schema.items;
      if (schema) declareSchema(response, schema);
      else if (method.pagination?.responseType !== response) fallBack(response, "response", method.method);
    }

    const pagination = method.pagination;
    if (pagination) {
      if (!has(pagination.itemType)) {
        const items = itemsSchema(spec, pagination.responseType, pagination.itemsField, operation, resolver);
        if (items) declareSchema(pagination.itemType, items);
        else fallBack(pagination.itemType, "page item", method.method);
      }
      if (!has(pagination.responseType) || derived.has(pagination.responseType)) {
        if (!has(pagination.responseType)) {
          add(derivedPageResponse(pagination.responseType, pagination.kind, pagination.itemsField, pagination.itemType));
        }
        note(derived, pagination.responseType, "page response", method.method);
      }
    }

    for (const type of method.pathParamTypes.values()) {
      if (!has(type)) fallBack(type, "path parameter", method.method);
    }
  }

  return {
    declarations: [...declarations.values()],
    namespaces: new Map([...namespaces].map(([namespace, members]) => [namespace, [...members.values()]])),
    fallbacks: report(fallbacks),
    derived: report(derived),
  };
}

function report(entries: ReadonlyMap<string, { role: string; methods: ReadonlySet<string> }>): Fallback[] {
  return [...entries]
    .map(([name, entry]) => ({ name, role: entry.role, methods: [...entry.methods].sort() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The schema of a page's items, read from the page response's items field when the spec has that response. */
function itemsSchema(
  spec: Spec,
  responseType: string,
  itemsField: string,
  operation: JsonObject | undefined,
  resolver: RefResolver,
): JsonObject | undefined {
  let response = firstSuccessSchema(operation);
  if (!response) {
    for (const [schemaName, schema] of spec.schemas) {
      if (resolver.resolveRef(`#/components/schemas/${schemaName}`) === responseType) response = schema;
    }
  }
  if (response && typeof response.$ref === "string") response = resolver.schemaOf(response.$ref);
  const properties = response && isObject(response.properties) ? response.properties : undefined;
  const field = properties ? properties[itemsField] : undefined;
  return isObject(field) && isObject(field.items) ? field.items : undefined;
}

/**
 * A page response the spec lacks, built from what the table says about it: the items field, and the cursor of its
 * pagination kind. Other fields are unknown, hence the index signature.
 */
function derivedPageResponse(name: string, kind: "offset" | "checkpoint", itemsField: string, itemType: string): Declaration {
  const cursor = kind === "checkpoint" ? "  next?: string;\n" : "  start?: number;\n  limit?: number;\n  total?: number;\n";
  return {
    name,
    text:
      "/** Built from the compatibility table's pagination entry: the OpenAPI document lacks this response. */\n" +
      `export interface ${name} {\n  ${propertyKey(itemsField)}?: ${itemType}[];\n${cursor}  [key: string]: unknown;\n}\n`,
    refs: new Set([itemType]),
    usesUploadable: false,
  };
}
