/**
 * Reads the two inputs: the v4 table (`legacy-v4.json`: what `auth0/legacy` must offer) and the v5 table
 * (`management-v5.json`: where the types of the same endpoints come from). Both arrive as `unknown` and are checked
 * field by field, so a changed table fails here with the field's path rather than somewhere in the output.
 */
import { readFileSync } from "node:fs";

type JsonObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function object(value: unknown, where: string): JsonObject {
  if (!isObject(value)) throw new Error(`${where}: expected an object`);
  return value;
}

function array(value: unknown, where: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where}: expected an array`);
  return value;
}

function string(value: unknown, where: string): string {
  if (typeof value !== "string") throw new Error(`${where}: expected a string`);
  return value;
}

function optionalString(value: unknown, where: string): string | null {
  return value === undefined || value === null ? null : string(value, where);
}

function boolean(value: unknown, where: string): boolean {
  if (typeof value !== "boolean") throw new Error(`${where}: expected a boolean`);
  return value;
}

function strings(value: unknown, where: string): string[] {
  return array(value, where).map((item, index) => string(item, `${where}[${index}]`));
}

export type Verb = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const VERBS: readonly string[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function verb(value: unknown, where: string): Verb {
  const text = string(value, where);
  if (!VERBS.includes(text)) throw new Error(`${where}: unexpected HTTP verb ${text}`);
  return text as Verb;
}

export interface V4Query {
  readonly prop: string;
  readonly wire: string;
  /** TS type as v4 declares it: `string`, `number`, `boolean`, an enum name, `Array<…>`. */
  readonly type: string;
  readonly optional: boolean;
  readonly enumValues: readonly string[] | null;
  /** Arrays are sent as one key per element. */
  readonly repeated: boolean;
}

export interface V4Arg {
  readonly name: "requestParameters" | "bodyParameters" | "initOverrides";
  readonly type: string;
  readonly optional: boolean;
}

export interface V4Method {
  /** `manager.method`. */
  readonly method: string;
  readonly manager: string;
  readonly name: string;
  readonly http: Verb;
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly args: readonly V4Arg[];
  readonly requestParametersType: string | null;
  readonly bodyParametersType: string | null;
  readonly required: readonly string[];
  readonly query: readonly V4Query[];
  readonly body: "json" | "multipart" | null;
  readonly multipartFields: readonly string[];
  /** `json-or-void`: a `T | void` response, read as JSON unless the status is 204. */
  readonly responseParsing: "json" | "void" | "text" | "json-or-void";
  readonly response: string;
  /** The `include_totals: true` overload's return type, then the default one's. */
  readonly overloads: readonly [string, string] | null;
  readonly customDomain: boolean;
}

export interface V4Manager {
  readonly name: string;
  readonly className: string;
  readonly methodCount: number;
}

export interface V4Table {
  readonly managers: readonly V4Manager[];
  readonly methods: readonly V4Method[];
}

export interface V5Method {
  readonly method: string;
  readonly http: Verb;
  readonly path: string;
  readonly requestArg: string | null;
  readonly body: string | null;
  readonly response: string;
  readonly pagination: { readonly itemType: string; readonly responseType: string } | null;
  /** Multipart parts that are files (sent as `Blob`). */
  readonly fileParts: readonly string[];
}

const ARG_NAMES: readonly string[] = ["requestParameters", "bodyParameters", "initOverrides"];

function v4Method(value: unknown, where: string): V4Method {
  const entry = object(value, where);
  const method = string(entry.method, `${where}.method`);
  const dot = method.indexOf(".");
  if (dot <= 0 || method.indexOf(".", dot + 1) >= 0) throw new Error(`${where}.method: expected "manager.method", got ${method}`);
  const args = array(entry.args, `${where}.args`).map((raw, index): V4Arg => {
    const arg = object(raw, `${where}.args[${index}]`);
    const name = string(arg.name, `${where}.args[${index}].name`);
    if (!ARG_NAMES.includes(name)) throw new Error(`${where}.args[${index}].name: unexpected ${name}`);
    return { name: name as V4Arg["name"], type: string(arg.type, `${where}.args[${index}].type`), optional: boolean(arg.optional, `${where}.args[${index}].optional`) };
  });
  const query = array(entry.query, `${where}.query`).map((raw, index): V4Query => {
    const at = `${where}.query[${index}]`;
    const param = object(raw, at);
    const serialization = optionalString(param.serialization, `${at}.serialization`);
    if (serialization !== null && !serialization.startsWith("array: one repeated key")) throw new Error(`${at}.serialization: unexpected ${serialization}`);
    return {
      prop: string(param.prop, `${at}.prop`),
      wire: string(param.wire, `${at}.wire`),
      type: string(param.type, `${at}.type`),
      optional: boolean(param.optional, `${at}.optional`),
      enumValues: param.enum === undefined ? null : strings(param.enum, `${at}.enum`),
      repeated: serialization !== null,
    };
  });
  const body = optionalString(entry.body, `${where}.body`);
  if (body !== null && body !== "json" && body !== "multipart") throw new Error(`${where}.body: unexpected ${body}`);
  const parsing = string(entry.responseParsing, `${where}.responseParsing`);
  if (parsing !== "json" && parsing !== "void" && parsing !== "text") throw new Error(`${where}.responseParsing: unexpected ${parsing}`);
  let overloads: readonly [string, string] | null = null;
  if (entry.overloads !== undefined) {
    const list = array(entry.overloads, `${where}.overloads`).map((raw, index) => object(raw, `${where}.overloads[${index}]`));
    if (list.length !== 2 || !string(list[0]!.params, `${where}.overloads[0].params`).includes("& { include_totals: true }")) {
      throw new Error(`${where}.overloads: expected the include_totals pair`);
    }
    overloads = [string(list[0]!.returns, `${where}.overloads[0].returns`), string(list[1]!.returns, `${where}.overloads[1].returns`)];
  }
  const multipartFields =
    entry.multipartFields === undefined
      ? []
      : array(entry.multipartFields, `${where}.multipartFields`).map((raw, index) => {
          const field = object(raw, `${where}.multipartFields[${index}]`);
          const prop = string(field.prop, `${where}.multipartFields[${index}].prop`);
          if (prop !== string(field.wire, `${where}.multipartFields[${index}].wire`)) throw new Error(`${where}.multipartFields[${index}]: prop and wire differ`);
          return prop;
        });
  return {
    method,
    manager: method.slice(0, dot),
    name: method.slice(dot + 1),
    http: verb(entry.http, `${where}.http`),
    path: string(entry.path, `${where}.path`),
    pathParams: strings(entry.pathParams, `${where}.pathParams`),
    args,
    requestParametersType: optionalString(entry.requestParametersType, `${where}.requestParametersType`),
    bodyParametersType: optionalString(entry.bodyParametersType, `${where}.bodyParametersType`),
    required: strings(entry.required, `${where}.required`),
    query,
    body,
    multipartFields,
    // v4's code reads a `T | void` response as `status === 204 ? VoidApiResponse : JSONApiResponse`; the table's
    // responseParsing calls it void, which would drop the body of every 200.
    responseParsing: parsing === "void" && / \| void$/.test(string(entry.response, `${where}.response`)) ? "json-or-void" : parsing,
    response: string(entry.response, `${where}.response`),
    overloads,
    customDomain: boolean(entry.customDomainHeaderPathMatch, `${where}.customDomainHeaderPathMatch`),
  };
}

export function loadV4(path: string): V4Table {
  const root = object(JSON.parse(readFileSync(path, "utf8")), "legacy-v4.json");
  const client = object(root.managementClient, "managementClient");
  const managers = array(client.managers, "managementClient.managers").map((raw, index): V4Manager => {
    const manager = object(raw, `managementClient.managers[${index}]`);
    const methodCount = manager.methodCount;
    if (typeof methodCount !== "number") throw new Error(`managementClient.managers[${index}].methodCount: expected a number`);
    return {
      name: string(manager.name, `managementClient.managers[${index}].name`),
      className: string(manager.class, `managementClient.managers[${index}].class`),
      methodCount,
    };
  });
  const methods = array(client.methods, "managementClient.methods").map((raw, index) => v4Method(raw, `managementClient.methods[${index}]`));
  return { managers, methods };
}

export function loadV5(path: string): V5Method[] {
  const root = array(JSON.parse(readFileSync(path, "utf8")), "management-v5.json");
  const methods: V5Method[] = [];
  root.forEach((raw, index) => {
    const where = `management-v5.json[${index}]`;
    const entry = object(raw, where);
    if (entry.kind === "passthrough") return;
    const pagination = entry.pagination === null || entry.pagination === undefined ? null : object(entry.pagination, `${where}.pagination`);
    const parts = entry.multipartFields === undefined ? [] : array(entry.multipartFields, `${where}.multipartFields`);
    methods.push({
      method: string(entry.method, `${where}.method`),
      http: verb(entry.http, `${where}.http`),
      path: string(entry.path, `${where}.path`),
      requestArg: optionalString(entry.requestArg, `${where}.requestArg`),
      body: optionalString(entry.body, `${where}.body`),
      response: string(entry.response, `${where}.response`),
      pagination:
        pagination === null
          ? null
          : { itemType: string(pagination.itemType, `${where}.pagination.itemType`), responseType: string(pagination.responseType, `${where}.pagination.responseType`) },
      fileParts: parts
        .map((part, at) => object(part, `${where}.multipartFields[${at}]`))
        .filter((part) => part.kind === "file")
        .map((part, at) => string(part.wire, `${where}.multipartFields[${at}].wire`)),
    });
  });
  return methods;
}
