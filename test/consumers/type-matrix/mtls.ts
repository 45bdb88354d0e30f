// "auth0/mtls" (Node): a client-certificate agent for the Authentication API.
import { AuthenticationClient } from "auth0";
import { createMtlsAgent } from "auth0/mtls";

export async function withClientCertificate(cert: string, key: string): Promise<AuthenticationClient> {
  const agent = await createMtlsAgent({ cert, key });
  return new AuthenticationClient({ domain: "tenant.auth0.com", clientId: "id", useMTLS: true, agent });
}
