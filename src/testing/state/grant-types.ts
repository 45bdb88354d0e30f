/** Grant types the token endpoint knows, by their wire names. */
export const GRANT = {
  clientCredentials: "client_credentials",
  password: "password",
  passwordRealm: "http://auth0.com/oauth/grant-type/password-realm",
  authorizationCode: "authorization_code",
  refreshToken: "refresh_token",
  passwordlessOtp: "http://auth0.com/oauth/grant-type/passwordless/otp",
  ciba: "urn:openid:params:grant-type:ciba",
} as const;

export const ALL_GRANT_TYPES: readonly string[] = Object.values(GRANT);

/** What Auth0 gives a client created without `grant_types`. */
export function defaultGrantTypes(appType: string | undefined): string[] {
  switch (appType) {
    case "non_interactive":
      return [GRANT.clientCredentials];
    case "spa":
      return [GRANT.authorizationCode, "implicit", GRANT.refreshToken];
    default:
      return [GRANT.authorizationCode, "implicit", GRANT.refreshToken, GRANT.clientCredentials];
  }
}
