// Node, Bun and Deno: run the bundled scenario (copied next to this file as scenario.bundle.js by run.mjs) with the
// JSON input given as the first argument, and print the result as one JSON line.
import scenario from "./scenario.bundle.js";

const args = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
const result = await scenario.run(JSON.parse(args[0]));
console.log(JSON.stringify(result));
