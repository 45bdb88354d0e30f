/** The instrumentation scope of the default tracer. */
export const INSTRUMENTATION_NAME = "auth0";

/**
 * The package version, reported as the instrumentation scope's version. Written out because the public surface does
 * not export the core's `SDK_VERSION`; test/tracer.test.ts fails if it drifts from package.json.
 */
export const INSTRUMENTATION_VERSION = "5.14.1";
