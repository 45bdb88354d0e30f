import { oauthError } from "../../errors.js";
import { nowSeconds } from "../../internal/clock.js";
import type { ConnectionRecord, UserRecord } from "../../state/records.js";
import { isDatabaseConnection } from "../../state/user-factory.js";
import { issueUserTokens, loginOrganization, recordLogin, requestedUserScopes } from "../user-tokens.js";
import type { GrantHandler } from "./grant-handler.js";

const DEFAULT_DIRECTORY = "Username-Password-Authentication";

/**
 * `password` and `password-realm`: a database user's username (or email) and password. `password` uses the tenant's
 * default directory; `password-realm` names the connection in `realm`.
 */
export const passwordGrant: GrantHandler = async (params, client, ctx) => {
  const username = params.require("username");
  const password = params.require("password");
  const realm = params.get("realm");

  const connection =
    realm === undefined ? ctx.store.connectionByName(DEFAULT_DIRECTORY) : ctx.store.connectionByName(realm);
  if (!connection || !isDatabaseConnection(connection)) {
    throw realm === undefined
      ? oauthError(500, "server_error", "Authorization server not configured with default connection.")
      : oauthError(400, "invalid_request", `Unknown realm: ${realm}`);
  }

  const user = findDatabaseUser(ctx.store.data.users.values(), connection, username);
  if (!user || user.password !== password) {
    ctx.events.record({
      type: "fp",
      description: "Wrong email or password.",
      client_id: client.client_id,
      client_name: client.name,
      user_name: username,
      connection: connection.name,
    });
    throw oauthError(403, "invalid_grant", "Wrong email or password.");
  }
  if (user.blocked) throw oauthError(401, "unauthorized", "user is blocked");

  const organization = loginOrganization(ctx, params.get("organization"), user);
  recordLogin(ctx, client, user, "Successful login");
  const audience = params.get("audience");
  return issueUserTokens(ctx, {
    client,
    user,
    scopes: requestedUserScopes(params.scopes()),
    ...(audience !== undefined ? { audience } : {}),
    ...(organization ? { organization } : {}),
    authTime: nowSeconds(),
  });
};

function findDatabaseUser(
  users: Iterable<UserRecord>,
  connection: ConnectionRecord,
  username: string,
): UserRecord | undefined {
  const wanted = username.toLowerCase();
  for (const user of users) {
    if (user.connection !== connection.name) continue;
    if (user.email === wanted || user.username?.toLowerCase() === wanted) return user;
  }
  return undefined;
}
