/** One uploaded file of a multipart/form-data body. */
export interface UploadedFile {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface MultipartForm {
  readonly fields: Readonly<Record<string, string>>;
  readonly files: Readonly<Record<string, UploadedFile>>;
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/**
 * Minimal multipart/form-data reader (RFC 7578), enough for what `FormData` and the SDK send: named parts, optional
 * filename and content type. Returns undefined when the body does not follow the boundary framing.
 */
export function parseMultipart(raw: Buffer, boundary: string): MultipartForm | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files: Record<string, UploadedFile> = {};

  let cursor = raw.indexOf(delimiter);
  if (cursor < 0) return undefined;
  for (;;) {
    cursor += delimiter.length;
    if (raw.subarray(cursor, cursor + 2).toString() === "--") return { fields, files };
    if (!raw.subarray(cursor, cursor + 2).equals(CRLF)) return undefined;
    cursor += 2;

    const next = raw.indexOf(delimiter, cursor);
    if (next < 0) return undefined;
    // The part ends with the CRLF that precedes the next delimiter.
    const part = raw.subarray(cursor, next - 2);
    const headerEnd = part.indexOf(HEADER_END);
    if (headerEnd < 0) return undefined;
    const headers = parsePartHeaders(part.subarray(0, headerEnd).toString("utf8"));
    const content = part.subarray(headerEnd + HEADER_END.length);

    const disposition = headers.get("content-disposition") ?? "";
    const name = dispositionParam(disposition, "name");
    if (name !== undefined) {
      const filename = dispositionParam(disposition, "filename");
      if (filename === undefined) {
        fields[name] = content.toString("utf8");
      } else {
        files[name] = {
          filename,
          contentType: headers.get("content-type") ?? "application/octet-stream",
          content: Buffer.from(content),
        };
      }
    }
    cursor = next;
  }
}

function parsePartHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function dispositionParam(disposition: string, param: string): string | undefined {
  const match =
    new RegExp(`(?:^|;)\\s*${param}="((?:[^"\\\\]|\\\\.)*)"`, "i").exec(disposition) ??
    new RegExp(`(?:^|;)\\s*${param}=([^;]+)`, "i").exec(disposition);
  return match?.[1]?.replace(/\\(.)/g, "$1");
}
