import { UsersFileError } from "../errors.js";

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const BOM = 0xfeff;

/**
 * The users of a users file, parsed as its bytes arrive: a JSON array of objects (`[{…},{…}]`, Auth0's import format)
 * or objects one after another (NDJSON, Auth0's export format), a batch per piece of the file. Only the objects of one
 * piece are held, so a file of any size streams through in flat memory. Anything else is a `UsersFileError` naming
 * where it went wrong.
 */
export async function* usersOfFile(pieces: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown[]> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const scanner = new ObjectScanner();
  for await (const piece of pieces) {
    const users = scanner.feed(typeof piece === "string" ? piece : decoder.decode(piece, { stream: true }));
    if (users.length > 0) yield users;
  }
  const last = scanner.feed(decoder.decode());
  scanner.end();
  if (last.length > 0) yield last;
}

type Mode = "start" | "array" | "lines" | "closed";

/** Finds each top-level object's text by counting braces outside strings, and parses it. */
class ObjectScanner {
  #mode: Mode = "start";
  /** Inside an object: its text so far from earlier pieces, and the nesting depth. */
  #partial = "";
  #depth = 0;
  #inString = false;
  #escaped = false;
  /** In an array, whether the next element may start (after `[` or `,`). */
  #expectElement = true;
  #count = 0;
  #offset = 0;

  feed(text: string): unknown[] {
    const users: unknown[] = [];
    let start = this.#depth > 0 ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (this.#depth > 0) {
        if (this.#inString) {
          if (this.#escaped) this.#escaped = false;
          else if (code === BACKSLASH) this.#escaped = true;
          else if (code === QUOTE) this.#inString = false;
          continue;
        }
        if (code === QUOTE) this.#inString = true;
        else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.#depth += 1;
        else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
          this.#depth -= 1;
          if (this.#depth === 0) {
            users.push(this.#parse(this.#partial + text.slice(start, i + 1)));
            this.#partial = "";
            start = -1;
          }
        }
        continue;
      }
      if (isSpace(code) || (code === BOM && this.#mode === "start")) continue;
      if (code === OPEN_BRACE && this.#mode !== "closed" && (this.#mode !== "array" || this.#expectElement)) {
        if (this.#mode === "start") this.#mode = "lines";
        this.#depth = 1;
        this.#expectElement = false;
        start = i;
      } else if (this.#mode === "start" && code === OPEN_BRACKET) {
        this.#mode = "array";
      } else if (this.#mode === "array" && code === COMMA && !this.#expectElement && this.#count > 0) {
        this.#expectElement = true;
      } else if (this.#mode === "array" && code === CLOSE_BRACKET && (!this.#expectElement || this.#count === 0)) {
        this.#mode = "closed";
      } else {
        throw this.#error(`unexpected ${JSON.stringify(text[i])} at character ${this.#offset + i}`);
      }
    }
    if (start >= 0) this.#partial += text.slice(start);
    this.#offset += text.length;
    return users;
  }

  end(): void {
    if (this.#depth > 0) throw this.#error("it ends inside a user object");
    if (this.#mode === "array") throw this.#error("the JSON array is not closed");
  }

  #parse(text: string): unknown {
    this.#count += 1;
    try {
      return JSON.parse(text);
    } catch (error) {
      throw this.#error(`user ${this.#count} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  #error(detail: string): UsersFileError {
    return new UsersFileError(`The users file must be a JSON array of user objects or NDJSON: ${detail}`);
  }
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
