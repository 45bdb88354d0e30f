import { invalidBody, managementError } from "../errors.js";
import type { ParsedBody } from "../http/parse-body.js";
import { isJsonObject, type JsonObject } from "../internal/json.js";
import type { PermissionRef } from "../state/records.js";

/**
 * Reads a Management API JSON body with Auth0's validation messages:
 * `Payload validation error: 'Missing required property: connection'.` and
 * `Payload validation error: 'Expected type string but found type number' on property email.`
 */
export class BodyFields {
  constructor(readonly data: JsonObject) {}

  static from(body: ParsedBody): BodyFields {
    switch (body.kind) {
      case "empty":
        return new BodyFields({});
      case "form":
        return new BodyFields({ ...body.value });
      case "multipart":
        return new BodyFields({ ...body.fields });
      case "invalid":
        throw managementError(400, body.reason, "invalid_body");
      case "json":
        if (!isJsonObject(body.value))
          throw invalidBody(`'Expected type object but found type ${typeName(body.value)}'.`);
        return new BodyFields(body.value);
    }
  }

  has(name: string): boolean {
    return this.data[name] !== undefined;
  }

  string(name: string): string | undefined {
    const value = this.data[name];
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw wrongType(name, "string", value);
    return value;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value.length === 0) throw missing(name);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.data[name];
    if (value === undefined) return undefined;
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    throw wrongType(name, "boolean", value);
  }

  number(name: string): number | undefined {
    const value = this.data[name];
    if (value === undefined) return undefined;
    if (typeof value !== "number") throw wrongType(name, "number", value);
    return value;
  }

  object(name: string): JsonObject | undefined {
    const value = this.data[name];
    if (value === undefined) return undefined;
    if (!isJsonObject(value)) throw wrongType(name, "object", value);
    return value;
  }

  stringArray(name: string): string[] | undefined {
    const value = this.data[name];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((item): item is string => typeof item === "string")) {
      throw wrongType(name, "array of strings", value);
    }
    return value;
  }

  requiredStringArray(name: string): string[] {
    const value = this.stringArray(name);
    if (value === undefined) throw missing(name);
    if (value.length === 0) throw invalidBody(`'Array is too short (0), minimum 1' on property ${name}.`);
    return value;
  }

  permissions(name = "permissions"): PermissionRef[] {
    const value = this.data[name];
    if (value === undefined) throw missing(name);
    if (!Array.isArray(value)) throw wrongType(name, "array", value);
    return value.map((item, index) => {
      if (
        !isJsonObject(item) ||
        typeof item["permission_name"] !== "string" ||
        typeof item["resource_server_identifier"] !== "string"
      ) {
        throw invalidBody(
          `'Missing required property: permission_name or resource_server_identifier' on property ${name}[${index}].`,
        );
      }
      return {
        permission_name: item["permission_name"],
        resource_server_identifier: item["resource_server_identifier"],
      };
    });
  }
}

function missing(name: string) {
  return invalidBody(`'Missing required property: ${name}'.`);
}

function wrongType(name: string, expected: string, value: unknown) {
  return invalidBody(`'Expected type ${expected} but found type ${typeName(value)}' on property ${name}.`);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
