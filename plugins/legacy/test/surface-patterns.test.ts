import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "auth0";
import {
  BaseManager,
  ConnectionCreateStrategyEnum,
  GetUsersSearchEngineEnum,
  ManagementApiError,
  ManagementClient,
  ManagementClientBase,
  RolesManager,
  UsersManager,
  type Configuration,
  type GetUsers200ResponseOneOfInner,
} from "../index.js";
import { DOMAIN, ORIGIN, serve } from "./helpers.js";

afterEach(() => nock.cleanAll());

/** A v4 module that labels connections by strategy, switching on the enum object (as v4 code does). */
function kindOf(strategy: ConnectionCreateStrategyEnum | string | undefined): "database" | "social" | "enterprise" | "passwordless" | "other" {
  switch (strategy) {
    case ConnectionCreateStrategyEnum.auth0:
      return "database";
    case ConnectionCreateStrategyEnum.google_oauth2:
    case ConnectionCreateStrategyEnum.github:
    case ConnectionCreateStrategyEnum.facebook:
      return "social";
    case ConnectionCreateStrategyEnum.samlp:
    case ConnectionCreateStrategyEnum.waad:
    case ConnectionCreateStrategyEnum.okta:
      return "enterprise";
    case ConnectionCreateStrategyEnum.email:
    case ConnectionCreateStrategyEnum.sms:
      return "passwordless";
    default:
      return "other";
  }
}

describe("v4 code that uses the enum objects", () => {
  it("switches on ConnectionCreateStrategyEnum over the connections the API lists, and creates one with an enum value", async () => {
    const recorded = serve(
      [200, [{ name: "Username-Password-Authentication", strategy: "auth0" }, { name: "google", strategy: "google-oauth2" }, { name: "corp", strategy: "samlp" }, { name: "x", strategy: "auth0-oidc" }]],
      [201, { id: "con_1", name: "gh", strategy: "github" }],
    );
    const management = new ManagementClient({ domain: DOMAIN, token: "t" });
    const { data } = await management.connections.getAll({ strategy: [ConnectionCreateStrategyEnum.auth0, ConnectionCreateStrategyEnum.google_oauth2] });
    expect(data.map((connection) => kindOf(connection.strategy))).toEqual(["database", "social", "enterprise", "other"]);
    const created = await management.connections.create({ name: "gh", strategy: ConnectionCreateStrategyEnum.github });
    expect(kindOf(created.data.strategy)).toBe("social");

    expect(recorded.map(({ method, path }) => `${method} ${path}`)).toEqual(["GET /api/v2/connections?strategy=auth0&strategy=google-oauth2", "POST /api/v2/connections"]);
    expect(JSON.parse(recorded[1]!.body)).toEqual({ name: "gh", strategy: "github" });
    // The keys are v4's: the value with `-` as `_`, and the object holds exactly v4's 61 strategies.
    expect(ConnectionCreateStrategyEnum.google_oauth2).toBe("google-oauth2");
    expect(Object.keys(ConnectionCreateStrategyEnum)).toHaveLength(61);
    expect(GetUsersSearchEngineEnum).toEqual({ v1: "v1", v2: "v2", v3: "v3" });
  });
});

describe("v4's manager classes, constructed on their own", () => {
  /** v4's configuration of a manager, as code that builds one by hand writes it. */
  const configuration = (overrides: Partial<Configuration> = {}): Configuration => ({
    baseUrl: `${ORIGIN}/api/v2`,
    parseError: async (response) => new Error(`HTTP ${response.status}: ${await response.text()}`),
    headers: { Authorization: "Bearer hand-made" },
    ...overrides,
  });

  it("new UsersManager(configuration).getAll sends v4's request to the configured base URL, with the configured headers only", async () => {
    const recorded = serve([200, [{ user_id: "auth0|1", email: "a@example.com" }]]);
    const users = new UsersManager(configuration());
    const { data, status, headers } = await users.getAll({ q: 'email:"a@example.com"', search_engine: "v3", per_page: 5 });
    const first: GetUsers200ResponseOneOfInner | undefined = data[0];
    expect(first?.email).toBe("a@example.com");
    expect(status).toBe(200);
    expect(headers).toBeInstanceOf(Headers);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.method).toBe("GET");
    expect(recorded[0]!.path).toBe("/api/v2/users?per_page=5&q=email%3A%22a%40example.com%22&search_engine=v3");
    expect(recorded[0]!.headers.authorization).toBe("Bearer hand-made");
    expect(JSON.parse(Buffer.from(String(recorded[0]!.headers["auth0-client"]), "base64url").toString())).toMatchObject({ name: "node-auth0", version: "4.37.1" });
  });

  it("throws what the configuration's parseError makes of an error response, given the response", async () => {
    serve([404, { statusCode: 404, error: "Not Found", message: "The user does not exist." }]);
    const error = await new UsersManager(configuration()).get({ id: "auth0|missing" }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('HTTP 404: {"statusCode":404,"error":"Not Found","message":"The user does not exist."}');
  });

  it("with the client's credentials in the configuration, authenticates as the client does; without parseError, throws v4's ManagementApiError", async () => {
    const recorded = serve([404, { statusCode: 404, error: "Not Found", message: "No role." }]);
    const roles = new RolesManager({ baseUrl: `${ORIGIN}/api/v2`, token: "the-token" } as Configuration & { token: string });
    await expect(roles.get({ id: "rol_1" })).rejects.toBeInstanceOf(ManagementApiError);
    expect(recorded[0]!.headers.authorization).toBe("Bearer the-token");
  });

  it("sends below a base URL that is not the tenant's /api/v2", async () => {
    nock.cleanAll();
    const scope = nock("https://proxy.example.com").get("/auth0/management/users/u1").reply(200, { user_id: "u1" });
    const { data } = await new UsersManager(configuration({ baseUrl: "https://proxy.example.com/auth0/management" })).get({ id: "u1" });
    scope.done();
    expect(data).toEqual({ user_id: "u1" });
  });

  it("refuses a configuration without a base URL or domain, or with a base URL that is not one, with a typed error", () => {
    expect(() => new UsersManager({} as Configuration)).toThrow(InvalidInputError);
    expect(() => new UsersManager(configuration({ baseUrl: "not a url" }))).toThrow(InvalidInputError);
    expect(() => new UsersManager(configuration({ baseUrl: "ftp://tenant.example.com/api/v2" }))).toThrow(InvalidInputError);
  });

  it("are the managers of a ManagementClient (a ManagementClientBase), with their methods on the class", async () => {
    const management = new ManagementClient({ domain: DOMAIN, token: "t" });
    expect(management).toBeInstanceOf(ManagementClientBase);
    expect(management.users).toBeInstanceOf(UsersManager);
    expect(management.users).toBeInstanceOf(BaseManager);
    expect(Object.getOwnPropertyNames(UsersManager.prototype)).toEqual(expect.arrayContaining(["getAll", "get", "update", "link"]));
    expect(Object.keys(management.users)).toEqual([]);

    const recorded = serve([200, { user_id: "u1" }]);
    const base = new ManagementClientBase(configuration());
    await base.users.get({ id: "u1" });
    expect(recorded[0]!.path).toBe("/api/v2/users/u1");
    expect(recorded[0]!.headers.authorization).toBe("Bearer hand-made");
    expect(base.pipeline.names).toContain("legacyTransport");
  });
});
