import { ManagementClient } from "auth0";
import { bulk, type BulkOptions, type BulkProgress } from "auth0/plugins/bulk";

export const DOMAIN = "tenant.example.com";
export const ORIGIN = `https://${DOMAIN}`;

/** A Management client with the bulk plugin; polling without waits unless a test asks for them. */
export function bulkClient(options: Partial<ConstructorParameters<typeof ManagementClient>[0]> = {}, defaults: BulkOptions = { pollIntervalMs: 0, maxPollIntervalMs: 0 }) {
  const Management = ManagementClient.with(bulk(defaults));
  return new Management({ domain: DOMAIN, token: "mgmt-token", ...options } as ConstructorParameters<typeof ManagementClient>[0]);
}

export interface MultipartPart {
  readonly name: string;
  readonly filename?: string;
  readonly type?: string;
  readonly text: string;
}

/** A multipart/form-data body, part by part, as the server reads it. */
export function multipartParts(contentType: string, body: string): MultipartPart[] {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (boundary === undefined) throw new Error(`not multipart: ${contentType}`);
  return body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [head = "", ...rest] = part.replace(/^\r\n/, "").split("\r\n\r\n");
      const filename = /filename="([^"]+)"/.exec(head)?.[1];
      const type = /content-type: (.+)/i.exec(head)?.[1]?.trim();
      return {
        name: /name="([^"]+)"/.exec(head)?.[1] ?? "",
        ...(filename !== undefined ? { filename } : {}),
        ...(type !== undefined ? { type } : {}),
        text: rest.join("\r\n\r\n").replace(/\r\n$/, ""),
      };
    });
}

/** Collects progress reports. */
export function progressLog(): { events: BulkProgress[]; onProgress: (progress: BulkProgress) => void } {
  const events: BulkProgress[] = [];
  return { events, onProgress: (progress) => void events.push(progress) };
}

export function users(count: number, from = 0): Array<{ email: string; name: string }> {
  return Array.from({ length: count }, (_, i) => ({ email: `user${from + i}@example.com`, name: `User ${from + i}` }));
}

/** The id of the tenant's database connection, as a caller would look it up. */
export async function databaseConnectionId(management: ManagementClient): Promise<string> {
  const { data } = await management.connections.list({ name: "Username-Password-Authentication" });
  const id = data[0]?.id;
  if (id === undefined) throw new Error("the tenant has no Username-Password-Authentication connection");
  return id;
}

/** A client of a mock tenant with the bulk plugin, polling every few milliseconds. */
export function tenantClient(tenant: { domain: string; clientId: string; clientSecret: string }, defaults: BulkOptions = {}) {
  const Management = ManagementClient.with(bulk({ pollIntervalMs: 2, maxPollIntervalMs: 20, ...defaults }));
  return new Management({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });
}

/**
 * For a tenant whose jobs move only when told (`autoRun: false`): run each job to the end as soon as its file is
 * uploaded — time moves on the run's own events, not on timers.
 */
export function finishJobsOnUpload(tenant: { jobs: { advance(jobId?: string): Promise<number> } }, then?: (progress: BulkProgress) => void) {
  return (progress: BulkProgress): void => {
    then?.(progress);
    const { jobId } = progress;
    if (progress.phase !== "uploading" || jobId === undefined) return;
    void tenant.jobs.advance(jobId).then(() => tenant.jobs.advance(jobId));
  };
}
