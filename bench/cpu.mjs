// Client CPU per request, all in one run: a bare fetch and a bare `undici.request` loop (the floors), the SDK's
// default chain (ky over fetch), the same chain over `auth0/plugins/undici`, auth0@5.14.1's `users.get` (when given
// its folder, bench/v5.mjs), and rows that show where the time goes. CPU time (process.cpuUsage), not wall time.
// Each client runs in a process of its own (bench/cpu-worker.mjs), so no client's heap, garbage or JIT state is billed
// to another, and the parent tells them in turn to run: interleaved rounds for the µs figures, and for each ratio its
// two sides back to back (A B, then B A), many times — on a shared machine the load swings within seconds, and a pair
// sees the same load.
import { fork } from "node:child_process";

const VARIANTS = ["bare", "bareUndici", "sdk", "sdkUndici", "plain", "kyAlone", "chainOnly", "v5"];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function once(child, predicate) {
  return new Promise((resolve) => {
    const listener = (message) => {
      if (!predicate(message)) return;
      child.off("message", listener);
      resolve(message);
    };
    child.on("message", listener);
  });
}

/** `v5Dir`: where bench/v5.mjs installed auth0@5.14.1, to measure its client too; omitted, it is left out. */
export async function measureCpu({ requests = 2000, rounds = 5, pairs = 11, pairRequests = 2000, v5Dir } = {}) {
  const server = fork(new URL("./server.mjs", import.meta.url), { stdio: "inherit" });
  const { port } = await once(server, (message) => message.port !== undefined);
  const workers = {};
  for (const name of VARIANTS) {
    const child = fork(new URL("./cpu-worker.mjs", import.meta.url), [name, String(port), v5Dir ?? ""], { stdio: "inherit" });
    const { ready } = await once(child, (message) => message.ready !== undefined);
    if (ready) workers[name] = child;
    else child.kill();
  }
  const run = async (name, n) => {
    const reply = once(workers[name], (message) => message.us !== undefined);
    workers[name].send({ run: n });
    return (await reply).us;
  };

  try {
    for (const name of Object.keys(workers)) await run(name, 1000);
    const samples = Object.fromEntries(Object.keys(workers).map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      const names = Object.keys(workers);
      for (let i = 0; i < round % names.length; i++) names.push(names.shift());
      for (const name of names) samples[name].push(await run(name, requests));
    }
    const ratio = async (a, b) => {
      if (!workers[a] || !workers[b]) return undefined;
      const ratios = [];
      for (let pair = 0; pair < pairs; pair++) {
        const first = pair % 2 === 0;
        const x = await run(first ? a : b, pairRequests);
        const y = await run(first ? b : a, pairRequests);
        ratios.push(first ? x / y : y / x);
      }
      return median(ratios);
    };
    const us = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
    return {
      bareUs: us.bare,
      sdkUs: us.sdk,
      v5Us: us.v5,
      plainUs: us.plain,
      kyAloneUs: us.kyAlone,
      chainOnlyUs: us.chainOnly,
      ratio: await ratio("sdk", "bare"),
      undici: {
        bareUs: us.bareUndici,
        pluginUs: us.sdkUndici,
        v5Us: us.v5,
        toBare: await ratio("sdkUndici", "bareUndici"),
        toV5: await ratio("sdkUndici", "v5"),
        defaultToV5: await ratio("sdk", "v5"),
        fetchToUndici: await ratio("bare", "bareUndici"),
      },
    };
  } finally {
    for (const child of Object.values(workers)) child.kill();
    server.kill();
  }
}
