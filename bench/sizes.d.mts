// Types for sizes.mjs, which the size test (test/size) shares with the benchmark.
export interface BundleSize {
  /** Bytes the app loads for one users.get call (the lazily loaded jose chunk excluded). */
  bytes: number;
  gzip: number;
  /** Every chunk emitted, jose included. */
  allBytes: number;
  allGzip: number;
}
export function measureBundle(packageDir?: string, name?: string, platform?: "neutral" | "node"): Promise<BundleSize>;
export function measurePackage(packageDir?: string): { packed: number; unpacked: number; files: number };
