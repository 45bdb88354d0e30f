/**
 * Short-lived Authentication API state: codes, refresh tokens, one-time passwords, pending back-channel requests.
 * None of it is seeded; `reset()` empties it.
 */

export interface AuthorizationCodeGrant {
  readonly code: string;
  readonly clientId: string;
  readonly userId: string;
  readonly redirectUri?: string;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: "S256" | "plain";
  readonly nonce?: string;
  readonly scopes: readonly string[];
  readonly audience?: string;
  readonly organizationId?: string;
  readonly expiresAt: number;
}

export interface RefreshTokenGrant {
  readonly token: string;
  /** Every token rotated out of the same login shares a family; reusing a rotated token revokes the family. */
  readonly family: string;
  readonly clientId: string;
  readonly userId: string;
  readonly scopes: readonly string[];
  readonly audience?: string;
  readonly organizationId?: string;
  readonly authTime: number;
}

export interface OtpChallenge {
  readonly realm: "email" | "sms";
  readonly identifier: string;
  readonly otp: string;
  readonly clientId: string;
  readonly expiresAt: number;
}

export interface BackchannelRequest {
  readonly authReqId: string;
  readonly clientId: string;
  readonly userId: string;
  readonly scopes: readonly string[];
  readonly audience?: string;
  readonly bindingMessage: string;
  readonly expiresAt: number;
  status: "pending" | "approved" | "denied";
}

/** Something the tenant "sent" (email or text). Tests read codes and links from here instead of an inbox. */
export interface SentMessage {
  readonly kind: "passwordless-code" | "passwordless-link" | "password-reset" | "verification-email" | "invitation";
  /** Email address or phone number. */
  readonly to: string;
  readonly code?: string;
  readonly link?: string;
  readonly sentAt: Date;
}

export class AuthState {
  readonly codes = new Map<string, AuthorizationCodeGrant>();
  readonly refreshTokens = new Map<string, RefreshTokenGrant>();
  /** Refresh tokens already exchanged, mapped to their family, to detect reuse. */
  readonly rotatedRefreshTokens = new Map<string, string>();
  readonly otps = new Map<string, OtpChallenge>();
  readonly backchannel = new Map<string, BackchannelRequest>();
  readonly pushedRequests = new Map<string, { readonly clientId: string; readonly expiresAt: number }>();
  /** `jti`s of client assertions already used (an assertion is single-use). */
  readonly usedAssertionIds = new Set<string>();
  readonly outbox: SentMessage[] = [];

  clear(): void {
    this.codes.clear();
    this.refreshTokens.clear();
    this.rotatedRefreshTokens.clear();
    this.otps.clear();
    this.backchannel.clear();
    this.pushedRequests.clear();
    this.usedAssertionIds.clear();
    this.outbox.length = 0;
  }

  revokeRefreshFamily(family: string): void {
    for (const [token, grant] of this.refreshTokens) if (grant.family === family) this.refreshTokens.delete(token);
  }
}

export function otpKey(realm: string, identifier: string): string {
  return `${realm}:${identifier.toLowerCase()}`;
}
