import { InvalidInputError } from "./errors.js";
import type { PipelineRequest, PipelineResponse } from "./http.js";
import { sendFollowingSameOriginRedirects } from "./redirects.js";

/** Hands the request to the rest of the chain. */
export type Next = (request: PipelineRequest) => Promise<PipelineResponse>;

/** A link of the chain: it may change the request, call `next` zero or more times, and change the response. */
export type PipelineMiddleware = (request: PipelineRequest, next: Next) => Promise<PipelineResponse>;

/** The bottom of the chain: performs one HTTP exchange. */
export type Fetcher = (request: PipelineRequest) => Promise<PipelineResponse>;

/** The built-in links, outermost first. */
export const BUILT_IN_LINKS = ["auth", "customDomain", "retry", "timeout", "logging", "rawResponse"] as const;
export type BuiltInLinkName = (typeof BUILT_IN_LINKS)[number];

/** Where a middleware goes: just before (outside) or just after (inside) a named link. Neither: outermost. */
export interface MiddlewarePlacement {
  /** Its name, so others can place themselves around it or remove it. Defaults to `middleware-<n>`. */
  name?: string;
  before?: BuiltInLinkName | (string & {});
  after?: BuiltInLinkName | (string & {});
}

/** A middleware with its placement, as given in a client's `middleware` option. */
export interface MiddlewareEntry extends MiddlewarePlacement {
  middleware: PipelineMiddleware;
}

interface Link {
  readonly name: string;
  readonly middleware: PipelineMiddleware;
}

/**
 * An ordered chain of named middleware over a fetcher. The chain is composed once and recomposed only when it
 * changes, so a request pays one function call per link and nothing else.
 */
export class Pipeline {
  #links: Link[];
  #fetcher: Fetcher;
  #dispatch: Next | undefined;
  #anonymous = 0;

  constructor(links: ReadonlyArray<readonly [string, PipelineMiddleware]>, fetcher: Fetcher) {
    this.#links = links.map(([name, middleware]) => ({ name, middleware }));
    this.#fetcher = fetcher;
  }

  /** Link names, outermost first (the fetcher is not a link). */
  get names(): string[] {
    return this.#links.map((link) => link.name);
  }

  get fetcher(): Fetcher {
    return this.#fetcher;
  }

  /** Replace the bottom of the chain (a custom transport). */
  setFetcher(fetcher: Fetcher): void {
    this.#fetcher = fetcher;
    this.#dispatch = undefined;
  }

  has(name: string): boolean {
    return this.#links.some((link) => link.name === name);
  }

  /** Insert a middleware; returns a function that removes it again. */
  use(middleware: PipelineMiddleware, placement: MiddlewarePlacement = {}): () => void {
    if (typeof middleware !== "function") throw new InvalidInputError("middleware", "A middleware must be a function (request, next) => Promise<response>");
    if (placement.before !== undefined && placement.after !== undefined) {
      throw new InvalidInputError("middleware", "Give a middleware either `before` or `after`, not both");
    }
    const name = placement.name ?? `middleware-${++this.#anonymous}`;
    if (this.has(name)) throw new InvalidInputError("middleware", `A middleware named "${name}" is already in the chain`);
    const anchor = placement.before ?? placement.after;
    let index = 0;
    if (anchor !== undefined) {
      index = this.#indexOf(anchor) + (placement.after !== undefined ? 1 : 0);
    }
    this.#links.splice(index, 0, { name, middleware });
    this.#dispatch = undefined;
    return () => {
      if (this.has(name)) this.remove(name);
    };
  }

  /** Swap the middleware behind a name, keeping its place. */
  replace(name: string, middleware: PipelineMiddleware): void {
    const index = this.#indexOf(name);
    this.#links[index] = { name, middleware };
    this.#dispatch = undefined;
  }

  remove(name: string): void {
    this.#links.splice(this.#indexOf(name), 1);
    this.#dispatch = undefined;
  }

  /** Run a request through the chain. */
  send(request: PipelineRequest): Promise<PipelineResponse> {
    return (this.#dispatch ??= this.#compose())(request);
  }

  #indexOf(name: string): number {
    const index = this.#links.findIndex((link) => link.name === name);
    if (index < 0) throw new InvalidInputError("middleware", `No middleware named "${name}" in the chain (${this.names.join(", ")})`);
    return index;
  }

  #compose(): Next {
    const fetcher = this.#fetcher;
    // Whatever the transport, redirects are followed here, by one rule: within the request's origin only.
    let next: Next = (request) => sendFollowingSameOriginRedirects(fetcher, request);
    for (let i = this.#links.length - 1; i >= 0; i--) {
      const { middleware } = this.#links[i]!;
      const inner = next;
      next = (request) => middleware(request, inner);
    }
    return next;
  }
}
