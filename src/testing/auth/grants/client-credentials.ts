import { oauthError } from "../../errors.js";
import { canonicalAudience } from "../../tenant-urls.js";
import type { GrantHandler } from "./grant-handler.js";

/** `client_credentials`: a token for an API the client holds a client grant for, with a subset of its scopes. */
export const clientCredentialsGrant: GrantHandler = async (params, client, ctx) => {
  const audience = params.get("audience");
  if (audience === undefined) {
    throw oauthError(
      403,
      "access_denied",
      "No audience parameter was provided, and no default audience has been configured",
    );
  }
  const identifier = canonicalAudience(ctx.urls, audience);
  const api = ctx.store.resourceServerByIdentifier(identifier);
  if (!api) throw oauthError(403, "access_denied", `Service not found: ${audience}`);

  const grant = ctx.store.grantFor(client.client_id, identifier);
  if (!grant) {
    ctx.events.record({
      type: "feccft",
      description: `Client is not authorized to access "${audience}"`,
      client_id: client.client_id,
      client_name: client.name,
      audience,
    });
    throw oauthError(
      403,
      "access_denied",
      `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants`,
    );
  }

  const requested = params.scopes();
  const scopes = requested ?? grant.scope;
  const missing = scopes.filter((scope) => !grant.scope.includes(scope));
  if (missing.length > 0)
    throw oauthError(403, "access_denied", `Client has not been granted scopes: ${missing.join(" ")}`);

  const organizationRef = params.get("organization");
  const organization = organizationRef === undefined ? undefined : ctx.store.organizationByRef(organizationRef);
  if (organizationRef !== undefined && !organization) {
    throw oauthError(400, "invalid_request", `parameter organization is invalid: ${organizationRef}`);
  }

  const expiresIn = ctx.options.accessTokenTtlSeconds ?? api.token_lifetime;
  const accessToken = await ctx.tokens.accessToken({
    subject: `${client.client_id}@clients`,
    clientId: client.client_id,
    audience,
    scopes,
    grantType: "client-credentials",
    ...(organization ? { organization } : {}),
    ttlSeconds: expiresIn,
  });
  ctx.events.record({
    type: "seccft",
    description: "Client Credentials for Access Token",
    client_id: client.client_id,
    client_name: client.name,
    audience,
    scope: scopes.join(" "),
  });
  return { access_token: accessToken, scope: scopes.join(" "), expires_in: expiresIn, token_type: "Bearer" };
};
