import { randomBytes, randomInt } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

export function randomAlphanumeric(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Ids shaped like the ones Auth0 hands out, so code that checks prefixes or lengths behaves as in production. */
export const newId = {
  userSuffix: () => randomHex(12),
  role: () => `rol_${randomAlphanumeric(16)}`,
  organization: () => `org_${randomAlphanumeric(16)}`,
  connection: () => `con_${randomAlphanumeric(16)}`,
  clientGrant: () => `cgr_${randomAlphanumeric(16)}`,
  job: () => `job_${randomAlphanumeric(16)}`,
  invitation: () => `uinv_${randomAlphanumeric(16)}`,
  client: () => randomAlphanumeric(32),
  clientSecret: () => randomToken(48),
  resourceServer: () => randomHex(12),
} as const;

/** Six digits, as Auth0's passwordless emails and texts carry. */
export function newOtp(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}
