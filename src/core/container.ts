// tsyringe gets its metadata API from a private Reflect (src/internal/tsyringe-reflect.ts, bound by the build and by
// vitest), not from reflect-metadata on the global one, except when the sources run unbuilt (see the fallback).
import "../internal/reflect-fallback.js";
import { container as rootContainer, instanceCachingFactory, type DependencyContainer } from "tsyringe";

/** A typed key in a client's container. */
export interface Token<T> {
  readonly key: symbol;
  /** Never set: carries `T` for the type checker. */
  readonly type?: T;
}

export function createToken<T>(description: string): Token<T> {
  return { key: Symbol(description) };
}

/**
 * The dependency container each client owns (a tsyringe child container). Registrations are factories under
 * explicit tokens — never decorator metadata, which esbuild and vitest do not emit — and a factory runs at most
 * once per client. The wrapper keeps tsyringe out of the public types.
 */
export class ClientContainer {
  readonly #container: DependencyContainer;

  constructor(parent?: ClientContainer) {
    this.#container = (parent ? parent.#container : rootContainer).createChildContainer();
  }

  /** Register a factory; it runs on first resolve and its result is kept. */
  register<T>(token: Token<T>, factory: (container: ClientContainer) => T): this {
    this.#container.register(token.key, { useFactory: instanceCachingFactory(() => factory(this)) });
    return this;
  }

  registerValue<T>(token: Token<T>, value: T): this {
    this.#container.register(token.key, { useValue: value });
    return this;
  }

  resolve<T>(token: Token<T>): T {
    return this.#container.resolve<T>(token.key);
  }

  isRegistered(token: Token<unknown>): boolean {
    return this.#container.isRegistered(token.key, true);
  }
}
