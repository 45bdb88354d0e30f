/**
 * Runs the generated wire cases (`*.test.ts` next to this file, one per resource, written by `npm run generate` from
 * the v5 compatibility table). Per method, against a nock-recorded request:
 * - the request: verb, exact path (every path param needing encoding), exact query string (every parameter given a
 *   sample), exact JSON or multipart body, and the Accept, Authorization and Auth0-Client headers, from a client with
 *   `withCustomDomainHeader` (so Auth0-Custom-Domain must be there exactly on the whitelisted methods); then the
 *   result (the JSON body, `undefined`, a `Page` of the items field, or the parsed events);
 * - the defaults the SDK fills in when the caller leaves the request out; a required query parameter left out is an
 *   `InvalidInputError` with nothing sent; for a JSON body, what leaving it out sends:
 *   `{}` when v5 defaults the request to `{}`, else no body and no content type (and an explicit `null` is sent as `null`);
 * - for lists, the request for the next page (`page + 1`, or `from` = the response's `next`);
 * - each listed error status as its typed error class, and an unlisted one as a plain `ManagementError`;
 * - `CustomDomainHeader()` adds Auth0-Custom-Domain to any method (which also checks where it takes its request options).
 * The expected values come from the case data alone, never from the SDK's descriptor tables.
 */
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../../src/core/errors.js";
import { Page } from "../../../src/core/page.js";
import { CustomDomainHeader, type RequestOptions } from "../../../src/core/request-options.js";
import {
  BadRequestError,
  ConflictError,
  ContentTooLargeError,
  ForbiddenError,
  GoneError,
  InternalServerError,
  ManagementError,
  NotFoundError,
  PaymentRequiredError,
  PreconditionFailedError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
} from "../../../src/management/errors.js";
import { ManagementClient, type ManagementClientOptionsWithToken } from "../../../src/management/management-client.js";
import { serve, type Recorded, type Reply } from "../../helpers/serve-recorded.js";

type Scalar = string | number | boolean;
type Sample = Scalar | readonly string[];

/** `[wire name, sample value]`, plus the value the SDK sends when the caller leaves the parameter out. */
export type QueryCase = readonly [wire: string, sample: Sample] | readonly [wire: string, sample: Sample, defaultValue: Scalar];

/** One Management API method as the v5 compatibility table describes it. */
export interface WireCase {
  /** Dot path from the client: `users.roles.list`. */
  readonly method: string;
  readonly http: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Templated path under `/api/v2`; the placeholders are the leading positional arguments, in order. */
  readonly path: string;
  /**
   * Whether the method takes a request object, and whether it may be left out: `optional` defaults to `{}` (v5's
   * `request = {}`); `nullable` (v5's `request?: X | null`) and `opaque` (`request?: unknown`) have no default.
   */
  readonly request: "none" | "optional" | "nullable" | "opaque" | "required";
  readonly query?: readonly QueryCase[];
  /** Query parameters the request must carry (wire names). */
  readonly required?: readonly string[];
  readonly body?: "json" | "multipart";
  /** Multipart parts in wire order. */
  readonly parts?: readonly (readonly [wire: string, kind: "file" | "field"])[];
  readonly response: "json" | "void" | "sse";
  readonly pagination?: readonly [kind: "offset" | "checkpoint", itemsField: string];
  /** Statuses mapped to typed errors. */
  readonly errors: readonly number[];
  /** On the `withCustomDomainHeader` whitelist. */
  readonly customDomain?: true;
}

const DOMAIN = "tenant.example.com";
const ORIGIN = `https://${DOMAIN}`;
const TOKEN = "wire-token";
const CUSTOM_DOMAIN = "login.example.com";
/** Path argument values by position: each needs encoding, and each differs from the others. */
const PATH_VALUES = ["auth0|abc/def", "p2/x y", "p3?#&=%"] as const;
/** A status no method lists: a plain `ManagementError`. */
const UNLISTED_STATUS = 418;

