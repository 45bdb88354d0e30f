import axios from "axios";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockTenant, type MockTenant } from "auth0/testing";
import { managementOver } from "./support.js";

let tenant: MockTenant;
beforeAll(async () => void (tenant = await startMockTenant()));
afterAll(() => tenant.close());
beforeEach(() => tenant.reset());

// Node's default is axios's http adapter (the other tests); the fetch adapter is what axios uses on runtimes
// without node:http, and it hands over bodies, streams and errors differently.
describe("over axios's fetch adapter", () => {
  const overFetch = () => managementOver(axios.create({ adapter: "fetch" }), { domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });

  it("gets a token, calls the API and uploads multipart the tenant accepts", async () => {
    const management = overFetch();
    const connection = (await management.connections.list({ name: "Username-Password-Authentication" })).data[0]!;
    const job = await management.jobs.usersImports.create({ users: new Blob(['[{"email":"f@example.com"}]']), connection_id: connection.id! });
    expect(job).toMatchObject({ type: "users_import", connection_id: connection.id });
    const upload = tenant.requests.find((request) => request.path === "/api/v2/jobs/users-imports")!;
    expect(upload.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
  });

  it("streams the passthrough fetch's body", async () => {
    const response = await overFetch().fetch("/roles");
    expect(JSON.parse(await response.text())).toEqual(expect.any(Array));
  });

  it("retries a GET after a reset (the system code under axios's ERR_NETWORK) and after a body cut short", async () => {
    const management = overFetch();
    await management.roles.list();
    tenant.faults.inject({ match: { method: "GET", path: "/api/v2/roles" }, fault: { kind: "reset", when: "before-body" } });
    tenant.faults.inject({ match: { method: "GET", path: "/api/v2/roles" }, fault: { kind: "truncate" } });
    tenant.clearRequests();
    await management.roles.list();
    expect(tenant.requests.map((request) => request.fault)).toEqual(["reset", "truncate", undefined]);
  });
});
