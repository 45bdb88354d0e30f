import type { JWTPayload } from "jose";
import type { TenantContext } from "../context.js";
import { HttpError } from "../errors.js";
import type { IncomingRequest } from "../http/incoming-request.js";
import { json, type Reply } from "../http/reply.js";
import { profileClaims } from "./profile-claims.js";

/** GET /userinfo: the profile of the user a (non-expired, tenant-issued, /userinfo-audience) access token names. */
export async function userinfo(request: IncomingRequest, ctx: TenantContext): Promise<Reply> {
  const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? "")?.[1];
  if (token === undefined) throw unauthorized("Missing access token");
  let claims: JWTPayload;
  try {
    claims = await ctx.keys.verify(token, { issuer: ctx.urls.issuer, audience: ctx.urls.userinfo });
  } catch (error) {
    throw unauthorized(error instanceof Error ? error.message : "Invalid access token");
  }
  const user = typeof claims.sub === "string" ? ctx.store.data.users.get(claims.sub) : undefined;
  if (!user) throw unauthorized("The user of this access token does not exist");
  const scopes = typeof claims["scope"] === "string" ? claims["scope"].split(" ") : [];
  return json(200, profileClaims(user, scopes));
}

function unauthorized(description: string): HttpError {
  return new HttpError(
    401,
    { error: "invalid_token", error_description: description },
    {
      "www-authenticate": `Bearer realm="userinfo", error="invalid_token", error_description="${description.replace(/"/g, "'")}"`,
    },
  );
}
