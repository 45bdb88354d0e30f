// "auth0/legacy": the v4 API, with its { data, headers, status } results.
import { ManagementClient, ManagementApiError } from "auth0/legacy";

const management = new ManagementClient({ domain: "tenant.auth0.com", token: "token" });

export async function legacy(): Promise<string | undefined> {
  try {
    const { data, status } = await management.users.get({ id: "auth0|1" });
    return status === 200 ? data.email : undefined;
  } catch (error) {
    if (error instanceof ManagementApiError) return error.errorCode;
    throw error;
  }
}
