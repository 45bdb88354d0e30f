/**
 * The parts of `auth0/legacy` that come from the export-surface contract (`exports-v5.json`, `types-v5.json`): v4's
 * enum objects with their exact values (one table, decoded by `plugins/legacy/enum-table.ts`), and the model names v4
 * declared that nothing else here declares (as loose objects: v4's models allowed any property too).
 */
import { entryOf, loadRuntimeSurface, loadTypeSurface, type RuntimeExport } from "../surface/contract.js";
import { encodeEnumTable, explicitTypeArgument, tableLiteral, type Members } from "../surface/enum-table.js";
import { legacyEnumKey } from "../../plugins/legacy/enum-key.js";

export interface LegacySurface {
  /** Runtime exports of `auth0/legacy`. */
  readonly exports: ReadonlyMap<string, RuntimeExport>;
  /** Type-level names of `auth0/legacy` → the checker's kind. */
  readonly types: ReadonlyMap<string, string>;
  /** The `Management` type names of `auth0` (v4 models of the same name are the same API schema). */
  readonly management: ReadonlySet<string>;
}

export function loadSurface(exportsPath: string, typesPath: string): LegacySurface {
  const types = loadTypeSurface(typesPath);
  const management = [...entryOf(types, "auth0").keys()].filter((name) => name.startsWith("Management.")).map((name) => name.slice(11));
  return { exports: entryOf(loadRuntimeSurface(exportsPath), "auth0/legacy"), types: entryOf(types, "auth0/legacy"), management: new Set(management) };
}

/**
 * v4's names this package writes by hand (`plugins/legacy/*.ts`, or re-exported from `auth0`): its client options,
 * the Authentication API's request and response types, and the runtime's types.
 */
const HAND_WRITTEN: ReadonlySet<string> = new Set([
  ...["ManagementClientOptions", "ManagementClientOptionsWithToken", "ManagementClientOptionsWithClientSecret"],
  ...["ManagementClientOptionsWithClientAssertion", "ManagementClientOptionsWithClientCredentials", "SUBJECT_TOKEN_TYPES"],
  ...["IDTokenValidateOptions", "AuthenticationClientOptions", "SignUpRequest", "SignUpResponse", "ChangePasswordRequest"],
  ...["TokenSet", "GrantOptions", "AuthorizationCodeGrantOptions", "ClientCredentials", "AuthorizationCodeGrantRequest"],
  ...["AuthorizationCodeGrantWithPKCERequest", "ClientCredentialsGrantRequest", "PushedAuthorizationRequest"],
  ...["PushedAuthorizationResponse", "PasswordGrantRequest", "DeviceCodeGrantRequest", "RefreshTokenGrantRequest"],
  ...["RevokeRefreshTokenRequest", "TokenExchangeGrantRequest", "TokenForConnectionRequest", "TokenForConnectionResponse"],
  ...["SendEmailLinkRequest", "SendEmailCodeRequest", "SendEmailRequest", "SendSmsRequest", "LoginWithEmailRequest"],
  ...["LoginWithSMSRequest", "UserInfoResponse", "FetchAPI", "ClientOptions", "Configuration", "RequestOpts", "HTTPMethod"],
  ...["HTTPHeaders", "HTTPQuery", "HTTPBody", "HTTPRequestInit", "InitOverrideFunction", "InitOverride", "ApiResponse"],
  ...["FetchParams", "RequestContext", "ResponseContext", "ErrorContext", "Middleware", "TokenQuotaLimit", "TokenQuotaBucket"],
]);

/** The names of the contract's enum objects this generator writes. */
export function enumNames(surface: LegacySurface): Set<string> {
  return new Set(
    [...surface.exports].filter(([name, member]) => !HAND_WRITTEN.has(name) && (member.kind === "enum" || isBooleanObject(member))).map(([name]) => name),
  );
}

function isBooleanObject(member: RuntimeExport): boolean {
  return member.kind === "object" && [...(member.members ?? [])].every(([key, inner]) => inner.kind === "boolean" && (key === "true" || key === "false"));
}

/** `generated/enum-table.ts` and `generated/enums.ts`. */
export function enumFiles(surface: LegacySurface, header: string, regenerate: string): { table: string; enums: string } {
  const strings = new Map<string, Members>();
  const booleans: [string, readonly string[]][] = [];
  for (const name of [...enumNames(surface)].sort(byName)) {
    const member = surface.exports.get(name)!;
    if (member.kind === "enum") strings.set(name, [...(member.values ?? [])]);
    else booleans.push([name, [...(member.members ?? new Map()).keys()]]);
  }
  const table = encodeEnumTable(strings, legacyEnumKey);
  const firstOfLine = new Map<number, string>();
  const lines: string[] = [
    header,
    `// Regenerate: ${regenerate}`,
    "// v4's enum objects: a type of the values, and the same-name object read from the table (../enum-table.ts).",
    'import { legacyEnumAt, type LegacyEnum } from "../enum-table.js";',
    "",
  ];
  for (const [name, members] of strings) {
    const line = table.lineOf.get(name)!;
    const same = firstOfLine.get(line);
    if (same === undefined) firstOfLine.set(line, name);
    const union = same ?? members.map(([, value]) => JSON.stringify(value)).join(" | ");
    lines.push(`export type ${name} = ${union};`);
    lines.push(`export const ${name}: LegacyEnum<${name}${explicitTypeArgument(table.explicit.get(name))}> = /* @__PURE__ */ legacyEnumAt(${line});`);
  }
  for (const [name, keys] of booleans) {
    lines.push(`export type ${name} = ${keys.join(" | ")};`);
    lines.push(`export const ${name} = { ${keys.map((key) => `${key}: ${key}`).join(", ")} } as const;`);
  }
  lines.push("");
  return {
    table: `${header}\n// Regenerate: ${regenerate}\n// v4's enum values, one line per distinct list (the format: ../enum-table.ts).\n\nexport const LEGACY_ENUM_TABLE = ${tableLiteral(table.text)};\n`,
    enums: lines.join("\n"),
  };
}

/**
 * `generated/model-names.ts`: every type-level name of v4 that nothing else declares: v5's `Management` type of the
 * same name where there is one (the same schema of the API), else as v4's kind, an interface accepting any property
 * or (v4's unions) any value.
 */
export function modelNamesFile(surface: LegacySurface, declared: ReadonlySet<string>, header: string, regenerate: string): string {
  const lines = [
    header,
    `// Regenerate: ${regenerate}`,
    "// The rest of v4's model names. v4 declared them; the v4 table does not describe them: v5's type of the same name,",
    "// else one accepting any property (as v4's models did) or, for v4's unions, any value.",
    'import type { Management } from "auth0";',
    "",
  ];
  for (const [name, kind] of [...surface.types].sort(([a], [b]) => byName(a, b))) {
    if (declared.has(name) || HAND_WRITTEN.has(name) || surface.exports.has(name)) continue;
    // (v4's interfaces were objects; v5 may declare the same schema nullable.)
    if (surface.management.has(name)) lines.push(`export type ${name} = ${kind === "interface" ? `NonNullable<Management.${name}>` : `Management.${name}`};`);
    else if (kind === "interface") lines.push(`export interface ${name} { [key: string]: any }`);
    else if (kind === "type") lines.push(`export type ${name} = any;`);
    else throw new Error(`auth0/legacy: ${name} is a ${kind} in v4, and nothing declares it`);
  }
  lines.push("");
  return lines.join("\n");
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
