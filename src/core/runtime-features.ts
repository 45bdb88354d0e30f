import { MissingRuntimeFeatureError } from "./errors.js";

/**
 * Throws `MissingRuntimeFeatureError` naming each of `globals` (paths from `globalThis`, e.g. "crypto.subtle") the
 * runtime lacks, before a feature that needs them is tried: React Native has no WebCrypto without a polyfill.
 */
export function requireGlobals(feature: string, globals: readonly string[]): void {
  const missing = globals.filter((path) => path.split(".").reduce<unknown>((owner, key) => (owner as Record<string, unknown> | undefined)?.[key], globalThis) === undefined);
  if (missing.length > 0) {
    throw new MissingRuntimeFeatureError(feature, missing, "On React Native, install react-native-quick-crypto and the other polyfills the README's React Native section lists.");
  }
}
