import { describe, expect, it, vi } from "vitest";
import { createMtlsAgent, type UndiciAgentModule } from "../../src/auth/mtls-node.js";

describe("createMtlsAgent (Node, optional)", () => {
  it("builds an undici Agent that presents the client certificate", async () => {
    const made: unknown[] = [];
    const undici: UndiciAgentModule = {
      Agent: class {
        constructor(options: unknown) {
          made.push(options);
        }
      },
    };
    const agent = await createMtlsAgent({ cert: "CERT", key: "KEY", ca: "CA" }, undici);
    expect(agent).toBeInstanceOf(undici.Agent);
    expect(made).toEqual([{ connect: { cert: "CERT", key: "KEY", ca: "CA" } }]);
  });

  it("says how to get undici when it is not installed", async () => {
    // undici is a dev dependency here (auth0/plugins/undici's tests), so its absence is simulated.
    vi.resetModules();
    vi.doMock("undici", () => {
      throw new Error("Cannot find package 'undici'");
    });
    try {
      const { createMtlsAgent: fresh } = await import("../../src/auth/mtls-node.js");
      await expect(fresh({ cert: "CERT", key: "KEY" })).rejects.toThrow(/npm install undici/);
    } finally {
      vi.doUnmock("undici");
      vi.resetModules();
    }
  });

  it("needs a certificate and a key", async () => {
    await expect(createMtlsAgent({ cert: "", key: "KEY" })).rejects.toThrow(/cert/);
  });
});
