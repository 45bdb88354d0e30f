/**
 * OpenAPI schema → TypeScript. `typeExpression` turns one schema into a type expression; `schemaDeclaration` turns a
 * named schema into a declaration: an interface for a plain object, a string-literal union plus a same-name const
 * object for a string enum, a type alias for everything else.
 */
import { isObject, type JsonObject } from "./json.js";
import { enumMemberKeys, propertyKey } from "./names.js";

/** Resolves `$ref`s of the spec. */
export interface RefResolver {
  /** The type name a `$ref` points to. */
  resolveRef(ref: string): string;
  /** The schema a `$ref` points to. */
  schemaOf(ref: string): JsonObject | undefined;
}

/** Collects what a declaration refers to while it is emitted. */
export interface EmitContext extends RefResolver {
  /** Names of the types referred to. */
  readonly refs: Set<string>;
  /** Set when a binary (`Uploadable`) field was emitted. */
  usesUploadable: boolean;
}

export function newContext(resolver: RefResolver): EmitContext {
  return { resolveRef: resolver.resolveRef, schemaOf: resolver.schemaOf, refs: new Set(), usesUploadable: false };
}

/** A type expression and how it binds (for parenthesizing); a union or intersection keeps its members. */
interface TsType {
  readonly text: string;
  readonly kind: "atom" | "union" | "intersection";
  readonly members?: readonly TsType[];
}

const UNKNOWN: TsType = { text: "unknown", kind: "atom" };
const atom = (text: string): TsType => ({ text, kind: "atom" });
const INDENT = "  ";

/** Members flattened one level (`A | (B | C)` → `A | B | C`), duplicates dropped. */
function flatten(types: readonly TsType[], kind: "union" | "intersection", skip: string): TsType[] {
  const out: TsType[] = [];
  for (const type of types) {
    for (const member of type.kind === kind ? (type.members ?? [type]) : [type]) {
      if (member.text !== skip && !out.some((seen) => seen.text === member.text)) out.push(member);
    }
  }
  return out;
}

function union(types: readonly TsType[]): TsType {
  if (types.some((type) => type.text === "unknown")) return UNKNOWN;
  // `never` adds nothing to a union.
  const members = flatten(types, "union", "never");
  if (members.length <= 1) return members[0] ?? atom("never");
  return { text: members.map((member) => member.text).join(" | "), kind: "union", members };
}

function intersection(types: readonly TsType[]): TsType {
  // `unknown` is the identity of an intersection: a constraint-only member (`{ maxLength: 128 }`) adds nothing.
  const members = flatten(types, "intersection", "unknown");
  if (members.length <= 1) return members[0] ?? UNKNOWN;
  const text = members.map((member) => (member.kind === "union" ? `(${member.text})` : member.text)).join(" & ");
  return { text, kind: "intersection", members };
}

function arrayOf(item: TsType): TsType {
  return atom(item.kind === "atom" ? `${item.text}[]` : `(${item.text})[]`);
}

function literal(value: unknown): TsType {
  if (value === null) return atom("null");
  if (typeof value === "string") return atom(JSON.stringify(value));
  if (typeof value === "number" || typeof value === "boolean") return atom(String(value));
  return UNKNOWN;
}

/** One-line JSDoc from a description: its first sentence, whitespace collapsed. */
export function docComment(description: unknown, indent: string): string {
  if (typeof description !== "string") return "";
  const text = description.replace(/\s+/g, " ").trim();
  if (!text) return "";
  const sentence = /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  const trimmed = sentence.length > 200 ? `${sentence.slice(0, 199)}…` : sentence;
  return `${indent}/** ${trimmed.replace(/\*\//g, "*\\/")} */\n`;
}

function typeList(schema: JsonObject): string[] {
  const type = schema.type;
  if (typeof type === "string") return [type];
  if (Array.isArray(type)) return type.filter((entry): entry is string => typeof entry === "string");
  return [];
}

function isNullable(schema: JsonObject): boolean {
  return schema.nullable === true || typeList(schema).includes("null");
}

function isBinary(schema: JsonObject): boolean {
  return schema.format === "binary" || schema.contentMediaType === "application/octet-stream";
}

function hasProperties(schema: JsonObject): boolean {
  return isObject(schema.properties) && Object.keys(schema.properties).length > 0;
}

/** `enum` holding only strings (and maybe null) on a string-typed (or untyped) schema. */
function stringEnumValues(schema: JsonObject): string[] | undefined {
  if (!Array.isArray(schema.enum)) return undefined;
  const types = typeList(schema).filter((type) => type !== "null");
  if (types.length > 1 || (types.length === 1 && types[0] !== "string")) return undefined;
  const values: unknown[] = schema.enum;
  if (!values.every((value) => typeof value === "string" || value === null)) return undefined;
  const strings = values.filter((value): value is string => typeof value === "string");
  return strings.length > 0 ? strings : undefined;
}

