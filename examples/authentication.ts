/**
 * The Authentication API and /userinfo: log a user in with a password, validate the ID token (automatic), read the
 * profile, refresh, and revoke. Runs against your tenant when AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET,
 * AUTH0_USERNAME and AUTH0_PASSWORD are set, and against the embedded mock tenant otherwise:
 *
 *   npx tsx examples/authentication.ts
 */
import { decodeJwt } from "jose";
import { AuthApiError, AuthenticationClient, UserInfoClient } from "auth0";
import { startMockTenant } from "auth0/testing";

async function tenant(): Promise<{ domain: string; clientId: string; clientSecret: string; username: string; password: string; close(): Promise<void> }> {
  const env = process.env;
  if (env.AUTH0_DOMAIN && env.AUTH0_CLIENT_ID && env.AUTH0_CLIENT_SECRET && env.AUTH0_USERNAME && env.AUTH0_PASSWORD) {
    return {
      domain: env.AUTH0_DOMAIN,
      clientId: env.AUTH0_CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET,
      username: env.AUTH0_USERNAME,
      password: env.AUTH0_PASSWORD,
      close: async () => undefined,
    };
  }
  const mock = await startMockTenant();
  mock.seed({ users: [{ email: "alice@example.com", password: "Passw0rd!", name: "Alice", email_verified: true }] });
  return { domain: mock.domain, clientId: mock.clientId, clientSecret: mock.clientSecret, username: "alice@example.com", password: "Passw0rd!", close: () => mock.close() };
}

const { domain, clientId, clientSecret, username, password, close } = await tenant();
try {
  const auth = new AuthenticationClient({ domain, clientId, clientSecret, retry: { enabled: true } });
  const userinfo = new UserInfoClient({ domain });

  // The ID token in the answer is validated (signature against the tenant's keys, issuer, audience, times) before
  // this resolves.
  const { data: tokens } = await auth.oauth.passwordGrant({ username, password, scope: "openid profile email offline_access" });
  const idTokenSub = String(decodeJwt(tokens.id_token!).sub);

  // `expectedSub`: a profile about anyone else is refused (OpenID Connect Core §5.3.2).
  const { data: profile } = await userinfo.getUserInfo(tokens.access_token, undefined, { expectedSub: idTokenSub });
  console.log(`logged in as ${profile.name} (${profile.sub})`);

  if (tokens.refresh_token) {
    const { data: refreshed } = await auth.oauth.refreshTokenGrant({ refresh_token: tokens.refresh_token });
    console.log(`refreshed: a new access token valid for ${refreshed.expires_in} s`);
    await auth.oauth.revokeRefreshToken({ token: tokens.refresh_token });
    console.log("refresh token revoked");
  }

  try {
    await auth.oauth.passwordGrant({ username, password: "not the password" });
  } catch (error) {
    if (!(error instanceof AuthApiError)) throw error;
    console.log(`a wrong password is refused: ${error.statusCode} ${error.error}`);
  }
} finally {
  await close();
}
