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