function objectType(schema: JsonObject, ctx: EmitContext, indent: string): TsType {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const names = Object.keys(properties);
  const extra = schema.additionalProperties;
  const extraType = extra === true ? UNKNOWN : isObject(extra) ? typeExpression(extra, ctx, indent) : undefined;
  if (names.length === 0) {
    if (extra === false) return atom("Record<string, never>");
    return atom(`Record<string, ${(extraType ?? UNKNOWN).text}>`);
  }
  return atom(`{\n${objectMembers(schema, ctx, indent + INDENT)}${indent}}`);
}

/** The member lines of an object schema (properties in document order, then the index signature if any). */
export function objectMembers(schema: JsonObject, ctx: EmitContext, indent: string): string {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(requiredNames(schema));
  const lines: string[] = [];
  const memberTypes: TsType[] = [];
  let anyOptional = false;
  for (const [name, value] of Object.entries(properties)) {
    const propertySchema = isObject(value) ? value : {};
    const type = typeExpression(propertySchema, ctx, indent);
    const optional = !required.has(name);
    anyOptional ||= optional;
    memberTypes.push(type);
    lines.push(`${docComment(propertySchema.description, indent)}${indent}${propertyKey(name)}${optional ? "?" : ""}: ${type.text};\n`);
  }
  // Required but not described: present, of unknown type.
  for (const name of required) {
    if (name in properties) continue;
    memberTypes.push(UNKNOWN);
    lines.push(`${indent}${propertyKey(name)}: unknown;\n`);
  }
  const extra = schema.additionalProperties;
  if (extra === true || isObject(extra)) {
    let indexType = extra === true ? UNKNOWN : typeExpression(extra, ctx, indent);
    if (indexType.text !== "unknown") {
      // Every property must fit the index signature: widen it to the properties' types, or to `unknown`.
      const widened = union([indexType, ...memberTypes, ...(anyOptional ? [atom("undefined")] : [])]);
      indexType = (widened.members?.length ?? 1) > 4 ? UNKNOWN : widened;
    }
    lines.push(`${indent}[key: string]: ${indexType.text};\n`);
  }
  return lines.join("");
}

function hasTypeInformation(schema: JsonObject): boolean {
  return ["type", "$ref", "enum", "const", "oneOf", "anyOf", "allOf", "properties", "items", "additionalProperties"].some((key) => key in schema);
}

function requiredNames(schema: JsonObject): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((entry): entry is string => typeof entry === "string") : [];
}

/** Property names a schema declares, through `$ref`s and `allOf`. */
function declaredNames(schema: JsonObject, ctx: EmitContext, seen: Set<string> = new Set()): Set<string> {
  if (typeof schema.$ref === "string") {
    const target = seen.has(schema.$ref) ? undefined : ctx.schemaOf(schema.$ref);
    seen.add(schema.$ref);
    return target ? declaredNames(target, ctx, seen) : new Set();
  }
  const names = new Set(Object.keys(isObject(schema.properties) ? schema.properties : {}));
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) {
    if (isObject(part)) for (const name of declaredNames(part, ctx, seen)) names.add(name);
  }
  return names;
}

/**
 * One `allOf` member, made to require the `pending` names it declares: an inline object gets them in its `required`,
 * a referenced type is intersected with `Required<Pick<Ref, …>>`. The names placed are removed from `pending`.
 */
function requiringPart(part: unknown, pending: Set<string>, ctx: EmitContext, indent: string): TsType {
  if (!isObject(part) || pending.size === 0) return typeExpression(part, ctx, indent);
  const names = [...pending].filter((name) => declaredNames(part, ctx).has(name));
  if (names.length === 0) return typeExpression(part, ctx, indent);
  for (const name of names) pending.delete(name);
  if (typeof part.$ref === "string") {
    const type = typeExpression(part, ctx, indent);
    const keys = names.map((name) => JSON.stringify(name)).join(" | ");
    return intersection([type, atom(`Required<Pick<${type.text}, ${keys}>>`)]);
  }
  if (isObject(part.properties) && names.every((name) => isObject(part.properties) && name in part.properties)) {
    return typeExpression({ ...part, required: [...requiredNames(part), ...names] }, ctx, indent);
  }
  const type = typeExpression(part, ctx, indent);
  return intersection([type, atom(`{ ${names.map((name) => `${propertyKey(name)}: unknown`).join("; ")} }`)]);
}

