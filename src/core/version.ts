/** The version reported in the `Auth0-Client` telemetry header: the v5 release this package is compatible with. */
export const SDK_VERSION = "5.14.1";
