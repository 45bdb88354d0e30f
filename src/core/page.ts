import { aliasAsyncIterator } from "./async-iterator.js";
import type { RawResponse } from "./http.js";

/** How a `Page` fetches the page after the current one. */
export interface PageSource<T, R> {
  /** Items of a response. */
  items(response: R): T[];
  /** Whether another page exists after `response`. */
  hasNext(response: R): boolean;
  /** Fetch the page after `response`. */
  next(response: R): Promise<{ data: R; rawResponse: RawResponse }>;
}

/**
 * One page of a list, and the way to the others: `data` holds this page's items, `hasNextPage()` tells whether there
 * is another, `getNextPage()` loads it (into this same object), and `for await` walks every item of every page.
 */
export class Page<T, R = unknown> implements AsyncIterable<T> {
  data: T[];
  response: R;
  rawResponse: RawResponse;
  readonly #source: PageSource<T, R>;

  constructor(first: { data: R; rawResponse: RawResponse }, source: PageSource<T, R>) {
    this.#source = source;
    this.response = first.data;
    this.rawResponse = first.rawResponse;
    this.data = source.items(first.data);
  }

  hasNextPage(): boolean {
    return this.#source.hasNext(this.response);
  }

  /** Load the next page into this object and return it. */
  async getNextPage(): Promise<this> {
    const next = await this.#source.next(this.response);
    this.response = next.data;
    this.rawResponse = next.rawResponse;
    this.data = this.#source.items(next.data);
    return this;
  }

  async *iterPages(): AsyncGenerator<this, void, undefined> {
    yield this;
    while (this.hasNextPage()) yield await this.getNextPage();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

aliasAsyncIterator(Page.prototype);
