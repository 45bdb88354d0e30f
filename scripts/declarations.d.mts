// Types for declarations.mjs (the build's declaration step), for its tests.
export function forFormat(text: string, format: "esm" | "cjs"): string;
export function withoutDeclare(text: string): string;
export function dedupeInterfaces(text: string): string;
export function splitShared(
  text: string,
  options: { entry: string; shared: string; namespaces?: Record<string, string> },
): { entry: string; files: Map<string, string> };
