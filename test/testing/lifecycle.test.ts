import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startMockTenant } from "../../src/testing/index.js";
import { jsonBody, managementFetcher, readJson, tenantForTest } from "./support.js";
import { eventually } from "../helpers/eventually.js";

/** The resources keeping this process alive (unref'd handles are not listed), by kind. */
function countResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

/** The active resources once two looks a few event-loop turns apart agree (handles closing now have gone). */
async function settledResources(): Promise<Record<string, number>> {
  let previous = JSON.stringify(countResources());
  for (let look = 0; look < 100; look++) {
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    const now = JSON.stringify(countResources());
    if (now === previous) return JSON.parse(now) as Record<string, number>;
    previous = now;
  }
  return JSON.parse(previous) as Record<string, number>;
}

/**
 * Runs a fixture in a child process and resolves when it exits. The bound is generous (a loaded machine starts tsx
 * slowly): reaching it means the process would not exit by itself, and fails the test.
 */
async function runToExit(fixture: string, boundMs = 30_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL(`./fixtures/${fixture}`, import.meta.url))], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${fixture} did not exit by itself within ${boundMs} ms:\n${output}`));
    }, boundMs);
    child.once("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, output };
}

describe("lifecycle", () => {
  it("listens on 127.0.0.1 with addresses derived from its port", async () => {
    const tenant = await tenantForTest();
    expect(tenant.domain).toBe(`http://127.0.0.1:${tenant.port}`);
    expect(tenant.url).toBe(tenant.domain);
    expect(tenant.issuer).toBe(`http://127.0.0.1:${tenant.port}/`);
    expect(tenant.managementApiUrl).toBe(`http://127.0.0.1:${tenant.port}/api/v2`);
    expect(tenant.managementAudience).toBe(`http://127.0.0.1:${tenant.port}/api/v2/`);
  });

  it('"The mock tenant listens on 127.0.0.1 only": another loopback address can take its port, so it is bound to no other address', async () => {
    const tenant = await tenantForTest();
    // Bound to 0.0.0.0 (every interface), the tenant would hold the port on 127.0.0.2 as well.
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once("error", reject);
      probe.listen(tenant.port, "127.0.0.2", () => resolve());
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  it("leaves no server, socket or timer behind after close()", async () => {
    // An earlier test's closed server leaves the list of active handles a turn or so after its close callback ran.
    const before = await settledResources();
    // keepProcessAlive: the tenant's handles are ref'd, so they show in the resources keeping the process alive.
    const tenant = await startMockTenant({ keepProcessAlive: true, jobs: { pendingMs: 10_000, processingMs: 10_000 } });
    const call = managementFetcher(tenant, await tenant.managementToken());
    await call("/users");
    await call("/jobs/verification-email", jsonBody("POST", { user_id: "auth0|none" }));
    tenant.faults.inject({ fault: { kind: "slow-body", chunkDelayMs: 10_000 } });
    const trickling = await call("/users"); // headers in, the body still trickling
    const body = trickling.text().catch(() => "aborted");
    expect(countResources()["TCPServerWrap"]).toBe((before["TCPServerWrap"] ?? 0) + 1);

    await tenant.close();
    expect(await body).toBe("aborted");
    // The client's ends of the sockets close as the resets reach them: polled until they have, not slept on.
    await eventually(() => {
      const after = countResources();
      for (const kind of ["TCPServerWrap", "TCPSocketWrap", "Timeout"]) expect(after[kind] ?? 0, kind).toBeLessThanOrEqual(before[kind] ?? 0);
    });
    await expect(fetch(`${tenant.domain}/.well-known/jwks.json`)).rejects.toThrow();
  });

  it("keeps the process alive by itself only when asked to (keepProcessAlive)", async () => {
    const before = countResources()["TCPServerWrap"] ?? 0;
    const quiet = await tenantForTest();
    expect((await fetch(`${quiet.domain}/.well-known/jwks.json`)).status).toBe(200);
    expect(countResources()["TCPServerWrap"] ?? 0).toBe(before);
    const serving = await tenantForTest({ keepProcessAlive: true });
    expect(countResources()["TCPServerWrap"] ?? 0).toBe(before + 1);
    await serving.close();
    // The handle is released by libuv just after close() resolves.
    await eventually(() => expect(countResources()["TCPServerWrap"] ?? 0).toBe(before));
  });

  it("closes through Symbol.asyncDispose, the hook of `await using`", async () => {
    const tenant = await startMockTenant();
    expect(tenant[Symbol.asyncDispose]).toBeTypeOf("function");
    await tenant[Symbol.asyncDispose]();
    await expect(fetch(`${tenant.domain}/.well-known/jwks.json`)).rejects.toThrow();
    await tenant.close(); // a second close is harmless
  });

  it("lets a process exit by itself once the tenant is closed", async () => {
    const { code, output } = await runToExit("exit-after-close.ts");
    expect(output).toContain("closed");
    expect(code).toBe(0);
  }, 40_000);

  it("lets a script that forgets close() exit by itself once its calls are done", async () => {
    const { code, output } = await runToExit("forget-close.ts");
    expect(output).toContain("done 1 forgetful@example.com");
    expect(code).toBe(0);
  }, 40_000);

  it("closes at the end of an `await using` scope, so even a keepProcessAlive tenant lets the script exit", async () => {
    const { code, output } = await runToExit("dispose-scope.ts");
    expect(output).toContain("in scope 200");
    expect(output).toContain("after scope closed");
    expect(code).toBe(0);
  }, 40_000);

  it("reset() returns to the seed: writes undone, seeded ids unchanged", async () => {
    const tenant = await tenantForTest();
    const { users } = tenant.seed({ users: [{ email: "seeded@example.com", password: "pw" }] });
    const seededId = String(users[0]?.["user_id"]);
    const call = managementFetcher(tenant, await tenant.managementToken());
    await call(
      "/users",
      jsonBody("POST", {
        connection: "Username-Password-Authentication",
        email: "written@example.com",
        password: "pw",
      }),
    );
    await call(`/users/${encodeURIComponent(seededId)}`, { method: "DELETE" });
    tenant.faults.inject({ times: 3, fault: { kind: "status", status: 500 } });

    tenant.reset();
    expect(tenant.findUser("written@example.com")).toBeUndefined();
    expect(tenant.findUser(seededId)).toMatchObject({ email: "seeded@example.com" });
    expect(tenant.requests).toEqual([]);
    expect(tenant.faults.pending()).toEqual([]);
    expect((await call("/logs")).status).toBe(200);

    tenant.reset({ clearSeed: true });
    expect(tenant.findUser(seededId)).toBeUndefined();
    expect((await call("/users")).status).toBe(200);
  });

  it("keeps tenants apart: a token from one is refused by another", async () => {
    const first = await tenantForTest();
    const second = await tenantForTest();
    expect(first.clientId).not.toBe(second.clientId);
    const response = await managementFetcher(second, await first.managementToken())("/users");
    expect(response.status).toBe(401);
  });

  it("uses fixed credentials when given", async () => {
    const tenant = await tenantForTest({ clientId: "my-client", clientSecret: "my-secret" });
    expect(tenant.clientId).toBe("my-client");
    const body = await readJson(
      await fetch(`${tenant.domain}/oauth/token`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from("my-client:my-secret").toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ grant_type: "client_credentials", audience: tenant.managementAudience }),
      }),
    );
    expect(body["access_token"]).toEqual(expect.any(String));
  });
});
