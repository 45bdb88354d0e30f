/**
 * Joins the v4 table with the v5 one: per v4 method, its runtime descriptor and its typed signature(s), and per v4
 * type name the v5 type(s) it stands for. The v5 counterpart of a v4 method is the v5 method with the same verb and
 * path (placeholder names may differ: v4 `/clients/{client_id}` is v5 `/clients/{id}`).
 */
import type { V4Method, V4Table, V5Method } from "./load.js";

/** Words in a TS type expression that are not type names to translate. */
/** The descriptor token of each response reading (plugins/legacy/endpoint.ts); JSON, the default, has none. */
const RESPONSE_TOKENS = { void: "v", text: "t", "json-or-void": "o" } as const;
const NOT_NAMES = new Set(["string", "number", "boolean", "any", "unknown", "void", "null", "undefined", "never", "object", "Array", "key", "true", "false"]);
const IDENTIFIER = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/g;
const LOOSE = "{ [key: string]: any }";

/** The type names an expression mentions (`Array<Foo> | null` → `Foo`). */
export function typeNames(expression: string): string[] {
  return [...expression.matchAll(IDENTIFIER)].map((match) => match[0]).filter((name) => !NOT_NAMES.has(name));
}

/** A v5 table type expression in the `Management` namespace: `Foo[]` → `Management.Foo[]`. */
export function v5Type(expression: string): string {
  return expression.replace(IDENTIFIER, (name) => (NOT_NAMES.has(name) ? name : `Management.${name}`));
}

const ARRAY_OF = /^Array<([A-Za-z_$][\w$]*)>$/;
const NAME = /^[A-Za-z_$][\w$]*$/;

export interface MethodModel {
  readonly v4: V4Method;
  readonly v5: V5Method | undefined;
  /** `name VERB /path …`: see plugins/legacy/endpoint.ts. */
  readonly descriptor: string;
  /** The method's type: a helper of plugins/legacy/methods.ts applied to its request, body and result types. */
  readonly type: string;
}

/** A method before its signature's names are settled. */
interface MethodDraft extends Omit<MethodModel, "type"> {
  readonly kind: MethodKind;
  readonly typeArguments: readonly string[];
  /** The v4 type names the table gives this method's body and results. */
  readonly ownNames: readonly string[];
}

/** The helper types of plugins/legacy/methods.ts, one per calling convention. */
export type MethodKind = "Method" | "ParamsMethod" | "OptionalParamsMethod" | "BodyMethod" | "ParamsBodyMethod" | "ListMethod" | "ParamsListMethod";

export interface EnumModel {
  readonly name: string;
  readonly values: readonly string[];
}

export interface RequestModel {
  readonly name: string;
  /** `[property, type, optional]` in order: path params, then query params. */
  readonly properties: readonly (readonly [string, string, boolean])[];
}

export interface Model {
  readonly managers: readonly { readonly name: string; readonly className: string; readonly methods: readonly MethodModel[] }[];
  readonly requests: readonly RequestModel[];
  readonly enums: readonly EnumModel[];
  /** v4 type name → the type it aliases (a `Management` type, a union of them, or a loose object). */
  readonly aliases: ReadonlyMap<string, string>;
  /** How many v4 methods have no v5 counterpart. */
  readonly unmatched: readonly string[];
}

const normalise = (path: string): string => path.replace(/\{[^}]+\}/g, "{}");
/** Code-point order, so the output does not depend on the machine's locale. */
export const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function fail(method: V4Method, message: string): never {
  throw new Error(`legacy-v4.json ${method.method}: ${message}`);
}

/** The verbs as the descriptors write them (plugins/legacy/endpoint.ts). */
export const VERB_LETTERS: Readonly<Record<V4Method["http"], string>> = { GET: "G", POST: "P", PUT: "U", PATCH: "A", DELETE: "D" };

/** Runs of query keys the descriptors write as one capital letter (plugins/legacy/endpoint.ts), longest first. */
export const QUERY_GROUPS: ReadonlyArray<readonly [string, string]> = [
  ["P", "page,per_page,include_totals"],
  ["F", "fields,include_fields"],
  ["C", "from,take"],
];