/** The TS type of a schema; nested object literals are indented from `indent`. */
export function typeExpression(value: unknown, ctx: EmitContext, indent = ""): TsType {
  if (!isObject(value)) return UNKNOWN;
  const schema = value;
  if (typeof schema.$ref === "string") {
    const name = ctx.resolveRef(schema.$ref);
    ctx.refs.add(name);
    return atom(name);
  }
  const nullable = isNullable(schema);
  const withNull = (type: TsType): TsType => (nullable && type.text !== "unknown" ? union([type, atom("null")]) : type);

  if ("const" in schema) return withNull(literal(schema.const));
  if (Array.isArray(schema.enum)) {
    const values: unknown[] = schema.enum;
    return withNull(union(values.map(literal)));
  }
  const oneOf = Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  const anyOf = Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  const parts = Array.isArray(schema.allOf) ? schema.allOf : undefined;
  if (oneOf || anyOf || parts) {
    // A member with no type of its own (`{ format: "uuid" }`) has the type of the schema around it.
    const typed = (member: unknown): unknown =>
      isObject(member) && schema.type !== undefined && !hasTypeInformation(member) ? { ...member, type: schema.type } : member;
    const members: TsType[] = [];
    // Names the schema requires that its own properties do not declare: required in the composed members.
    const own = isObject(schema.properties) ? schema.properties : {};
    const pending = new Set(requiredNames(schema).filter((name) => !(name in own)));
    if (parts) members.push(intersection(parts.map((part: unknown) => requiringPart(typed(part), pending, ctx, indent))));
    for (const variants of [oneOf, anyOf]) {
      if (variants) members.push(union(variants.map((variant: unknown) => typeExpression(typed(variant), ctx, indent))));
    }
    if (hasProperties(schema)) members.push(objectType(schema, ctx, indent));
    else if (schema.additionalProperties === true) members.push(atom("Record<string, unknown>"));
    else if (isObject(schema.additionalProperties)) members.push(atom(`Record<string, ${typeExpression(schema.additionalProperties, ctx, indent).text}>`));
    if (pending.size) members.push(atom(`{ ${[...pending].map((name) => `${propertyKey(name)}: unknown`).join("; ")} }`));
    const combined = intersection(members);
    if (combined.text !== "unknown" || schema.type === undefined) return withNull(combined);
    const base = Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "allOf" && key !== "oneOf" && key !== "anyOf"));
    return typeExpression(base, ctx, indent);
  }
  const types = typeList(schema).filter((type) => type !== "null");
  if (types.length === 0 && nullable) return atom("null");
  if (types.length === 0) {
    if (hasProperties(schema) || schema.additionalProperties !== undefined) return withNull(objectType(schema, ctx, indent));
    if (schema.items !== undefined) return withNull(arrayOf(typeExpression(schema.items, ctx, indent)));
    return UNKNOWN;
  }
  return withNull(
    union(
      types.map((type): TsType => {
        switch (type) {
          case "string":
            if (isBinary(schema)) {
              ctx.usesUploadable = true;
              return atom("Uploadable");
            }
            return atom("string");
          case "integer":
          case "number":
            return atom("number");
          case "boolean":
            return atom("boolean");
          case "array":
            return arrayOf(schema.items === undefined ? UNKNOWN : typeExpression(schema.items, ctx, indent));
          case "object":
            return objectType(schema, ctx, indent);
          default:
            return UNKNOWN;
        }
      }),
    ),
  );
}

/** A declaration of the public `Management` namespace. */
export interface Declaration {
  readonly name: string;
  /** `export interface …` / `export type …`; for an enum, its literal-union type. */
  readonly text: string;
  /** For a string enum: the same-name object of its values (`export const X: EnumObject<X> = { … }`). */
  readonly enumConst?: string;
  /** For a string enum: its members, [key, value], in order (the table stage writes `enumConst` from them). */
  readonly enumMembers?: ReadonlyArray<readonly [string, string]>;
  /** Runtime values that live next to the type (`Management.X.Strategy`): a const and a type-only namespace. */
  readonly companion?: string;
  readonly refs: ReadonlySet<string>;
  readonly usesUploadable: boolean;
}

/** A string enum: the literal union now, the object (`enumConst`) once the contract is applied. */
export function enumDeclaration(
  name: string,
  values: readonly string[],
  nullable: boolean,
  description: unknown,
  keys: readonly string[] = enumMemberKeys(values),
): Declaration {
  const union = [...values.map((value) => JSON.stringify(value)), ...(nullable ? ["null"] : [])].join(" | ");
  return {
    name,
    text: `${docComment(description, "")}export type ${name} = ${union};\n`,
    enumConst: "",
    enumMembers: values.map((value, index) => [keys[index] ?? "", value] as const),
    refs: new Set(),
    usesUploadable: false,
  };
}

/** `export type Name = <expression>;` for any schema. */
function aliasDeclaration(name: string, schema: JsonObject, ctx: EmitContext): Declaration {
  const type = typeExpression(schema, ctx);
  return { name, text: `${docComment(schema.description, "")}export type ${name} = ${type.text};\n`, refs: ctx.refs, usesUploadable: ctx.usesUploadable };
}

/** The declaration of a named schema of `components.schemas`. */
export function schemaDeclaration(name: string, schema: JsonObject, ctx: EmitContext): Declaration {
  const values = stringEnumValues(schema);
  if (values) return enumDeclaration(name, values, isNullable(schema) || (Array.isArray(schema.enum) && schema.enum.includes(null)), schema.description);
  const plainObject =
    hasProperties(schema) &&
    !isNullable(schema) &&
    typeList(schema).every((type) => type === "object") &&
    !["oneOf", "anyOf", "allOf", "enum", "const", "$ref"].some((key) => key in schema);
  if (plainObject) {
    const members = objectMembers(schema, ctx, INDENT);
    return {
      name,
      text: `${docComment(schema.description, "")}export interface ${name} {\n${members}}\n`,
      refs: ctx.refs,
      usesUploadable: ctx.usesUploadable,
    };
  }
  return aliasDeclaration(name, schema, ctx);
}
