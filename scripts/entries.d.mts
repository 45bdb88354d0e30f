// Types for entries.mjs, which the build and the tests that check every entry share.
export interface Entry {
  /** The file name in dist/: `index`, `testing`, `plugins-axios`, … */
  name: string;
  source: string;
  /** "neutral": runs anywhere (web standards only); "node": Node-only. */
  platform: "neutral" | "node";
  apiExtractorConfig: string;
}
export const entries: readonly Entry[];
