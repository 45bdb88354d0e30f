/**
 * The `Reflect` tsyringe sees: the standard one, plus the metadata API tsyringe's modules call, as a private object.
 * The build (scripts/tsyringe-reflect.mjs) binds tsyringe's own `Reflect` references to it, so importing the SDK adds
 * nothing to the global `Reflect` and replaces nothing an app installed there (NestJS, TypeORM and Inversify apps
 * carry reflect-metadata 0.1), and works where intrinsics are frozen.
 *
 * Not reflect-metadata itself (9 KB minified in every app bundle): the SDK registers factories and values only, never
 * decorated classes, so tsyringe only checks at import that `getMetadata` exists; its decorators, which would read and
 * write metadata, are never bundled. What they call is still implemented, with reflect-metadata's semantics (own
 * metadata per target and property; `getMetadata` walks the prototype chain).
 */
type Key = string | symbol | undefined;
const store = new WeakMap<object, Map<Key, Map<unknown, unknown>>>();

function own(target: object, property: Key, create: boolean): Map<unknown, unknown> | undefined {
  let byProperty = store.get(target);
  if (!byProperty) {
    if (!create) return undefined;
    store.set(target, (byProperty = new Map()));
  }
  let metadata = byProperty.get(property);
  if (!metadata && create) byProperty.set(property, (metadata = new Map()));
  return metadata;
}

function defineMetadata(key: unknown, value: unknown, target: object, property?: string | symbol): void {
  own(target, property, true)!.set(key, value);
}

function getOwnMetadata(key: unknown, target: object, property?: string | symbol): unknown {
  return own(target, property, false)?.get(key);
}

function hasOwnMetadata(key: unknown, target: object, property?: string | symbol): boolean {
  return own(target, property, false)?.has(key) ?? false;
}

function getMetadata(key: unknown, target: object, property?: string | symbol): unknown {
  for (let current: object | null = target; current !== null; current = Object.getPrototypeOf(current) as object | null) {
    const metadata = own(current, property, false);
    if (metadata?.has(key)) return metadata.get(key);
  }
  return undefined;
}

function hasMetadata(key: unknown, target: object, property?: string | symbol): boolean {
  for (let current: object | null = target; current !== null; current = Object.getPrototypeOf(current) as object | null) {
    if (own(current, property, false)?.has(key)) return true;
  }
  return false;
}

const metadataApi = { defineMetadata, getMetadata, getOwnMetadata, hasMetadata, hasOwnMetadata };

export const Reflect: typeof globalThis.Reflect & typeof metadataApi = Object.assign(Object.create(globalThis.Reflect) as typeof globalThis.Reflect, metadataApi);
