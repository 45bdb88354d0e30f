import { SDK_VERSION } from "auth0";

/** The instrumentation scope of the default tracer: the package, at its version. */
export const INSTRUMENTATION_NAME = "auth0";
export const INSTRUMENTATION_VERSION = SDK_VERSION;
