/**
 * Runs the generated wire cases (`methods.test.ts` next to this file, written by `npm run generate:legacy` from the
 * v4 table). Per v4 method, against nock:
 * - the request: verb, exact path (every path param a value that needs encoding), exact query string (each listed
 *   parameter given a sample, in the table's order, plus an unlisted key that must not be sent), the JSON or
 *   multipart body and its content type, the bearer token and v4's telemetry; `CustomDomainHeader` as initOverrides
 *   adds `auth0-custom-domain` exactly on the whitelisted paths;
 * - the result: `{ data, headers, status, statusText }` (a `JSONApiResponse`, `VoidApiResponse` or `TextApiResponse`),
 *   `data` parsed as JSON, undefined, or text as the table says; a `T | void` response (`json-or-void`) is JSON, and
 *   undefined on a 204;
 * - a null query value is sent as "null", undefined ones are left out;
 * - each required key null or undefined: `RequiredError` naming it, before any request;
 * - each path param "", "." or "..": `InvalidInputError` naming it, before any request (as on the v5 surface);
 * - an error status with a JSON body: `ManagementApiError` with the body's fields.
 * The expected values come from the case data alone, never from the descriptor tables the client reads. The cases run
 * over the default transport against nock: v4's options take no plugins, so a v4 client cannot be given
 * `auth0/plugins/undici` (the v5 wire cases run over both transports, through the same chain).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "auth0";
import { CustomDomainHeader, JSONApiResponse, ManagementApiError, ManagementClient, RequiredError, TextApiResponse, VoidApiResponse } from "../../index.js";
import type { Recorded, Reply } from "../../../../test/helpers/serve-recorded.js";
import { fetchOverNock, type WireTransport } from "../../../../test/helpers/wire-transports.js";

type Sample = string | number | boolean | readonly string[];

export interface WireCase {
  /** `manager.method`. */
  readonly method: string;
  readonly http: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Templated path under `/api/v2`. */
  readonly path: string;
  /** Whether the method takes request parameters (path and query values), and whether they may be left out. */
  readonly params: "none" | "optional" | "required";
  /** Keys that must not be null or undefined, in the order v4 checks them. */
  readonly required?: readonly string[];
  /** `json`, or the multipart form fields in wire order. */
  readonly body?: "json" | readonly string[];
  /** `json-or-void`: v4's `T | void`, parsed as JSON unless the status is 204. */
  readonly response: "json" | "void" | "text" | "json-or-void";
  /** On the custom-domain whitelist. */
  readonly customDomain?: true;
  /** `[key, sample]` in wire order. */
  readonly query?: readonly (readonly [string, Sample])[];
}

const DOMAIN = "tenant.example.com";
const ORIGIN = `https://${DOMAIN}`;
const TOKEN = "wire-token";
const CUSTOM_DOMAIN = "login.example.com";
/** Path values by position in the path: each needs encoding, and each differs from the others. */
const PATH_VALUES = ["auth0|abc/def", "p2/x y", "p3?#&=%"] as const;
const UNLISTED = "not_a_v4_param";
const JSON_BODY = { name: "wire sample", count: 2, enabled: false, tags: ["a", "b c/d"], nested: { key: "välue", none: null } };
const FORM_VALUES: Readonly<Record<string, readonly [value: unknown, text: string]>> = {
  connection_id: ["con_1", "con_1"],
  upsert: [true, "true"],
  external_id: ["ext", "ext"],
  send_completion_email: [false, "false"],
};
const USERS_FILE = JSON.stringify([{ email: "a@b.c" }]);

const encode = encodeURIComponent;

