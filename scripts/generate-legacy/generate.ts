/** The pure pipeline: the two tables in, the file contents out (no file system). */
import { generatedFiles } from "./emit.js";
import type { V4Table, V5Method } from "./load.js";
import { buildModel } from "./model.js";
import type { LegacySurface } from "./surface.js";
import { wireTestFiles } from "./wire-tests.js";

export interface LegacyOutput {
  /** Files of `plugins/legacy/generated/`. */
  readonly generated: Map<string, string>;
  /** Files of `plugins/legacy/test/wire/`. */
  readonly wireTests: Map<string, string>;
  readonly stats: { readonly methods: number; readonly managers: number; readonly unmatched: readonly string[]; readonly aliases: number; readonly requests: number; readonly enums: number };
}

export function generateLegacy(v4: V4Table, v5: readonly V5Method[], surface: LegacySurface): LegacyOutput {
  const model = buildModel(v4, v5);
  return {
    generated: generatedFiles(model, surface),
    wireTests: wireTestFiles(v4.methods),
    stats: {
      methods: v4.methods.length,
      managers: model.managers.length,
      unmatched: model.unmatched,
      aliases: model.aliases.size,
      requests: model.requests.length,
      enums: model.enums.length,
    },
  };
}
