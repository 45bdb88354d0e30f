/**
 * Where the engine has no `Symbol.asyncIterator` (Hermes, React Native's engine, through at least 0.83), also offer a
 * class's async iterator under "@@asyncIterator", the key Babel's `for await` helper — which Metro applies to every
 * React Native app — looks for next. Elsewhere this does nothing.
 */
export function aliasAsyncIterator(prototype: object): void {
  if (typeof Symbol.asyncIterator === "symbol") return;
  // Without the symbol, a method written `[Symbol.asyncIterator]` was keyed "undefined": reading it back the same
  // way finds it.
  const method = (prototype as Record<PropertyKey, unknown>)[Symbol.asyncIterator as PropertyKey];
  Object.defineProperty(prototype, "@@asyncIterator", { value: method, configurable: true, writable: true });
}