/** The typed error class per status (the names are v5's `statusToClass`). */
const ERROR_CLASSES: Readonly<Record<number, readonly [name: string, type: abstract new (...args: never[]) => ManagementError]>> = {
  400: ["BadRequestError", BadRequestError],
  401: ["UnauthorizedError", UnauthorizedError],
  402: ["PaymentRequiredError", PaymentRequiredError],
  403: ["ForbiddenError", ForbiddenError],
  404: ["NotFoundError", NotFoundError],
  409: ["ConflictError", ConflictError],
  410: ["GoneError", GoneError],
  412: ["PreconditionFailedError", PreconditionFailedError],
  413: ["ContentTooLargeError", ContentTooLargeError],
  429: ["TooManyRequestsError", TooManyRequestsError],
  500: ["InternalServerError", InternalServerError],
  503: ["ServiceUnavailableError", ServiceUnavailableError],
};

const PAGE_ITEMS = [{ id: 1 }, { id: 2 }];
const EVENTS = [
  { type: "user.created", id: "evt_1", data: { user_id: "auth0|1" } },
  { type: "user.deleted", id: "evt_2", data: { user_id: "auth0|2" } },
];
const USERS_FILE = JSON.stringify([{ email: "a@b.c" }]);
/** Field values of the multipart sample by wire name, and the text each is sent as. */
const MULTIPART_FIELDS: Readonly<Record<string, readonly [value: Scalar, text: string]>> = {
  connection_id: ["con_1", "con_1"],
  upsert: [true, "true"],
  external_id: ["ext", "ext"],
  send_completion_email: [false, "false"],
};

// ---------------------------------------------------------------------------------------------------------------
// Samples and expectations, from the case alone

const encode = encodeURIComponent;

function pathParamCount(wireCase: WireCase): number {
  return wireCase.path.match(/\{[^}]+\}/g)?.length ?? 0;
}

function expectedPath(wireCase: WireCase): string {
  let index = 0;
  return `/api/v2${wireCase.path.replace(/\{[^}]+\}/g, () => encode(PATH_VALUES[index++]!))}`;
}

function pairs(wire: string, value: Sample): string[] {
  const values: readonly Scalar[] = Array.isArray(value) ? (value as readonly string[]) : [value as Scalar];
  return values.map((item) => `${encode(wire)}=${encode(String(item))}`);
}

function withQuery(path: string, query: readonly string[]): string {
  return query.length ? `${path}?${query.join("&")}` : path;
}

function jsonBody(wireCase: WireCase): Record<string, unknown> {
  return { name: "wire sample", method: wireCase.method, count: 2, enabled: false, tags: ["a", "b c/d"], nested: { key: "välue", none: null } };
}

function multipartRequest(wireCase: WireCase): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  for (const [wire, kind] of wireCase.parts ?? []) {
    if (kind === "file") request[wire] = new Blob([USERS_FILE], { type: "application/json" });
    else if (MULTIPART_FIELDS[wire]) request[wire] = MULTIPART_FIELDS[wire][0];
    else throw new Error(`${wireCase.method}: no sample for the multipart field ${wire}`);
  }
  return request;
}

/** The request object with a sample for everything: every query parameter, or the body. */
function fullRequest(wireCase: WireCase): Record<string, unknown> | undefined {
  if (wireCase.request === "none") return undefined;
  if (wireCase.body === "json") return jsonBody(wireCase);
  if (wireCase.body === "multipart") return multipartRequest(wireCase);
  return Object.fromEntries((wireCase.query ?? []).map(([wire, sample]) => [wire, sample]));
}

function fullQuery(wireCase: WireCase): string[] {
  return (wireCase.query ?? []).flatMap(([wire, sample]) => pairs(wire, sample));
}

/** The least a caller can pass: no request at all when it is optional, else the body or the required parameters. */
function minimalRequest(wireCase: WireCase): Record<string, unknown> | undefined {
  if (wireCase.request !== "required") return undefined;
  if (wireCase.body !== undefined) return fullRequest(wireCase);
  const required = new Set(wireCase.required ?? []);
  return Object.fromEntries((wireCase.query ?? []).filter(([wire]) => required.has(wire)).map(([wire, sample]) => [wire, sample]));
}

