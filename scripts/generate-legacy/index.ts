// Entry point of `npm run generate:legacy`: see cli.ts for the options.
import { main } from "./cli.js";

process.exitCode = main(process.argv.slice(2));
