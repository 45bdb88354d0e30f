import { createPublicKey, timingSafeEqual, type KeyObject } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from "jose";
import type { TenantContext } from "../context.js";
import { oauthError } from "../errors.js";
import type { IncomingRequest } from "../http/incoming-request.js";
import type { ClientCredentialRecord, ClientRecord } from "../state/records.js";
import { assertionAudiences } from "../tenant-urls.js";
import type { Params } from "./params.js";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const ASSERTION_ALGORITHMS = ["RS256", "RS384", "PS256"];

/**
 * Identifies and authenticates the calling client: `client_secret` in the body or HTTP Basic, or a `client_assertion`
 * JWT (RFC 7523) signed with a key registered for the client. A public client (`token_endpoint_auth_method: none`)
 * may send just its `client_id`.
 */
export async function authenticateClient(
  request: IncomingRequest,
  params: Params,
  ctx: TenantContext,
): Promise<ClientRecord> {
  const basic = basicCredentials(request.headers.authorization);
  const assertion = params.get("client_assertion");
  const clientId = params.get("client_id") ?? basic?.clientId ?? (assertion ? assertionIssuer(assertion) : undefined);
  if (clientId === undefined) throw oauthError(401, "invalid_client", "Missing required parameter: client_id");

  const client = ctx.store.data.clients.get(clientId);
  if (!client) throw oauthError(401, "invalid_client", `Unknown client: ${clientId}`);

  if (assertion !== undefined) {
    if (params.get("client_assertion_type") !== JWT_BEARER) {
      throw oauthError(400, "invalid_request", `client_assertion_type must be ${JWT_BEARER}`);
    }
    await verifyAssertion(assertion, client, ctx);
    return client;
  }
  const secret = params.get("client_secret") ?? basic?.secret;
  if (secret !== undefined) {
    if (!sameSecret(secret, client.client_secret)) throw oauthError(401, "access_denied", "Unauthorized");
    return client;
  }
  if (client.token_endpoint_auth_method === "none") return client;
  throw oauthError(401, "access_denied", "Unauthorized");
}

async function verifyAssertion(assertion: string, client: ClientRecord, ctx: TenantContext): Promise<void> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(assertion).alg;
  } catch {
    throw oauthError(401, "invalid_client", "client_assertion is not a JWT");
  }
  if (alg === undefined || !ASSERTION_ALGORITHMS.includes(alg)) {
    throw oauthError(401, "invalid_client", `client_assertion alg must be one of ${ASSERTION_ALGORITHMS.join(", ")}`);
  }
  if (client.credentials.length === 0) {
    throw oauthError(401, "invalid_client", "The client has no public key registered for private_key_jwt");
  }

  let verified: JWTPayload | undefined;
  let lastError = "signature verification failed";
  for (const credential of client.credentials) {
    if (credential.alg !== undefined && credential.alg !== alg) continue;
    try {
      const result = await jwtVerify(assertion, publicKey(credential), {
        algorithms: [alg],
        issuer: client.client_id,
        subject: client.client_id,
        audience: assertionAudiences(ctx.urls),
        requiredClaims: ["exp", "jti"],
      });
      verified = result.payload;
      break;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
  }
  if (!verified) throw oauthError(401, "invalid_client", `Invalid client_assertion: ${lastError}`);

  // An assertion is single-use: a replayed one is refused.
  const jti = String(verified.jti);
  if (ctx.auth.usedAssertionIds.has(jti)) throw oauthError(401, "invalid_client", "jti claim must be unique");
  ctx.auth.usedAssertionIds.add(jti);
}

function publicKey(credential: ClientCredentialRecord): KeyObject {
  return createPublicKey(credential.pem);
}

function assertionIssuer(assertion: string): string | undefined {
  try {
    const iss = decodeJwt(assertion).iss;
    return typeof iss === "string" ? iss : undefined;
  } catch {
    return undefined;
  }
}

function basicCredentials(header: string | undefined): { clientId: string; secret: string } | undefined {
  const encoded = /^Basic\s+(.+)$/i.exec(header ?? "")?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return {
    clientId: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
