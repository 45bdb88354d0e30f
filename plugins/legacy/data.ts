// The data tables of auth0/legacy (the enum values and the method descriptors), one module the build emits once, as
// dist/cjs/legacy-data.cjs: both builds of the entry read it (see scripts/build.mjs), so the package holds it once.
export { LEGACY_ENUM_TABLE } from "./generated/enum-table.js";
export { endpoints } from "./generated/endpoints.js";
