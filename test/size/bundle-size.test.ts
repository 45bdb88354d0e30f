import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// The benchmark's own measurements, so the budget and `npm run bench` measure the same thing.
import { measureBundle, measurePackage } from "../../bench/sizes.mjs";

/**
 * The size budget, measured on the BUILT package (`dist/`, so `node scripts/build.mjs` first; `npm test` builds before
 * it runs the tests): an app bundler's output for a one-call app (`users.get`), and the package as npm would pack it.
 * Growing past `budget.json` fails the build; a deliberate increase is a change to `budget.json`, with the reason.
 */

const root = fileURLToPath(new URL("../..", import.meta.url));
interface Budget {
  /** Bytes an app loads for one `users.get` call: minified, code-split, the jose chunk (ID tokens) excluded. */
  oneCallAppBytes: number;
  measuredOn: string;
  measured: number;
  /** `npm pack`'s unpacked size: DESIGN's target, under 2 MB (2 MiB: 2,097,152 bytes). */
  packageUnpackedBytes: number;
  packageUnpackedMeasured: number;
}
const budget = JSON.parse(readFileSync(new URL("./budget.json", import.meta.url), "utf8")) as Budget;

function requireBuild(): void {
  const entry = join(root, "dist/esm/index.js");
  if (!existsSync(entry)) throw new Error("dist/ is missing: run `node scripts/build.mjs` before the size test (npm test does)");
  const built = statSync(entry).mtimeMs;
  const source = statSync(join(root, "src/index.ts")).mtimeMs;
  if (source > built) console.warn("size: src/index.ts is newer than dist/ — the figures below are of the last build");
}

describe("size budget", () => {
  it("the one-call app (users.get) stays within its bundle budget", async () => {
    requireBuild();
    const { bytes, gzip, allBytes } = await measureBundle();
    const share = ((bytes / budget.oneCallAppBytes) * 100).toFixed(1);
    console.log(
      `size: one-call app ${bytes} bytes minified (${gzip} gzip; ${allBytes} with the jose chunk) — budget ${budget.oneCallAppBytes} (${share}%), measured ${budget.measured} on ${budget.measuredOn}`,
    );
    expect(bytes, `the one-call app grew past its budget (${budget.oneCallAppBytes} bytes): find what was added, or raise test/size/budget.json deliberately`).toBeLessThanOrEqual(
      budget.oneCallAppBytes,
    );
    // The SDK's own part of it must exist: a bundle that resolved nothing would pass any budget.
    expect(bytes).toBeGreaterThan(20_000);
  }, 60_000);

  it("the package's unpacked size stays under 2 MB", () => {
    requireBuild();
    const info = measurePackage();
    console.log(`size: package ${info.unpacked} bytes unpacked (${info.packed} packed, ${info.files} files) — budget ${budget.packageUnpackedBytes}`);
    expect(info.unpacked, "the package grew past 2 MB unpacked").toBeLessThanOrEqual(budget.packageUnpackedBytes);
  }, 60_000);
});
