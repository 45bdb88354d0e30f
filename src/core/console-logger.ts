import type { Logger } from "./logger.js";

/**
 * v5's `logging.ConsoleLogger`: each level to the console method of the same name. Use it as the `logging` option
 * (`logging: { logger: new logging.ConsoleLogger(), level: "debug" }`), or as a base for a logger of your own.
 */
export class ConsoleLogger implements Logger {
  debug(message: string, ...args: unknown[]): void {
    console.debug(message, ...args);
  }

  info(message: string, ...args: unknown[]): void {
    console.info(message, ...args);
  }

  warn(message: string, ...args: unknown[]): void {
    console.warn(message, ...args);
  }

  error(message: string, ...args: unknown[]): void {
    console.error(message, ...args);
  }
}