function pathParams(wireCase: WireCase): string[] {
  return [...wireCase.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
}

function pathValues(wireCase: WireCase): Record<string, string> {
  return Object.fromEntries(pathParams(wireCase).map((name, index) => [name, PATH_VALUES[index]!]));
}

function expectedPath(wireCase: WireCase, query: readonly string[]): string {
  const values = pathValues(wireCase);
  const path = `/api/v2${wireCase.path.replace(/\{([^}]+)\}/g, (_, name: string) => encode(values[name]!))}`;
  return query.length > 0 ? `${path}?${query.join("&")}` : path;
}

function pairs(key: string, value: Sample): string[] {
  const values = Array.isArray(value) ? (value as readonly string[]) : [value as string | number | boolean];
  return values.map((item) => `${encode(key)}=${encode(String(item))}`);
}

function bodyArgument(wireCase: WireCase): unknown {
  if (wireCase.body === "json") return JSON_BODY;
  if (wireCase.body === undefined) return undefined;
  return Object.fromEntries(wireCase.body.map((field) => [field, field === "users" ? new Blob([USERS_FILE], { type: "application/json" }) : FORM_VALUES[field]![0]]));
}

/** The method's arguments, in v4's order: request parameters, body, initOverrides. */
function callArgs(wireCase: WireCase, params: Record<string, unknown> | undefined, initOverrides?: unknown): unknown[] {
  const args: unknown[] = [];
  if (wireCase.params !== "none") args.push(params);
  if (wireCase.body !== undefined) args.push(bodyArgument(wireCase));
  if (initOverrides !== undefined) args.push(initOverrides);
  return args;
}

function invoke(client: ManagementClient, method: string, args: readonly unknown[]): Promise<unknown> {
  const [managerName, methodName] = method.split(".") as [string, string];
  const manager = (client as unknown as Record<string, Record<string, unknown>>)[managerName];
  const fn = manager?.[methodName];
  if (typeof fn !== "function") throw new Error(`${method} is not a method of the client`);
  // Called on its manager, as v4 code calls it (v4's methods, like these, are methods of the manager's class).
  return (fn as (...values: readonly unknown[]) => Promise<unknown>).apply(manager, [...args]);
}

async function rejection(pending: Promise<unknown>): Promise<unknown> {
  try {
    await pending;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

function decodeTelemetry(header: unknown): unknown {
  return JSON.parse(Buffer.from(String(header), "base64url").toString("utf8"));
}

function successReply(wireCase: WireCase): Reply {
  if (wireCase.response === "void") return { status: 204, body: "", headers: {} };
  if (wireCase.response === "text") return { status: 200, body: "42", headers: { "content-type": "text/plain" } };
  return { status: 200, body: { id: "wire-result", method: wireCase.method }, headers: { "content-type": "application/json", "x-wire": "yes" } };
}

function checkBody(wireCase: WireCase, request: Recorded): void {
  const contentType = String(request.headers["content-type"] ?? "");
  if (wireCase.body === undefined) {
    expect(request.body).toBe("");
    expect(contentType).toBe("");
  } else if (wireCase.body === "json") {
    expect(contentType).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual(JSON_BODY);
  } else {
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    let at = -1;
    for (const field of wireCase.body) {
      const text = field === "users" ? USERS_FILE : FORM_VALUES[field]![1];
      const part = request.body.indexOf(`name="${field}"`);
      expect(part, `part ${field}`).toBeGreaterThan(at);
      expect(request.body.indexOf(text, part), `value of ${field}`).toBeGreaterThan(part);
      at = part;
    }
  }
}

export function runWireCases(cases: readonly WireCase[]): void {
  for (const transport of [fetchOverNock]) {
    describe(`over ${transport.name}`, () => {
      let client!: ManagementClient;
      beforeAll(async () => {
        await transport.start();
        client = new ManagementClient({ domain: DOMAIN, token: TOKEN });
      });
      afterAll(() => transport.stop());
      afterEach(() => transport.reset());
      runOver(transport, () => client, cases);
    });
  }
}

function runOver(transport: WireTransport, clientOf: () => ManagementClient, cases: readonly WireCase[]): void {
  describe.each(cases.map((wireCase) => [wireCase.method, wireCase] as const))("%s", (_name, wireCase) => {
    it(`sends ${wireCase.http} ${wireCase.path} with its query and body, and resolves to { data, headers, status, statusText }`, async () => {
      const recorded = transport.serve(ORIGIN, successReply(wireCase));
      const params = { ...pathValues(wireCase), ...Object.fromEntries(wireCase.query ?? []), [UNLISTED]: "x" };
      const result = (await invoke(clientOf(), wireCase.method, callArgs(wireCase, params, CustomDomainHeader(CUSTOM_DOMAIN)))) as Record<string, unknown>;

      expect(recorded).toHaveLength(1);
      const request = recorded[0]!;
      expect(request.method).toBe(wireCase.http);
      expect(request.path).toBe(expectedPath(wireCase, (wireCase.query ?? []).flatMap(([key, sample]) => pairs(key, sample))));
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(decodeTelemetry(request.headers["auth0-client"])).toMatchObject({ name: "node-auth0", version: "4.37.1" });
      expect(request.headers["auth0-custom-domain"]).toBe(wireCase.customDomain ? CUSTOM_DOMAIN : undefined);
      checkBody(wireCase, request);

      expect(result.headers).toBeInstanceOf(Headers);
      if (wireCase.response === "void") {
        expect(result).toBeInstanceOf(VoidApiResponse);
        expect(result.data).toBeUndefined();
        expect(result).toMatchObject({ status: 204, statusText: "No Content" });
      } else if (wireCase.response === "text") {
        expect(result).toBeInstanceOf(TextApiResponse);
        expect(result).toMatchObject({ data: "42", status: 200 });
      } else {
        expect(result).toBeInstanceOf(JSONApiResponse);
        expect(result).toMatchObject({ data: { id: "wire-result", method: wireCase.method }, status: 200, statusText: "OK" });
        expect((result.headers as Headers).get("x-wire")).toBe("yes");
      }
    });

    if (wireCase.response === "json-or-void") {
      it("resolves a 204 to a VoidApiResponse (data undefined), as v4's T | void does", async () => {
        const recorded = transport.serve(ORIGIN, { status: 204, body: "", headers: {} });
        const params = { ...pathValues(wireCase), ...Object.fromEntries(wireCase.query ?? []) };
        const result = (await invoke(clientOf(), wireCase.method, callArgs(wireCase, params))) as Record<string, unknown>;
        expect(recorded).toHaveLength(1);
        expect(result).toBeInstanceOf(VoidApiResponse);
        expect(result.data).toBeUndefined();
        expect(result).toMatchObject({ status: 204, statusText: "No Content" });
      });
    }

    const required = new Set(wireCase.required ?? []);
    const nullable = wireCase.query?.find(([key]) => !required.has(key))?.[0];
    if (nullable !== undefined) {
      it(`sends a null query value as the text null (${nullable}), and leaves undefined ones out`, async () => {
        const recorded = transport.serve(ORIGIN, successReply(wireCase));
        const query = wireCase.query ?? [];
        const params = {
          ...pathValues(wireCase),
          ...Object.fromEntries(query.map(([key, sample]) => [key, required.has(key) ? sample : undefined])),
          [nullable]: null,
        };
        await invoke(clientOf(), wireCase.method, callArgs(wireCase, params));
        const sent = query.flatMap(([key, sample]) => (key === nullable ? [`${encode(key)}=null`] : required.has(key) ? pairs(key, sample) : []));
        expect(recorded.map((request) => request.path)).toEqual([expectedPath(wireCase, sent)]);
      });
    }

    for (const key of wireCase.required ?? []) {
      it(`rejects with RequiredError when ${key} is null or undefined, before any request`, async () => {
        const recorded = transport.serve(ORIGIN, successReply(wireCase));
        const complete = { ...pathValues(wireCase), ...Object.fromEntries(wireCase.query ?? []) };
        for (const missing of [null, undefined]) {
          const error = await rejection(invoke(clientOf(), wireCase.method, callArgs(wireCase, { ...complete, [key]: missing })));
          expect(error).toBeInstanceOf(RequiredError);
          expect(error).toMatchObject({ name: "RequiredError", field: key, message: `Required parameter requestParameters.${key} was null or undefined.` });
        }
        expect(recorded).toHaveLength(0);
      });
    }

    for (const name of pathParams(wireCase)) {
      it(`refuses "", "." and ".." as ${name} with InvalidInputError, before any request`, async () => {
        const recorded = transport.serve(ORIGIN, successReply(wireCase));
        const complete = { ...pathValues(wireCase), ...Object.fromEntries(wireCase.query ?? []) };
        for (const value of ["", ".", ".."]) {
          const error = await rejection(invoke(clientOf(), wireCase.method, callArgs(wireCase, { ...complete, [name]: value })));
          expect(error, JSON.stringify(value)).toBeInstanceOf(InvalidInputError);
          expect((error as InvalidInputError).field).toBe(name);
        }
        expect(recorded).toHaveLength(0);
      });
    }

    it("turns an error status with a JSON body into ManagementApiError", async () => {
      const body = { statusCode: 404, error: "Not Found", message: `no such thing (${wireCase.method})`, errorCode: "inexistent_thing" };
      transport.serve(ORIGIN, { status: 404, body, headers: { "content-type": "application/json" } });
      const params = { ...pathValues(wireCase), ...Object.fromEntries(wireCase.query ?? []) };
      const error = await rejection(invoke(clientOf(), wireCase.method, callArgs(wireCase, params)));
      expect(error).toBeInstanceOf(ManagementApiError);
      expect(error).toMatchObject({ statusCode: 404, error: "Not Found", errorCode: "inexistent_thing", message: body.message, msg: body.message, body: JSON.stringify(body) });
    });
  });
}
