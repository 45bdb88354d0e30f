import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ManagementAbortError, ManagementTimeoutError } from "auth0";
import { startMockTenant } from "auth0/testing";
import { countUnhandledRejections, managementFor, NEW_USER, settleAll } from "./support.js";
import { eventually } from "../helpers/eventually.js";

/**
 * No timer or socket is left behind: a process that used the SDK through timeouts, aborts, waiting retries, the
 * throttle's queue and event streams exits by itself once it closes its servers; and in this process, the timers
 * and sockets after a run of faults are no more than before it.
 */

countUnhandledRejections();

const count = (kinds: string[]): Record<string, number> => kinds.reduce<Record<string, number>>((counts, kind) => ({ ...counts, [kind]: (counts[kind] ?? 0) + 1 }), {});

describe("nothing left behind", () => {
  it("a process that drove every fault path exits on its own right after it returns", async () => {
    const fixture = fileURLToPath(new URL("./fixtures/exits-by-itself.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", fixture], { cwd: fileURLToPath(new URL("../..", import.meta.url)), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`the fixture did not exit by itself within 30 s\nstdout: ${stdout}\nstderr: ${stderr}`));
      }, 30_000);
      child.once("exit", (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/returned \d+/);
    const { outcomes, resources } = JSON.parse(stdout.split("\n")[0]!) as { outcomes: Record<string, string>; resources: string[] };
    // Nothing (a 30 s retry wait, a throttle timer, a socket) kept it alive when it returned: it exits at once. (That
    // state is the check, not the time the exit took, which a loaded machine stretches.)
    expect(resources).toEqual([]);
    expect(outcomes).toEqual({
      timeout: "ManagementTimeoutError: Timeout exceeded when calling GET /users/{id}.",
      abort: "ManagementAbortError: The user aborted a request",
      retry: "ok",
      abortDuringRetry: "ManagementAbortError: The user aborted a request",
      throttleAbort: "ManagementAbortError: The user aborted a request",
      throttle: "ok",
      sseBreak: "ok",
      sseAbort: "ok",
      sseUnread: "ok",
      authTimeout: "TimeoutError: The request was timed out.",
      userinfo: "ok",
      userinfoTimeout: "TimeoutError: The request was timed out.",
      inFlightAtClose: "ManagementError: terminated: other side closed",
    });
  }, 40_000);

  it("in this process: no more timers or sockets after a run of timeouts, aborts and retries than before it", async () => {
    const before = count(process.getActiveResourcesInfo());
    // keepProcessAlive: the tenant's server and sockets count among the resources, so closing it must remove them.
    const t = await startMockTenant({ keepProcessAlive: true });
    const { client } = managementFor(t);
    const user = await client.users.create({ ...NEW_USER, email: "ann@example.com" });

    t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, times: 10, fault: { kind: "latency", ms: 300 } });
    const timeouts = Array.from({ length: 10 }, () => client.users.get(user.user_id!, {}, { timeoutInSeconds: 0.05 }));
    const controller = new AbortController();
    const aborts = Array.from({ length: 10 }, () => client.users.list({}, { abortSignal: controller.signal }));
    controller.abort();
    t.faults.inject({ match: { method: "GET", path: "/api/v2/roles" }, times: 20, fault: { kind: "status", status: 503 } });
    const retries = Array.from({ length: 10 }, () => client.roles.list());
    const { rejected } = await settleAll<unknown>([...timeouts, ...aborts, ...retries]);
    expect(rejected.filter((error) => error instanceof ManagementTimeoutError)).toHaveLength(10);
    expect(rejected.filter((error) => error instanceof ManagementAbortError)).toHaveLength(10);

    // Every call has settled: the client holds no timer (the tenant's own are unref'd and do not count).
    expect(count(process.getActiveResourcesInfo()).Timeout ?? 0, "timers once every call settled").toBeLessThanOrEqual(before.Timeout ?? 0);
    await t.close();
    // Sockets close on the client's side as the server's resets reach it: polled until they have, bounded.
    await eventually(() => {
      const after = count(process.getActiveResourcesInfo());
      for (const kind of ["Timeout", "TCPSocketWrap", "TCPServerWrap"]) expect(after[kind] ?? 0, kind).toBeLessThanOrEqual(before[kind] ?? 0);
    });
  });
});
