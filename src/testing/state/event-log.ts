import { isoNow } from "../internal/clock.js";
import type { LogRecord } from "./records.js";
import type { TenantStore } from "./store.js";

export type NewLogEvent = Omit<LogRecord, "log_id" | "date" | "ip" | "hostname"> & { ip?: string };

/**
 * Appends tenant log events (what `GET /logs` returns). Ids are 56 digits like Auth0's and sort in the order the
 * events happened, which the checkpoint form of `GET /logs` (`from` = a log id) relies on.
 */
export class EventLog {
  #sequence = 0;

  constructor(
    private readonly store: TenantStore,
    private readonly hostname: string,
  ) {}

  record(event: NewLogEvent): LogRecord {
    this.#sequence += 1;
    const log_id = `90020${String(Date.now()).padStart(15, "0")}${String(this.#sequence).padStart(36, "0")}`;
    const entry: LogRecord = { ...event, log_id, date: isoNow(), ip: event.ip ?? "127.0.0.1", hostname: this.hostname };
    this.store.data.logs.push(entry);
    return entry;
  }
}
