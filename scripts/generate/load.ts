/** Reads the two inputs (the OpenAPI document and the v5 compatibility table) into checked, typed shapes. */
import { readFileSync } from "node:fs";
import { entryOf, loadRuntimeSurface, loadTypeSurface } from "../surface/contract.js";
import type { ManagementSurface } from "./management-surface.js";
import {
  asArray,
  asObject,
  asString,
  isObject,
  optBoolean,
  optObject,
  optString,
  stringArray,
  type JsonObject,
} from "./json.js";

export type HttpVerb = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const VERBS: readonly HttpVerb[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export interface QueryEntry {
  /** Request property (v5 name). */
  readonly prop: string;
  /** Query key on the wire. */
  readonly wire: string;
  /** TS type expression over `Management` type names (without the prefix). */
  readonly type: string;
  readonly optional: boolean;
  readonly enumValues?: readonly string[];
  readonly defaultValue?: string | number | boolean;
}

export interface MultipartField {
  readonly wire: string;
  readonly kind: "file" | "field";
  readonly sentOnlyIfNotNull: boolean;
  readonly stringified: boolean;
}

export interface Pagination {
  readonly kind: "offset" | "checkpoint";
  readonly itemsField: string;
  readonly itemType: string;
  readonly responseType: string;
}

export interface CompatMethod {
  /** Dot path from the client, e.g. `users.roles.list`. */
  readonly method: string;
  readonly http: HttpVerb;
  readonly path: string;
  readonly pathParams: readonly string[];
  /** Type name per path param, only for the enum/alias-typed ones. */
  readonly pathParamTypes: ReadonlyMap<string, string>;
  /** Request type name (without `| null`), or null when the method takes no request object. */
  readonly requestArg: string | null;
  /** The request parameter also accepts `null` (v5 declares `X | null`). */
  readonly requestNullable: boolean;
  readonly requestArgOptional: boolean;
  readonly query: readonly QueryEntry[];
  readonly body: "json" | "multipart" | null;
  readonly multipartFields: readonly MultipartField[];
  readonly pagination: Pagination | null;
  /** Response type expression as the table gives it: a name, `X[]`, `Stream<X>`, `ns.X` or `void`. */
  readonly response: string;
  readonly responseKind: "json" | "void" | "sse-stream";
  /** v5 return type, used to check the emitted signature. */
  readonly returns: string;
  readonly errors: readonly number[];
}

export interface Spec {
  /** `components.schemas`, in document order. */
  readonly schemas: ReadonlyMap<string, JsonObject>;
  /** Operations by `"VERB /path"`. */
  readonly operations: ReadonlyMap<string, JsonObject>;
}

export interface Inputs {
  readonly spec: Spec;
  readonly methods: readonly CompatMethod[];
  /** The `Management` namespace of v5's export surface. */
  readonly surface: ManagementSurface;
}

export function operationKey(verb: string, path: string): string {
  return `${verb.toUpperCase()} ${path}`;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8")) as unknown;
}

export function loadSpec(document: unknown): Spec {
  const root = asObject(document, "spec");
  const schemas = new Map<string, JsonObject>();
  const components = optObject(root, "components", "spec");
  const schemaMap = components ? optObject(components, "schemas", "spec.components") : undefined;
  for (const [name, schema] of Object.entries(schemaMap ?? {})) {
    schemas.set(name, asObject(schema, `spec.components.schemas.${name}`));
  }
  const operations = new Map<string, JsonObject>();
  for (const [path, item] of Object.entries(asObject(root.paths, "spec.paths"))) {
    for (const [verb, operation] of Object.entries(asObject(item, `spec.paths.${path}`))) {
      if (VERBS.includes(verb.toUpperCase() as HttpVerb) && isObject(operation)) {
        operations.set(operationKey(verb, path), operation);
      }
    }
  }
  return { schemas, operations };
}

function loadQueryEntry(value: unknown, where: string): QueryEntry {
  const entry = asObject(value, where);
  const defaultValue = entry.default;
  if (
    defaultValue !== undefined &&
    typeof defaultValue !== "string" &&
    typeof defaultValue !== "number" &&
    typeof defaultValue !== "boolean"
  ) {
    throw new Error(`${where}.default: expected a string, number or boolean`);
  }
  const enumValues = entry.enum === undefined ? undefined : stringArray(entry.enum, `${where}.enum`);
  return {
    prop: asString(entry.prop, `${where}.prop`),
    wire: asString(entry.wire, `${where}.wire`),
    type: asString(entry.type, `${where}.type`),
    optional: optBoolean(entry, "optional", where) ?? false,
    ...(enumValues ? { enumValues } : {}),
    ...(defaultValue !== undefined ? { defaultValue } : {}),
  };
}

function loadMultipartField(value: unknown, where: string): MultipartField {
  const field = asObject(value, where);
  const kind = asString(field.kind, `${where}.kind`);
  if (kind !== "file" && kind !== "field") throw new Error(`${where}.kind: unexpected ${kind}`);
  return {
    wire: asString(field.wire, `${where}.wire`),
    kind,
    sentOnlyIfNotNull: optBoolean(field, "sentOnlyIfNotNull", where) ?? false,
    stringified: optBoolean(field, "stringified", where) ?? false,
  };
}

function loadPagination(value: JsonObject | undefined, where: string): Pagination | null {
  if (!value) return null;
  const kind = asString(value.kind, `${where}.kind`);
  if (kind !== "offset" && kind !== "checkpoint") throw new Error(`${where}.kind: unexpected ${kind}`);
  return {
    kind,
    itemsField: asString(value.itemsField, `${where}.itemsField`),
    itemType: asString(value.itemType, `${where}.itemType`),
    responseType: asString(value.responseType, `${where}.responseType`),
  };
}

function loadMethod(value: JsonObject, where: string): CompatMethod {
  const http = asString(value.http, `${where}.http`);
  if (!VERBS.includes(http as HttpVerb)) throw new Error(`${where}.http: unexpected ${http}`);
  const pathParamTypes = new Map<string, string>();
  for (const [param, info] of Object.entries(optObject(value, "pathParamTypes", where) ?? {})) {
    pathParamTypes.set(param, asString(asObject(info, `${where}.pathParamTypes.${param}`).type, `${where}.pathParamTypes.${param}.type`));
  }
  const rawRequest = optString(value, "requestArg", where);
  const requestNullable = rawRequest?.endsWith(" | null") ?? false;
  const body = optString(value, "body", where) ?? null;
  if (body !== null && body !== "json" && body !== "multipart") throw new Error(`${where}.body: unexpected ${body}`);
  const responseKind = asString(value.responseKind, `${where}.responseKind`);
  if (responseKind !== "json" && responseKind !== "void" && responseKind !== "sse-stream") {
    throw new Error(`${where}.responseKind: unexpected ${responseKind}`);
  }
  return {
    method: asString(value.method, `${where}.method`),
    http: http as HttpVerb,
    path: asString(value.path, `${where}.path`),
    pathParams: stringArray(value.pathParams, `${where}.pathParams`),
    pathParamTypes,
    requestArg: rawRequest === undefined ? null : rawRequest.replace(/ \| null$/, ""),
    requestNullable,
    requestArgOptional: optBoolean(value, "requestArgOptional", where) ?? false,
    query: asArray(value.query ?? [], `${where}.query`).map((entry, index) => loadQueryEntry(entry, `${where}.query[${index}]`)),
    body,
    multipartFields: asArray(value.multipartFields ?? [], `${where}.multipartFields`).map((field, index) =>
      loadMultipartField(field, `${where}.multipartFields[${index}]`),
    ),
    pagination: loadPagination(optObject(value, "pagination", where), `${where}.pagination`),
    response: asString(value.response, `${where}.response`),
    responseKind,
    returns: asString(value.returns, `${where}.returns`),
    errors: asArray(value.errors, `${where}.errors`).map((status, index) => {
      if (typeof status !== "number") throw new Error(`${where}.errors[${index}]: expected a number`);
      return status;
    }),
  };
}

/** The table's generated endpoint methods; the hand-written `fetch` passthrough is left out. */
export function loadCompat(document: unknown): CompatMethod[] {
  const methods: CompatMethod[] = [];
  asArray(document, "compat").forEach((value, index) => {
    const entry = asObject(value, `compat[${index}]`);
    if (entry.kind === "passthrough" || entry.method === "fetch") return;
    methods.push(loadMethod(entry, `compat[${index}] (${String(entry.method)})`));
  });
  return methods;
}

export function loadInputs(specPath: string, compatPath: string, exportsPath: string, typesPath: string): Inputs {
  return {
    spec: loadSpec(readJson(specPath)),
    methods: loadCompat(readJson(compatPath)),
    surface: loadManagementSurface(exportsPath, typesPath),
  };
}

/** The `Management` members of the `auth0` entry in the two surface files. */
export function loadManagementSurface(exportsPath: string, typesPath: string): ManagementSurface {
  const management = entryOf(loadRuntimeSurface(exportsPath), "auth0").get("Management");
  if (management?.members === undefined) throw new Error(`${exportsPath}: auth0 has no Management members`);
  const typeNames = [...entryOf(loadTypeSurface(typesPath), "auth0").keys()]
    .filter((name) => name.startsWith("Management."))
    .map((name) => name.slice("Management.".length));
  return { members: management.members, typeNames: new Set(typeNames) };
}
