/**
 * The process that was fetching the shared token failed, and this call was waiting for that token. The waiting calls
 * of every process get the holder's outcome, as concurrent calls within one process share one token request; the
 * next call starts afresh.
 */
export class SharedTokenError extends Error {
  /** Always `"SharedTokenError"`. */
  override readonly name = "SharedTokenError";
  /** Why the holder's token request failed, as it reported it (status, error code, description). */
  readonly reason: string;

  constructor(reason: string) {
    super(`The token request of the process fetching the shared Management API token failed: ${reason}`);
    this.reason = reason;
  }
}
