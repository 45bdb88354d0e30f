/** Any console-like object. */
export interface Logger {
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
}

/** The levels, as v5's `logging.LogLevel` names them. */
export const LogLevel = { Debug: "debug", Info: "info", Warn: "warn", Error: "error" } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/** The `logging` client option. Logging is off unless this is given (and `silent` is not true). */
export interface LogConfig {
  /** The lowest level written. Default `info`: one line per HTTP attempt. `debug` adds redacted headers and bodies. */
  level?: LogLevel;
  /** Where lines go. Default `console`. */
  logger?: Logger;
  /** Switch logging off while keeping the configuration. */
  silent?: boolean;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A logger that already knows its level, so callers can skip building messages nobody reads. */
export interface LevelledLogger {
  readonly sink: Logger;
  enabled(level: LogLevel): boolean;
  log(level: LogLevel, message: string, details?: unknown): void;
}

export function createLevelledLogger(option: LogConfig | Logger | undefined): LevelledLogger | undefined {
  if (option === undefined || option === null) return undefined;
  const config: LogConfig = isLogger(option) ? { logger: option } : option;
  if (config.silent === true) return undefined;
  const sink = config.logger ?? console;
  const threshold = RANK[config.level ?? "info"] ?? RANK.info;
  return {
    sink,
    enabled: (level) => RANK[level] >= threshold,
    log(level, message, details) {
      if (RANK[level] < threshold) return;
      if (details === undefined) sink[level](message);
      else sink[level](message, details);
    },
  };
}

function isLogger(value: LogConfig | Logger): value is Logger {
  return typeof (value as Logger).info === "function" && typeof (value as Logger).error === "function";
}