/** The query string of the minimal request: the required parameters' samples and every default. */
function minimalQuery(wireCase: WireCase): string[] {
  const required = new Set(wireCase.required ?? []);
  return (wireCase.query ?? []).flatMap((param) => {
    if (required.has(param[0])) return pairs(param[0], param[1]);
    return param.length === 3 ? pairs(param[0], param[2]) : [];
  });
}

function defaultsOf(wireCase: WireCase): string[] {
  return (wireCase.query ?? []).flatMap((param) => (param.length === 3 ? [`${param[0]}=${String(param[2])}`] : []));
}

/** Positional arguments: path values, the request (left out when undefined and nothing follows), the options. */
function callArgs(wireCase: WireCase, request: Record<string, unknown> | undefined, options?: RequestOptions): unknown[] {
  const args: unknown[] = PATH_VALUES.slice(0, pathParamCount(wireCase));
  if (wireCase.request !== "none" && (request !== undefined || options !== undefined)) args.push(request);
  if (options !== undefined) args.push(options);
  return args;
}

function successBody(wireCase: WireCase): Record<string, unknown> {
  if (wireCase.pagination?.[0] === "offset") return { start: 0, limit: 2, total: 2, [wireCase.pagination[1]]: PAGE_ITEMS };
  if (wireCase.pagination?.[0] === "checkpoint") return { [wireCase.pagination[1]]: PAGE_ITEMS };
  return { id: "wire-result", method: wireCase.method, nested: { ok: true, list: [1, "two"] } };
}

function successReply(wireCase: WireCase): Reply {
  if (wireCase.response === "sse") {
    const text = EVENTS.map((event) => `data: ${JSON.stringify(event)}\n\n`).join("");
    return { status: 200, body: text, headers: { "content-type": "text/event-stream" } };
  }
  return { status: 200, body: successBody(wireCase), headers: { "content-type": "application/json" } };
}

// ---------------------------------------------------------------------------------------------------------------
// The client, the call and the recorded request

function newClient(options: Partial<ManagementClientOptionsWithToken> = {}): ManagementClient {
  return new ManagementClient({ domain: DOMAIN, token: TOKEN, maxRetries: 0, ...options });
}

function invoke(client: ManagementClient, method: string, args: readonly unknown[]): unknown {
  let owner: unknown = undefined;
  let target: unknown = client;
  for (const part of method.split(".")) {
    if ((typeof target !== "object" && typeof target !== "function") || target === null) break;
    owner = target;
    target = (target as Record<string, unknown>)[part];
  }
  if (typeof target !== "function") throw new Error(`${method} is not a method of the client`);
  return (target as (...values: unknown[]) => unknown).apply(owner, [...args]);
}

/** The result of a call, with a stream read to its end (so the connection is released). */
async function settle(wireCase: WireCase, pending: unknown): Promise<unknown> {
  const result = await pending;
  if (wireCase.response !== "sse") return result;
  const events: unknown[] = [];
  for await (const event of result as AsyncIterable<unknown>) events.push(event);
  return events;
}

async function failure(pending: () => unknown): Promise<unknown> {
  try {
    await pending();
  } catch (error) {
    return error;
  }
  return undefined;
}

function only(recorded: readonly Recorded[]): Recorded {
  expect(recorded, "exactly one request").toHaveLength(1);
  return recorded[0]!;
}

// ---------------------------------------------------------------------------------------------------------------
// The checks

/** Parts of a multipart body: name, filename, content type and text. */
function multipartParts(contentType: string, body: string): { name?: string; filename?: string; type?: string; text: string }[] {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (boundary === undefined) return [];
  return body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [head = "", ...rest] = part.replace(/^\r\n/, "").split("\r\n\r\n");
      return {
        name: /name="([^"]*)"/.exec(head)?.[1],
        filename: /filename="([^"]*)"/.exec(head)?.[1],
        type: /content-type: *([^\r\n]+)/i.exec(head)?.[1],
        text: rest.join("\r\n\r\n").replace(/\r\n$/, ""),
      };
    });
}

