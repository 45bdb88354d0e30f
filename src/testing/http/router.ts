type Segment = { readonly literal: string } | { readonly param: string };

export interface RouteDefinition {
  readonly method: string;
  /** Templated like the OpenAPI document: `/users/{id}/roles`. */
  readonly path: string;
}

interface CompiledRoute<R> {
  readonly route: R;
  readonly segments: readonly Segment[];
  readonly literals: number;
}

export type RouteMatch<R> =
  | { readonly found: true; readonly route: R; readonly params: Readonly<Record<string, string>> }
  | { readonly found: false };

/** Matches a method and path to one of a fixed table of templated routes; literal segments beat placeholders. */
export class Router<R extends RouteDefinition> {
  readonly #routes: CompiledRoute<R>[];

  constructor(routes: readonly R[]) {
    this.#routes = routes
      .map((route) => {
        const segments = splitPath(route.path).map((part): Segment => {
          const param = /^\{(.+)\}$/.exec(part)?.[1];
          return param === undefined ? { literal: part } : { param };
        });
        return { route, segments, literals: segments.filter((s) => "literal" in s).length };
      })
      .sort((a, b) => b.literals - a.literals);
  }

  match(method: string, path: string): RouteMatch<R> {
    const parts = splitPath(path);
    for (const compiled of this.#routes) {
      if (compiled.route.method !== method) continue;
      const params = matchSegments(compiled.segments, parts);
      if (params) return { found: true, route: compiled.route, params };
    }
    return { found: false };
  }
}

function splitPath(path: string): string[] {
  return path.split("/").filter((part) => part.length > 0);
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const part = parts[i];
    if (segment === undefined || part === undefined) return undefined;
    if ("literal" in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      try {
        params[segment.param] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    }
  }
  return params;
}
