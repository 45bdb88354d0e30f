// The `logging` namespace of v5: the console logger, the level names, and the types of the `logging` option.
export { ConsoleLogger } from "./console-logger.js";
export { LogLevel } from "./logger.js";
export type { LogConfig, Logger as ILogger } from "./logger.js";
