// The default transport's rules (src/transport/read-response.ts `parseBody`), which the public surface does not
// export; test/responses.test.ts checks both transports read the same responses the same way.

const JSON_TYPE = /^(application\/(.+\+)?json|text\/json)\b/i;

/** JSON when it parses (and the content type does not say otherwise); else the text, flagged. Empty: undefined. */
export function parseBody(text: string, contentType: string | null): { body: unknown; bodyIsText?: boolean } {
  if (text === "") return { body: undefined };
  if (contentType !== null && contentType !== "" && !JSON_TYPE.test(contentType) && !contentType.startsWith("application/octet-stream")) {
    if (!/^\s*[[{]/.test(text)) return { body: text, bodyIsText: true };
  }
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: text, bodyIsText: true };
  }
}
