// Types for readme-table.mjs, which test/bench/readme-table.test.ts shares with the benchmark.
export interface RowFigures {
  /** What the table shows. */
  text: string;
  [figure: string]: unknown;
}
export interface ResultRow {
  id: string;
  what: string;
  target: string;
  measuredAt: string;
  ours: RowFigures;
  v5: RowFigures | null;
}
export interface BenchResults {
  command: string;
  subjects: { ours: string; v5: string | null };
  machine: { node: string; platform: string; cpus: number; cpu: string; load?: number };
  rows: ResultRow[];
}
export const START: string;
export const END: string;
export function readResults(): BenchResults | undefined;
export function writeResults(results: BenchResults): void;
export function renderTable(results: BenchResults): string;
export function withTable(readme: string, results: BenchResults): string;
export function renderReadme(results?: BenchResults): void;
