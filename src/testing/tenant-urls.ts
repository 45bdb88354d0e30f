/**
 * Where the tenant lives. The SDK reaches a loopback tenant over plain http with an explicit `http://` domain, so
 * the issuer is `http://127.0.0.1:PORT/`; the Management API audience is also accepted in its `https://` form, the
 * one production code would write.
 */
export interface TenantUrls {
  /** `http://127.0.0.1:PORT`: what to pass as the SDK's `domain`. */
  readonly origin: string;
  /** `http://127.0.0.1:PORT/` */
  readonly issuer: string;
  /** `http://127.0.0.1:PORT/api/v2` */
  readonly managementApi: string;
  /** `http://127.0.0.1:PORT/api/v2/`: the audience client-credentials tokens for the Management API ask for. */
  readonly managementAudience: string;
  readonly tokenEndpoint: string;
  readonly userinfo: string;
  readonly jwks: string;
  readonly host: string;
}

export function tenantUrls(host: string, port: number): TenantUrls {
  const origin = `http://${host}:${port}`;
  return {
    origin,
    issuer: `${origin}/`,
    managementApi: `${origin}/api/v2`,
    managementAudience: `${origin}/api/v2/`,
    tokenEndpoint: `${origin}/oauth/token`,
    userinfo: `${origin}/userinfo`,
    jwks: `${origin}/.well-known/jwks.json`,
    host: `${host}:${port}`,
  };
}

/** Both schemes, with or without the trailing slash, name the same API. */
export function canonicalAudience(urls: TenantUrls, audience: string): string {
  const httpForm = audience.replace(/^https:\/\//, "http://");
  if (httpForm === urls.managementAudience || httpForm === urls.managementApi) return urls.managementAudience;
  return audience;
}

export function isManagementAudience(urls: TenantUrls, audience: unknown): boolean {
  const candidates = Array.isArray(audience) ? audience : [audience];
  return candidates.some((aud) => typeof aud === "string" && canonicalAudience(urls, aud) === urls.managementAudience);
}

/** Audiences a `private_key_jwt` client assertion may name: the issuer or the token endpoint, either scheme. */
export function assertionAudiences(urls: TenantUrls): string[] {
  const httpForms = [urls.issuer, urls.origin, urls.tokenEndpoint];
  return [...httpForms, ...httpForms.map((url) => url.replace(/^http:\/\//, "https://"))];
}
