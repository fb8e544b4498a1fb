import { randomUUID } from 'node:crypto';
import type { Compilable, CompiledQuery } from 'kysely';
import type { Database } from './database.ts';

/**
 * A query of a fixed shape, built and compiled by Kysely once instead of on every call. Building and
 * compiling a large query (joins, a subquery, thirty columns) costs a few hundred microseconds of JavaScript
 * per request, as much as the database spends executing it; on the hot paths (a sign-up, a check-in) only
 * the values change. `build` gets a unique placeholder string for each value, which must each become a
 * parameter (and nothing else may depend on them); every call returns the compiled query with the
 * placeholders replaced by the real values. Executed with `db.executeQuery(…)`.
 */
export function compiledOnce<K extends string, R>(
  keys: readonly K[],
  build: (db: Database, values: Record<K, string>) => Compilable<R>,
): (db: Database, values: Record<K, string>) => CompiledQuery<R> {
  const marks = Object.fromEntries(keys.map((k) => [k, `yiqi:${k}:${randomUUID()}`])) as Record<K, string>;
  const slots = new Map<unknown, K>(keys.map((k) => [marks[k], k]));
  let compiled: CompiledQuery<R> | undefined;
  return (db, values) => {
    if (!compiled) {
      const c = build(db, marks).compile();
      const missing = keys.filter((k) => !c.parameters.includes(marks[k]));
      if (missing.length) throw new Error(`compiledOnce: ${missing.join(', ')} is not a parameter`);
      compiled = c;
    }
    return {
      ...compiled,
      parameters: compiled.parameters.map((p) => {
        const k = slots.get(p);
        return k === undefined ? p : values[k];
      }),
    };
  };
}

/** The row type of a compiled query. */
export type RowOf<Q> = Q extends CompiledQuery<infer R> ? R : never;
