/**
 * Only for the sources run as they are (tsx, ts-node): there tsyringe reads the global `Reflect`, so it is patched
 * as tsyringe requires. The build and vitest replace this module with an empty one (scripts/tsyringe-reflect.mjs)
 * and give tsyringe a private `Reflect` instead: the package, and the tests, change no global.
 */
import "reflect-metadata";
