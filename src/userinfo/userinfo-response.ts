/** The standard OpenID Connect claims `/userinfo` returns, and whatever else the tenant adds. */
export interface UserInfoResponse {
  sub: string;
  name: string;
  given_name?: string;
  family_name?: string;
  middle_name?: string;
  nickname: string;
  preferred_username?: string;
  profile?: string;
  picture?: string;
  website?: string;
  email: string;
  email_verified: boolean;
  gender?: string;
  birthdate?: string;
  zoneinfo?: string;
  locale?: string;
  phone_number?: string;
  phone_number_verified?: string;
  address?: {
    country?: string;
  };
  updated_at: string;
  [key: string]: unknown;
}
