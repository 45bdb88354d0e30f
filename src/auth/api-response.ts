/** What the Authentication API and `/userinfo` methods resolve to, with v5's class names and shapes. */

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
  status: number;
  statusText: string;
}

/** A response whose body is JSON: `data` is the parsed value. */
export class JSONApiResponse<T> implements ApiResponse<T> {
  constructor(
    public data: T,
    public headers: Headers,
    readonly status: number,
    readonly statusText: string,
  ) {}

  /** Reads `raw`'s body as JSON (it must not have been read already). */
  static async fromResponse<T = unknown>(raw: Response): Promise<JSONApiResponse<T>> {
    return jsonFrom<T>(raw);
  }
}

/** A response without a body worth reading. */
export class VoidApiResponse implements ApiResponse<undefined> {
  // Declared, not defined: as in v5, `data` is not an own property of the instance.
  declare data: undefined;

  constructor(
    public headers: Headers,
    readonly status: number,
    readonly statusText: string,
  ) {}

  /** Keeps `raw`'s status and headers; the body is left unread. */
  static async fromResponse(raw: Response): Promise<VoidApiResponse> {
    return voidFrom(raw);
  }
}

/** A response whose body is kept as text. */
export class TextApiResponse implements ApiResponse<string> {
  constructor(
    public data: string,
    public headers: Headers,
    readonly status: number,
    readonly statusText: string,
  ) {}

  /** Reads `raw`'s body as text (it must not have been read already). */
  static async fromResponse(raw: Response): Promise<TextApiResponse> {
    return textFrom(raw);
  }
}

// Outside the class bodies: a class that names itself inside its body is renamed by the bundler (`_JSONApiResponse`).
async function jsonFrom<T>(raw: Response): Promise<JSONApiResponse<T>> {
  return new JSONApiResponse<T>((await raw.json()) as T, raw.headers, raw.status, raw.statusText);
}

async function voidFrom(raw: Response): Promise<VoidApiResponse> {
  return new VoidApiResponse(raw.headers, raw.status, raw.statusText);
}

async function textFrom(raw: Response): Promise<TextApiResponse> {
  return new TextApiResponse(await raw.text(), raw.headers, raw.status, raw.statusText);
}
