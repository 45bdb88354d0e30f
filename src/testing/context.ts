import type { AuthState } from "./auth/auth-state.js";
import type { TokenMinter } from "./auth/token-minter.js";
import type { SigningKeys } from "./crypto/signing-keys.js";
import type { DownloadHost } from "./downloads/download-host.js";
import type { TimerRegistry } from "./internal/timers.js";
import type { JobState } from "./jobs/job-state.js";
import type { ResolvedOptions } from "./options.js";
import type { RateLimiter } from "./rate-limit/rate-limiter.js";
import type { EventLog } from "./state/event-log.js";
import type { TenantStore } from "./state/store.js";
import type { TenantUrls } from "./tenant-urls.js";

/** Everything a handler may touch, passed explicitly (no module-level state: two tenants never share anything). */
export interface TenantContext {
  readonly urls: TenantUrls;
  readonly options: ResolvedOptions;
  readonly store: TenantStore;
  readonly events: EventLog;
  readonly auth: AuthState;
  readonly keys: SigningKeys;
  readonly tokens: TokenMinter;
  /** Timers of background work (jobs), cleared by `reset()` and `close()`. */
  readonly jobTimers: TimerRegistry;
  /** Injected job failures, the export source, finished export files. */
  readonly jobs: JobState;
  /** The export files' download server (another port, started on the first export). */
  readonly downloads: DownloadHost;
  readonly managementLimiter: RateLimiter;
  readonly authenticationLimiter: RateLimiter;
}
