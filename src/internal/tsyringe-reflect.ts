/**
 * The `Reflect` tsyringe sees: the standard one, plus the metadata API from reflect-metadata's no-conflict entry,
 * as a private object. The build (scripts/tsyringe-reflect.mjs) binds tsyringe's own `Reflect` references to it, so
 * importing the SDK adds nothing to the global `Reflect` and replaces nothing an app installed there (NestJS,
 * TypeORM and Inversify apps carry reflect-metadata 0.1), and works where intrinsics are frozen.
 */
import {
  decorate,
  defineMetadata,
  deleteMetadata,
  getMetadata,
  getMetadataKeys,
  getOwnMetadata,
  getOwnMetadataKeys,
  hasMetadata,
  hasOwnMetadata,
  metadata,
} from "reflect-metadata/no-conflict";

const metadataApi = { decorate, defineMetadata, deleteMetadata, getMetadata, getMetadataKeys, getOwnMetadata, getOwnMetadataKeys, hasMetadata, hasOwnMetadata, metadata };

export const Reflect: typeof globalThis.Reflect & typeof metadataApi = Object.assign(Object.create(globalThis.Reflect) as typeof globalThis.Reflect, metadataApi);
