// auth0@5.14.1 always calls https://{domain}; the bench's servers speak plain HTTP on loopback. This routes this
// process's fetch requests for https://127.0.0.1:PORT to http://127.0.0.1:PORT by wrapping the global dispatcher
// Node's fetch uses (the symbol undici documents for it), so v5 can be measured against the same servers as this
// package. Every subject's requests pass through the wrapper alike; for plain-HTTP origins it only compares a string.
const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

export async function routeHttpsLoopbackToHttp() {
  // Node creates its default agent on the first fetch; make one happen (it fails fast: nothing listens on port 9).
  if (globalThis[GLOBAL_DISPATCHER] === undefined) await fetch("http://127.0.0.1:9/").catch(() => undefined);
  const agent = globalThis[GLOBAL_DISPATCHER];
  if (agent === undefined || typeof agent.dispatch !== "function") throw new Error("bench: cannot find Node's fetch dispatcher");
  if (agent.routesHttpsLoopback) return;
  globalThis[GLOBAL_DISPATCHER] = {
    routesHttpsLoopback: true,
    dispatch(options, handler) {
      const origin = String(options.origin);
      return agent.dispatch(origin.startsWith("https://127.0.0.1:") ? { ...options, origin: `http://${origin.slice("https://".length)}` } : options, handler);
    },
    close: (...args) => agent.close(...args),
    destroy: (...args) => agent.destroy(...args),
  };
}
