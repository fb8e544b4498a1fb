/**
 * What `zod` resolves to in the web's production build (the `yiqi-zod-stub` plugin in web/vite.config.ts).
 * The web imports the shared contracts for their types and constants (status names, patterns) and never
 * validates with them; but a contract module builds its schemas when it loads, so without this stub every
 * page showing a status name would download zod (~90 KB) and construct hundreds of schemas first (issue 17,
 * docs/decisions/0028-first-page-preload.md). Any schema built here is an inert stand-in whose methods
 * chain; validating with one (parse, safeParse, …) throws, so a page that starts to need zod at runtime
 * fails loudly in the build it runs in, and must then drop the stub.
 */
const VALIDATE = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa', 'decode', 'encode']);

function inert(): unknown {
  const target = function () {};
  return new Proxy(target, {
    get(_t, key) {
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'then') return undefined; // not a promise
      if (typeof key === 'string' && VALIDATE.has(key))
        return () => {
          throw new Error(`zod is stubbed in the web build (web/vite.config.ts): cannot ${key}`);
        };
      return inert();
    },
    apply: () => inert(),
    construct: () => inert() as object,
  });
}

export const z = inert();
export default z;