function expectHeadersAndBody(wireCase: WireCase, request: Recorded, sent: Record<string, unknown> | undefined): void {
  const headers = request.headers;
  expect(headers.accept, "accept").toBe(wireCase.response === "sse" ? "text/event-stream" : "*/*");
  expect(headers.authorization, "authorization").toBe(`Bearer ${TOKEN}`);
  expect(headers["auth0-client"], "auth0-client").toMatch(/^[A-Za-z0-9_-]+$/);
  if (wireCase.body === "json") {
    expect(headers["content-type"], "content-type").toBe("application/json");
    expect(request.body, "body").toBe(JSON.stringify(sent ?? {}));
  } else if (wireCase.body === "multipart") {
    const contentType = String(headers["content-type"]);
    expect(contentType, "content-type").toMatch(/^multipart\/form-data; boundary=\S+$/);
    // The table lists the parts, not file names: an unnamed Blob goes as FormData names it, "blob", with its own
    // type, as in v5 (test/management/multipart.test.ts covers the other kinds of file).
    const expected = (wireCase.parts ?? []).map(([wire, kind]) =>
      kind === "file"
        ? { name: wire, filename: "blob", type: "application/json", text: USERS_FILE }
        : { name: wire, filename: undefined, type: undefined, text: MULTIPART_FIELDS[wire]![1] },
    );
    expect(multipartParts(contentType, request.body), "multipart parts").toEqual(expected);
  } else {
    expect(headers["content-type"], "content-type").toBeUndefined();
    expect(request.body, "body").toBe("");
  }
}

async function expectResult(wireCase: WireCase, pending: unknown): Promise<void> {
  if (wireCase.pagination === undefined) {
    expect(typeof (pending as { withRawResponse?: unknown }).withRawResponse, "an HttpResponsePromise").toBe("function");
  }
  const result = await settle(wireCase, pending);
  if (wireCase.pagination !== undefined) {
    expect(result).toBeInstanceOf(Page);
    const page = result as Page<unknown>;
    expect(page.data).toEqual(PAGE_ITEMS);
    expect(page.response).toEqual(successBody(wireCase));
    expect(page.hasNextPage()).toBe(false);
  } else if (wireCase.response === "void") {
    expect(result).toBeUndefined();
  } else if (wireCase.response === "sse") {
    expect(result).toEqual(EVENTS);
  } else {
    expect(result).toEqual(successBody(wireCase));
  }
}

function describeRequest(wireCase: WireCase): string {
  const query = (wireCase.query ?? []).map(([wire]) => wire);
  const target = `${wireCase.http} ${wireCase.path}${query.length ? `?${query.join("&")}` : ""}`;
  const body = wireCase.body === "json" ? " with a JSON body" : wireCase.body === "multipart" ? " with a multipart body" : "";
  const result = wireCase.pagination
    ? `a Page of ${wireCase.pagination[1]}`
    : wireCase.response === "void"
      ? "undefined"
      : wireCase.response === "sse"
        ? "the parsed events"
        : "the JSON body";
  const customDomain = wireCase.customDomain ? "with Auth0-Custom-Domain (whitelisted)" : "without Auth0-Custom-Domain (not whitelisted)";
  return `sends ${target}${body} exactly, ${customDomain}, and resolves to ${result}`;
}

