import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { FleetMessage, FleetProcessConfig } from "./fixtures/fleet-process.js";

const root = join(import.meta.dirname, "../../..");
const fixture = join(import.meta.dirname, "fixtures/fleet-process.ts");

/** A fleet process under the test's control. */
export interface FleetProcess {
  /** Resolves on the process's first message of that kind (rejects if it exits first). */
  next(event: FleetMessage["event"]): Promise<FleetMessage>;
  go(): void;
  kill(): Promise<void>;
}

export function spawnFleetProcess(config: FleetProcessConfig): FleetProcess {
  const child = spawn(process.execPath, ["--import", "tsx", fixture, JSON.stringify(config)], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  const messages: FleetMessage[] = [];
  const waiters: Array<() => void> = [];
  let stderr = "";
  let exited = false;
  createInterface({ input: child.stdout }).on("line", (line) => {
    messages.push(JSON.parse(line) as FleetMessage);
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      for (const wake of waiters.splice(0)) wake();
      resolve();
    }),
  );
  return {
    next: (event) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = messages.find((message) => message.event === event);
          if (found) resolve(found);
          else if (exited) reject(new Error(`fleet process exited before "${event}":\n${stderr}`));
          else waiters.push(check);
        };
        check();
      }),
    go: () => void child.stdin.write("go\n"),
    async kill() {
      if (!exited) child.kill("SIGKILL");
      await exit;
    },
  };
}
