/**
 * v4's authentication clients: the package's own `AuthenticationClient` and `UserInfoClient` (v4 and v5 are the same
 * on the wire), with their errors and result classes. The Management API results of this entry are instances of the
 * same `JSONApiResponse`, `VoidApiResponse` and `TextApiResponse`.
 */
export {
  AuthenticationClient,
  UserInfoClient,
  AuthApiError,
  UserInfoError,
  IdTokenValidatorError,
  JSONApiResponse,
  VoidApiResponse,
  TextApiResponse,
} from "auth0";
export type { ApiResponse, AuthenticationClientOptions, UserInfoClientOptions, UserInfoResponse, TokenSet, IDTokenValidateOptions } from "auth0";