function shortenQuery(keys: string): string {
  let written = `,${keys},`;
  for (const [letter, group] of QUERY_GROUPS) written = written.split(`,${group},`).join(`,${letter},`);
  return written.slice(1, -1);
}

/** The runtime descriptor (format: plugins/legacy/endpoint.ts). */
function descriptorOf(method: V4Method): string {
  const inPath = [...method.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  if ([...inPath].sort().join() !== [...method.pathParams].sort().join()) fail(method, "pathParams differ from the path's placeholders");
  const queryKeys = method.query.map((param) => param.prop);
  for (const key of method.required) {
    if (!inPath.includes(key) && !queryKeys.includes(key)) fail(method, `required key ${key} is neither a path nor a query param`);
  }
  for (const key of inPath) if (!method.required.includes(key)) fail(method, `path param ${key} is not required`);
  const tokens = [method.name, `${VERB_LETTERS[method.http]}${method.path}`];
  if (queryKeys.length > 0) tokens.push(`?${shortenQuery(queryKeys.join(","))}`);
  if (method.required.join(",") !== inPath.join(",")) tokens.push(`!${method.required.join(",")}`);
  if (method.body === "json") tokens.push("j");
  if (method.body === "multipart") tokens.push(`f:${method.multipartFields.join(",")}`);
  if (method.responseParsing !== "json") tokens.push(RESPONSE_TOKENS[method.responseParsing]);
  for (const token of tokens) if (token.includes(" ") || token === "") fail(method, `descriptor token "${token}" is empty or has a space`);
  for (const key of queryKeys) if (/^[A-Z]$/.test(key)) fail(method, `query key ${key} would read as a group of keys`);
  return tokens.join(" ");
}

/** Checks the calling convention the runtime derives: params first iff the path has params or a query is sent. */
function checkArgs(method: V4Method): void {
  const names = method.args.map((arg) => arg.name);
  const takesParams = method.pathParams.length > 0 || method.query.length > 0;
  const expected = [...(takesParams ? ["requestParameters"] : []), ...(method.body ? ["bodyParameters"] : []), "initOverrides"];
  if (names.join() !== expected.join()) fail(method, `arguments ${names.join(", ")} differ from the derived ${expected.join(", ")}`);
  if (!method.args.at(-1)!.optional) fail(method, "initOverrides is not optional");
  if (method.args.some((arg) => arg.name === "bodyParameters" && arg.optional)) fail(method, "optional body arguments are not supported");
  for (const param of method.query) if (param.prop !== param.wire) fail(method, `query prop ${param.prop} is sent as ${param.wire}`);
  if (method.requestParametersType === null && takesParams) fail(method, "takes request parameters but names no type for them");
}

class AliasCollector {
  readonly #targets = new Map<string, Set<string>>();

  /** `v4` (a type expression of the v4 table) stands for `v5` (a `Management` type expression) when their shapes agree. */
  add(v4: string, v5: string | undefined): void {
    const bare = v4.replace(/ \| (null|void)$/, "");
    const array = ARRAY_OF.exec(bare);
    let name: string | undefined;
    let target: string | undefined;
    if (NAME.test(bare) && !NOT_NAMES.has(bare)) {
      name = bare;
      target = v5;
    } else if (array && !NOT_NAMES.has(array[1]!)) {
      name = array[1]!;
      target = v5 !== undefined && /^Management\.[\w.]+\[\]$/.test(v5) ? v5.slice(0, -2) : undefined;
    }
    for (const mentioned of typeNames(v4)) if (!this.#targets.has(mentioned)) this.#targets.set(mentioned, new Set());
    if (name !== undefined && target !== undefined && target !== "void") this.#targets.get(name)!.add(target);
  }

  /**
   * Every name mentioned, aliased to the first type it stood for (in table order; one name often covers the get,
   * create and update results, which v5 types separately but alike), or to a loose object when v5 has none.
   */
  aliases(exclude: ReadonlySet<string>): Map<string, string> {
    const out = new Map<string, string>();
    for (const name of [...this.#targets.keys()].sort(byName)) {
      if (exclude.has(name)) continue;
      const [first] = this.#targets.get(name)!;
      out.set(name, first ?? LOOSE);
    }
    return out;
  }
}

export function buildModel(v4: V4Table, v5: readonly V5Method[]): Model {
  const byRoute = new Map<string, V5Method>();
  for (const method of v5) {
    const key = `${method.http} ${normalise(method.path)}`;
    if (!byRoute.has(key)) byRoute.set(key, method);
  }
  const aliases = new AliasCollector();
  const enums = new Map<string, readonly string[]>();
  const requests: RequestModel[] = [];
  const requestNames = new Set<string>();
  const unmatched: string[] = [];

  const methodModel = (method: V4Method): MethodDraft => {
    checkArgs(method);
    const counterpart = byRoute.get(`${method.http} ${normalise(method.path)}`);
    if (counterpart === undefined) unmatched.push(method.method);

    // Request parameters: an interface of the path params, then the query params, as v4 names them.
    if (method.requestParametersType !== null) {
      if (requestNames.has(method.requestParametersType)) fail(method, `request type ${method.requestParametersType} is named twice`);
      requestNames.add(method.requestParametersType);
      const properties: (readonly [string, string, boolean])[] = method.pathParams.map((name) => [name, "string", false] as const);
      for (const param of method.query) {
        if (param.enumValues !== null) {
          const enumName = typeNames(param.type)[0];
          if (enumName === undefined) fail(method, `enum query param ${param.prop} has no type name`);
          const known = enums.get(enumName);
          if (known !== undefined && known.join() !== param.enumValues.join()) fail(method, `enum ${enumName} is declared with different values`);
          enums.set(enumName, param.enumValues);
        } else {
          for (const name of typeNames(param.type)) fail(method, `query param ${param.prop} names the type ${name}, which is not an enum`);
        }
        properties.push([param.prop, param.type, param.optional && !method.required.includes(param.prop)]);
      }
      requests.push({ name: method.requestParametersType, properties });
    }

    // The body: the v5 request type when v5 sends the same JSON, else the v4 type expression (aliased below).
    let bodyType: string | undefined;
    if (method.bodyParametersType !== null) {
      const v5Body = counterpart?.body === "json" && counterpart.requestArg !== null ? v5Type(counterpart.requestArg) : undefined;
      aliases.add(method.bodyParametersType, v5Body);
      bodyType = v5Body ?? method.bodyParametersType;
    }

    // The response: the v5 type of the same endpoint; v4's own type names (aliased) when v5 has none.
    const v5Response = counterpart !== undefined && counterpart.response !== "void" ? v5Type(counterpart.response) : undefined;
    let results: string[];
    if (method.overloads !== null) {
      const page = counterpart?.pagination;
      const withTotals = page ? v5Type(page.responseType) : v5Response;
      const items = page ? `${v5Type(page.itemType)}[]` : v5Response;
      aliases.add(method.overloads[0], withTotals);
      aliases.add(method.overloads[1], items);
      aliases.add(method.response, items !== undefined && withTotals !== undefined ? `${items} | ${withTotals}` : undefined);
      results = [withTotals ?? method.overloads[0], items ?? method.overloads[1]];
    } else if (method.responseParsing === "text") {
      aliases.add(method.response, v5Response);
      results = ["string"];
    } else if (method.responseParsing === "void" || method.responseParsing === "json-or-void") {
      aliases.add(method.response, v5Response);
      results = [method.response === "void" ? "void" : `${v5Response ?? method.response.replace(/ \| void$/, "")} | void`];
    } else {
      aliases.add(method.response, v5Response);
      results = [v5Response ?? method.response];
    }

    const paramsArg = method.args.find((arg) => arg.name === "requestParameters");
    const kind: MethodKind =
      method.overloads !== null
        ? paramsArg!.optional
          ? "ListMethod"
          : "ParamsListMethod"
        : paramsArg === undefined
          ? bodyType === undefined
            ? "Method"
            : "BodyMethod"
          : bodyType === undefined
            ? paramsArg.optional
              ? "OptionalParamsMethod"
              : "ParamsMethod"
            : "ParamsBodyMethod";
    const typeArguments = [...(paramsArg ? [method.requestParametersType!] : []), ...(bodyType !== undefined ? [bodyType] : []), ...results];
    const ownNames = [method.bodyParametersType, method.response, ...(method.overloads ?? [])].flatMap((expression) => (expression === null ? [] : typeNames(expression)));
    return { v4: method, v5: counterpart, descriptor: descriptorOf(method), kind, typeArguments, ownNames };
  };

  const drafts = v4.managers.map((manager) => {
    const methods = v4.methods.filter((method) => method.manager === manager.name).map(methodModel);
    if (methods.length !== manager.methodCount) throw new Error(`legacy-v4.json: manager ${manager.name} lists ${manager.methodCount} methods, found ${methods.length}`);
    const names = new Set(methods.map((method) => method.v4.name));
    if (names.size !== methods.length) throw new Error(`legacy-v4.json: manager ${manager.name} has two methods with one name`);
    return { name: manager.name, className: manager.className, methods };
  });
  const listed = new Set(v4.managers.map((manager) => manager.name));
  for (const method of v4.methods) if (!listed.has(method.manager)) fail(method, `manager ${method.manager} is not listed`);

  const taken = new Set([...requestNames, ...enums.keys()]);
  const aliasMap = aliases.aliases(taken);
  // The multipart body: v5's fields, with v4's `Blob` for the files.
  for (const manager of drafts) {
    for (const { v4: method, v5: counterpart } of manager.methods) {
      if (method.body !== "multipart" || method.bodyParametersType === null || counterpart?.requestArg == null) continue;
      const files = counterpart.fileParts;
      const fields = method.multipartFields.filter((field) => !files.includes(field));
      aliasMap.set(
        method.bodyParametersType,
        `Pick<Management.${counterpart.requestArg}, ${fields.map((field) => JSON.stringify(field)).join(" | ")}> & { ${files.map((file) => `${file}: Blob`).join("; ")} }`,
      );
    }
  }
  // v4's union name for a list's result (`GetUsers200Response`) is written with the names of its two halves.
  for (const manager of drafts) {
    for (const { v4: method } of manager.methods) {
      if (method.overloads === null) continue;
      const [withTotals, items] = [method.overloads[0], ARRAY_OF.exec(method.overloads[1])?.[1]];
      const base = aliasMap.get(method.response);
      if (items === undefined || base === undefined || !aliasMap.has(withTotals) || !aliasMap.has(items)) continue;
      if (base === `${aliasMap.get(items)}[] | ${aliasMap.get(withTotals)}`) aliasMap.set(method.response, `${items}[] | ${withTotals}`);
    }
  }
  // Where one of the method's own v4 names is an alias of exactly the type its signature uses, the signature says
  // that name: the same type, and shorter (the declarations ship with the package).
  const managers = drafts.map(({ methods, ...manager }) => ({
    ...manager,
    methods: methods.map(({ kind, typeArguments, ownNames, ...method }): MethodModel => {
      const shortened = typeArguments.map((argument) => {
        for (const name of ownNames) {
          const target = aliasMap.get(name);
          if (target === argument) return name;
          if (target !== undefined && `${target}[]` === argument) return `${name}[]`;
        }
        return argument;
      });
      return { ...method, type: `${kind}<${shortened.join(", ")}>` };
    }),
  }));
  return {
    managers,
    requests: requests.sort((a, b) => byName(a.name, b.name)),
    enums: [...enums].map(([name, values]) => ({ name, values })).sort((a, b) => byName(a.name, b.name)),
    aliases: aliasMap,
    unmatched,
  };
}
