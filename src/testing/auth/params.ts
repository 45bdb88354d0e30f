import { oauthError } from "../errors.js";
import type { ParsedBody } from "../http/parse-body.js";
import { isJsonObject, type JsonObject } from "../internal/json.js";

/**
 * Authentication API parameters, from a JSON or a form body alike. Values read as strings (JSON numbers and booleans
 * are stringified, as they would be in a form); a missing required one is Auth0's `invalid_request`.
 */
export class Params {
  private constructor(private readonly values: JsonObject) {}

  static fromBody(body: ParsedBody): Params {
    switch (body.kind) {
      case "empty":
        return new Params({});
      case "form":
        return new Params({ ...body.value });
      case "multipart":
        return new Params({ ...body.fields });
      case "json":
        if (isJsonObject(body.value)) return new Params(body.value);
        throw oauthError(400, "invalid_request", "The request body must be an object");
      case "invalid":
        throw oauthError(400, "invalid_request", body.reason);
    }
  }

  get(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return JSON.stringify(value);
  }

  require(name: string): string {
    const value = this.get(name);
    if (value === undefined) throw oauthError(400, "invalid_request", `Missing required parameter: ${name}`);
    return value;
  }

  /** The value as sent (objects stay objects in JSON bodies). */
  raw(name: string): unknown {
    return this.values[name];
  }

  /** A space-separated scope parameter as a list, or undefined when absent. */
  scopes(name = "scope"): string[] | undefined {
    const value = this.get(name);
    return value === undefined ? undefined : value.split(/\s+/).filter((scope) => scope.length > 0);
  }
}
