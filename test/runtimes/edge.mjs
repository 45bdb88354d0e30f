// Vercel's Edge runtime, as Vercel ships it on npm (edge-runtime over @edge-runtime/vm): the scenario bundle, wrapped
// as a script (the VM runs scripts, not modules), is the Edge function; it is served on 127.0.0.1 and this prints
// `{"url": …}` once it listens. Run by run.mjs with this machine's Node:
//   node edge.mjs <file URL of edge-runtime's entry> <scenario.edge.js>
import { readFileSync } from "node:fs";

const [entry, bundle] = process.argv.slice(2);
const { EdgeRuntime, runServer } = await import(entry);
const initialCode = `${readFileSync(bundle, "utf8")}
addEventListener("fetch", (event) => event.respondWith(__auth0Scenario.default.fetch(event.request)));`;
const server = await runServer({ runtime: new EdgeRuntime({ initialCode }), host: "127.0.0.1", port: 0 });
console.log(JSON.stringify({ url: server.url }));
process.once("SIGTERM", () => void server.close().finally(() => process.exit(0)));
