// Types for declarations.mjs (the build's declaration step), for its tests.
/** Where a name is declared: a file's specifier, and the name it has there. */
export interface DeclarationHome {
  specifier: string;
  name: string;
}
export function forFormat(text: string, format: "esm" | "cjs"): string;
export function withoutDeclare(text: string): string;
export function dedupeInterfaces(text: string): string;
export function splitShared(
  text: string,
  options: {
    entry: string;
    shared: string;
    namespaces?: Record<string, string>;
    neutral?: (specifier: string, name: string) => DeclarationHome | undefined;
  },
): { entry: string; files: Map<string, string>; exported: Map<string, DeclarationHome> };