function runCase(wireCase: WireCase): void {
  it(describeRequest(wireCase), async () => {
    const recorded = serve(ORIGIN, successReply(wireCase));
    const request = fullRequest(wireCase);
    // The client sets withCustomDomainHeader: the header goes exactly to the whitelisted methods.
    const pending = invoke(newClient({ withCustomDomainHeader: CUSTOM_DOMAIN }), wireCase.method, callArgs(wireCase, request));
    await expectResult(wireCase, pending);
    const sent = only(recorded);
    expect(`${sent.method} ${sent.path}`).toBe(`${wireCase.http} ${withQuery(expectedPath(wireCase), fullQuery(wireCase))}`);
    expectHeadersAndBody(wireCase, sent, request);
    expect(sent.headers["auth0-custom-domain"], "auth0-custom-domain").toBe(wireCase.customDomain ? CUSTOM_DOMAIN : undefined);
  });

  const defaults = defaultsOf(wireCase);
  if (defaults.length) {
    const given = wireCase.required?.length ? `gives only ${wireCase.required.join(", ")}` : "is left out";
    it(`fills in ${defaults.join(", ")} when the request ${given}`, async () => {
      const recorded = serve(ORIGIN, successReply(wireCase));
      await settle(wireCase, invoke(newClient(), wireCase.method, callArgs(wireCase, minimalRequest(wireCase))));
      const sent = only(recorded);
      expect(`${sent.method} ${sent.path}`).toBe(`${wireCase.http} ${withQuery(expectedPath(wireCase), minimalQuery(wireCase))}`);
    });
  }

  if (wireCase.pagination) runNextPage(wireCase, wireCase.pagination);

  if (wireCase.body === "json") runLeftOutBody(wireCase);

  for (const wire of wireCase.required ?? []) {
    it(`refuses a request without ${wire} (required) with InvalidInputError, before any request`, async () => {
      const recorded = serve(ORIGIN, successReply(wireCase));
      const complete = minimalRequest(wireCase) ?? {};
      const path = PATH_VALUES.slice(0, pathParamCount(wireCase));
      for (const request of [{ ...complete, [wire]: undefined }, { ...complete, [wire]: null }]) {
        const error = await failure(() => settle(wireCase, invoke(newClient(), wireCase.method, [...path, request])));
        expect(error).toBeInstanceOf(InvalidInputError);
        expect((error as InvalidInputError).field).toBe(`request.${wire}`);
      }
      if (wireCase.request === "required") {
        // Left out entirely (v5: a TypeError reading the request).
        expect(await failure(() => settle(wireCase, invoke(newClient(), wireCase.method, path)))).toBeInstanceOf(InvalidInputError);
      }
      expect(recorded).toHaveLength(0);
    });
  }

  it(`maps ${wireCase.errors.join(", ")} to typed errors and ${UNLISTED_STATUS} to a plain ManagementError`, async () => {
    for (const status of [...wireCase.errors, UNLISTED_STATUS]) {
      const body = { statusCode: status, error: "Wire", message: `status ${status}` };
      // A call that set out to send the request again (the retry link announces each wait before it starts) is
      // aborted and reported at once — an event, not a guess at how long settling may take on a loaded machine.
      const controller = new AbortController();
      const client = newClient();
      let resent = false;
      client.lifecycle.hook("request:retry", () => {
        resent = true;
        controller.abort();
      });
      const recorded = serve(ORIGIN, { status, body, headers: { "content-type": "application/json" } });
      const args = callArgs(wireCase, minimalRequest(wireCase), { abortSignal: controller.signal });
      const error = await failure(() => settle(wireCase, invoke(client, wireCase.method, args)));
      expect.soft(resent, `${status}: settles at once (not waiting to send it again)`).toBe(false);
      if (resent) continue; // what follows would only describe the abort
      const expected = status === UNLISTED_STATUS ? (["ManagementError", ManagementError] as const) : ERROR_CLASSES[status];
      if (expected === undefined) throw new Error(`${wireCase.method}: no error class for ${status}`);
      expect.soft(recorded, `${status}: one request, no retry`).toHaveLength(1);
      expect.soft(error, `${status}: an error`).toBeInstanceOf(ManagementError);
      expect.soft((error as object | undefined)?.constructor?.name, `${status}: the class`).toBe(expected[0]);
      expect.soft((error as object | undefined)?.constructor, `${status}: the class`).toBe(expected[1]);
      expect.soft((error as ManagementError | undefined)?.statusCode, `${status}: statusCode`).toBe(status);
      expect.soft((error as ManagementError | undefined)?.body, `${status}: body`).toEqual(body);
    }
  });

  it("adds Auth0-Custom-Domain when CustomDomainHeader() is passed as its request options", async () => {
    const recorded = serve(ORIGIN, successReply(wireCase));
    const options = CustomDomainHeader("x.example.com");
    await settle(wireCase, invoke(newClient(), wireCase.method, callArgs(wireCase, minimalRequest(wireCase), options)));
    expect(only(recorded).headers["auth0-custom-domain"]).toBe("x.example.com");
  });
}

