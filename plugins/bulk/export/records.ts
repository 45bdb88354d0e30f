import { BulkDownloadError } from "../errors.js";

/** Turns an export file's text, as it arrives, into users: NDJSON lines (`json`) or CSV rows under the header row. */
export interface RecordReader {
  /** The users completed by this piece of text. */
  feed(text: string): unknown[];
  /** The last user, if the file does not end with a line break. */
  end(): unknown[];
}

export function recordReader(format: "json" | "csv"): RecordReader {
  return format === "csv" ? new CsvReader() : new JsonLinesReader();
}

class JsonLinesReader implements RecordReader {
  #rest = "";
  #line = 0;

  feed(text: string): unknown[] {
    const lines = (this.#rest + text).split("\n");
    this.#rest = lines.pop() ?? "";
    return lines.flatMap((line) => this.#parse(line));
  }

  end(): unknown[] {
    const last = this.#rest;
    this.#rest = "";
    return this.#parse(last);
  }

  #parse(line: string): unknown[] {
    this.#line += 1;
    const trimmed = line.trim();
    if (trimmed === "") return [];
    try {
      return [JSON.parse(trimmed)];
    } catch {
      throw new BulkDownloadError(`Line ${this.#line} of the export file is not valid JSON`);
    }
  }
}

/** RFC 4180: fields split by commas, quoted fields may hold commas, quotes (doubled) and line breaks. */
class CsvReader implements RecordReader {
  #header: string[] | undefined;
  #row: string[] = [];
  #field = "";
  #quoted = false;
  /** The previous character closed a quoted section (a quote now is an escaped one). */
  #afterQuote = false;
  #fieldStarted = false;

  feed(text: string): unknown[] {
    const records: unknown[] = [];
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (this.#quoted) {
        if (char === '"') {
          this.#quoted = false;
          this.#afterQuote = true;
        } else this.#field += char;
        continue;
      }
      if (char === '"') {
        if (this.#afterQuote) this.#field += '"';
        this.#quoted = true;
        this.#afterQuote = false;
        this.#fieldStarted = true;
        continue;
      }
      this.#afterQuote = false;
      if (char === ",") this.#endField();
      else if (char === "\n") this.#endRow(records);
      else if (char !== "\r") {
        this.#field += char;
        this.#fieldStarted = true;
      }
    }
    return records;
  }

  end(): unknown[] {
    const records: unknown[] = [];
    if (this.#quoted) throw new BulkDownloadError("The export file ends inside a quoted CSV field");
    if (this.#fieldStarted || this.#row.length > 0) this.#endRow(records);
    return records;
  }

  #endField(): void {
    this.#row.push(this.#field);
    this.#field = "";
    this.#fieldStarted = false;
  }

  #endRow(records: unknown[]): void {
    this.#endField();
    const row = this.#row;
    this.#row = [];
    if (row.length === 1 && row[0] === "") return;
    if (this.#header === undefined) {
      this.#header = row;
      return;
    }
    const record: Record<string, string> = {};
    this.#header.forEach((name, k) => (record[name] = row[k] ?? ""));
    records.push(record);
  }
}
