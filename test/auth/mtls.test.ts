import { describe, expect, it } from "vitest";
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
    let installed = true;
    try {
      await import("undici" as string);
    } catch {
      installed = false;
    }
    if (installed) return;
    await expect(createMtlsAgent({ cert: "CERT", key: "KEY" })).rejects.toThrow(/npm install undici/);
  });

  it("needs a certificate and a key", async () => {
    await expect(createMtlsAgent({ cert: "", key: "KEY" })).rejects.toThrow(/cert/);
  });
});
