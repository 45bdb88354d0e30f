/**
 * mTLS on Node: an undici `Agent` that presents a client certificate, to pass as the `agent` option together with
 * `useMTLS: true`. Not imported by the package's main entry: only programs that import this module load it.
 *
 * undici is not a dependency of this package (Node's built-in fetch does not expose its `Agent`), so it is loaded with
 * a dynamic `import("undici")`: install it (`npm i undici`, a major version matching your Node's fetch), or pass its
 * module yourself as the second argument. Any undici-compatible dispatcher you build yourself works as `agent` too.
 */

export interface MtlsAgentOptions {
  /** The client certificate chain, PEM. */
  cert: string | Uint8Array;
  /** Its private key, PEM. */
  key: string | Uint8Array;
  /** Passphrase of an encrypted `key`. */
  passphrase?: string;
  /** CA certificates to trust instead of the defaults, PEM. */
  ca?: string | Uint8Array | Array<string | Uint8Array>;
}

/** What this helper needs of the undici module. */
export interface UndiciAgentModule {
  Agent: new (options: { connect: Record<string, unknown> }) => unknown;
}

export async function createMtlsAgent(options: MtlsAgentOptions, undici?: UndiciAgentModule): Promise<unknown> {
  if (!options || !options.cert || !options.key) throw new TypeError("createMtlsAgent needs the client certificate (cert) and its private key (key)");
  const module = undici ?? (await loadUndici());
  const { cert, key, passphrase, ca } = options;
  return new module.Agent({ connect: { cert, key, ...(passphrase !== undefined ? { passphrase } : {}), ...(ca !== undefined ? { ca } : {}) } });
}

async function loadUndici(): Promise<UndiciAgentModule> {
  // A variable specifier keeps bundlers and the type checker from resolving an optional package.
  const specifier = "undici";
  let loaded: unknown;
  try {
    loaded = await import(specifier);
  } catch (error) {
    throw new Error('mTLS needs the "undici" package for its Agent: run `npm install undici`, or pass an agent you built as the `agent` option', {
      cause: error,
    });
  }
  const Agent = (loaded as { Agent?: unknown }).Agent;
  if (typeof Agent !== "function") throw new Error('The "undici" module found has no Agent class');
  return loaded as UndiciAgentModule;
}