/**
 * A JSON-body method called with its request left out sends what v5 sends: `{}` as JSON when v5 defaults the request
 * to `{}`, otherwise no body and no content type at all; an explicit `null` (which a nullable request allows) is
 * serialised like any other value.
 */
function runLeftOutBody(wireCase: WireCase): void {
  const sendsEmptyObject = wireCase.request === "optional";
  it(`called without a request, sends ${sendsEmptyObject ? "{} as JSON" : "no body and no content type"}`, async () => {
    const recorded = serve(ORIGIN, successReply(wireCase));
    await settle(wireCase, invoke(newClient(), wireCase.method, PATH_VALUES.slice(0, pathParamCount(wireCase))));
    const sent = only(recorded);
    expect(`${sent.method} ${sent.path}`).toBe(`${wireCase.http} ${expectedPath(wireCase)}`);
    expect(sent.headers["content-type"], "content-type").toBe(sendsEmptyObject ? "application/json" : undefined);
    expect(sent.body, "body").toBe(sendsEmptyObject ? "{}" : "");
  });
  if (wireCase.request === "nullable") {
    it("called with a null request, sends null as JSON", async () => {
      const recorded = serve(ORIGIN, successReply(wireCase));
      await settle(wireCase, invoke(newClient(), wireCase.method, [...PATH_VALUES.slice(0, pathParamCount(wireCase)), null]));
      const sent = only(recorded);
      expect(sent.headers["content-type"], "content-type").toBe("application/json");
      expect(sent.body, "body").toBe("null");
    });
  }
}

/**
 * The page after the first, as the table says v5 asks for it: offset lists send `page + 1` (the first page full, so
 * there is a next one), checkpoint lists send `from` = the response's `next`; every other parameter stays.
 */
function runNextPage(wireCase: WireCase, [kind, itemsField]: readonly ["offset" | "checkpoint", string]): void {
  const query = wireCase.query ?? [];
  const param = (wire: string): QueryCase | undefined => query.find(([name]) => name === wire);
  let first: Record<string, unknown>;
  let nextQuery: string[];
  let asked: string;
  if (kind === "offset") {
    const page = param("page")?.[1];
    const perPage = param("per_page")?.[1];
    if (typeof page !== "number" || typeof perPage !== "number") throw new Error(`${wireCase.method}: an offset list needs page and per_page samples`);
    first = { [itemsField]: Array.from({ length: perPage }, (_, index) => ({ id: index + 1 })) };
    nextQuery = query.flatMap(([wire, sample]) => pairs(wire, wire === "page" ? page + 1 : sample));
    asked = `page=${page + 1}`;
  } else {
    if (param("from") === undefined) throw new Error(`${wireCase.method}: a checkpoint list needs a from sample`);
    const cursor = "next/cursor 1";
    first = { [itemsField]: PAGE_ITEMS, next: cursor };
    nextQuery = query.flatMap(([wire, sample]) => pairs(wire, wire === "from" ? cursor : sample));
    asked = "from=<response.next>";
  }
  it(`getNextPage() asks for ${asked} with the other parameters unchanged`, async () => {
    const recorded = serve(ORIGIN, [{ status: 200, body: first, headers: { "content-type": "application/json" } }, successReply(wireCase)]);
    const page = (await invoke(newClient(), wireCase.method, callArgs(wireCase, fullRequest(wireCase)))) as Page<unknown>;
    expect(page.hasNextPage(), "hasNextPage() after a full first page").toBe(true);
    await page.getNextPage();
    expect(recorded, "two requests").toHaveLength(2);
    expect(recorded[1]!.path).toBe(withQuery(expectedPath(wireCase), nextQuery));
    expect(page.data).toEqual(PAGE_ITEMS);
    expect(page.hasNextPage()).toBe(false);
  });
}

/** One `describe` per resource, one per method inside it, and an `it` per aspect. */
export function runWireCases(resource: string, cases: readonly WireCase[]): void {
  describe(`client.${resource} on the wire`, () => {
    afterEach(() => {
      nock.cleanAll();
    });
    for (const wireCase of cases) describe(wireCase.method, () => runCase(wireCase));
  });
}
