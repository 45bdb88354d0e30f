import type { AuthApiError, ResponseError } from "./errors.js";
import { authApiErrorFor } from "./http-errors.js";

/**
 * v4's and v5's exported error parser for an Authentication API response outside 200–299: an `AuthApiError` when the
 * body is a JSON object (`error`/`error_description`, or `code`/`description`), else a `ResponseError`. It reads the
 * body, so pass a response whose body has not been consumed (or a clone).
 */
export async function parseError(response: Response): Promise<AuthApiError | ResponseError> {
  return authApiErrorFor(response.status, await response.text(), response.headers);
}
