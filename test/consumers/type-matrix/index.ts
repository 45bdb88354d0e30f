// "auth0": the clients, a paged list, raw responses, errors and an enum object, as an app writes them.
import { AuthenticationClient, ManagementClient, ManagementError, Management, UserInfoClient, withRetries, type RequestOptions } from "auth0";

const management = new ManagementClient({ domain: "tenant.auth0.com", clientId: "id", clientSecret: "secret" });
const auth = new AuthenticationClient({ domain: "tenant.auth0.com", clientId: "id", clientSecret: "secret" });
const userInfo = new UserInfoClient({ domain: "tenant.auth0.com" });
const options: RequestOptions = { ...withRetries(1), timeoutInSeconds: 5 };

export async function management_(): Promise<string[]> {
  const { data: user, rawResponse } = await management.users.get("auth0|1", {}, options).withRawResponse();
  const email: string | undefined = (user satisfies Management.GetUserResponseContent).email;
  const status: number = rawResponse.status;
  const limit: string | null = rawResponse.headers.get("x-ratelimit-limit");
  const page = await management.users.list({ per_page: 10, search_engine: Management.SearchEngineVersionsEnum.V3 });
  const ids: string[] = [];
  for await (const item of page) ids.push(item.user_id ?? "");
  return [email ?? "", String(status), limit ?? "", ...ids, String(page.hasNextPage())];
}

export async function authentication(): Promise<string> {
  const { data } = await auth.oauth.clientCredentialsGrant({ audience: "https://tenant.auth0.com/api/v2/" });
  const profile = await userInfo.getUserInfo(data.access_token);
  return profile.data.sub;
}

export function isManagementError(error: unknown): number | undefined {
  if (error instanceof Management.NotFoundError) return 404;
  return error instanceof ManagementError ? error.statusCode : undefined;
}
