/**
 * auth0/plugins/otel: one OpenTelemetry CLIENT span per HTTP attempt, with the HTTP semantic-convention attributes,
 * retries as span events, and no credential in any attribute or event.
 *
 * @packageDocumentation
 */
export { openTelemetry, ATTEMPT_LINK, CALL_LINK } from "./plugin.js";
export type { OpenTelemetryOptions } from "./plugin.js";
