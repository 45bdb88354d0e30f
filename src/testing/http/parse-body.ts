import { parseMultipart, type UploadedFile } from "./multipart.js";

/**
 * A request body decoded by its content type. Both areas accept JSON and form encoding everywhere (the SDK sends form
 * bodies to /oauth/token and JSON elsewhere); an undecodable body is kept as `invalid` so each area can answer in
 * its own error format.
 */
export type ParsedBody =
  | { readonly kind: "empty" }
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "form"; readonly value: Readonly<Record<string, string>> }
  | {
      readonly kind: "multipart";
      readonly fields: Readonly<Record<string, string>>;
      readonly files: Readonly<Record<string, UploadedFile>>;
    }
  | { readonly kind: "invalid"; readonly reason: string };

export function parseBody(contentType: string | undefined, raw: Buffer): ParsedBody {
  if (raw.length === 0) return { kind: "empty" };
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

  if (mediaType === "application/x-www-form-urlencoded") {
    return { kind: "form", value: Object.fromEntries(new URLSearchParams(raw.toString("utf8"))) };
  }
  if (mediaType === "multipart/form-data") {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
    const form = parseMultipart(raw, (boundary?.[1] ?? boundary?.[2] ?? "").trim());
    return form ? { kind: "multipart", ...form } : { kind: "invalid", reason: "Malformed multipart/form-data body" };
  }
  // JSON is the default: Auth0 parses bodies without a content type as JSON too.
  try {
    return { kind: "json", value: JSON.parse(raw.toString("utf8")) };
  } catch {
    return { kind: "invalid", reason: "Invalid request payload JSON format" };
  }
}
