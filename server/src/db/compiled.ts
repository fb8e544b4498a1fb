import { randomUUID } from 'node:crypto';
import type { Compilable, CompiledQuery, RawBuilder } from 'kysely';
import type { Database } from './database.ts';
import { nameStatement } from './prepared-names.ts';

/**
 * A query of a fixed shape, built and compiled by Kysely once instead of on every call. Building and
 * compiling a large query (joins, a subquery, thirty columns) costs a few hundred microseconds of JavaScript
 * per request, as much as the database spends executing it (the session check's took ~0.5 ms, a raw `sql`
 * write with its audit row ~0.07 ms); on the hot paths (every session check, a sign-up, a check-in) only
 * the values change. `build` gets a unique placeholder for each value (a string,
 * typed as the value `V` so the builder accepts it: e.g. a Buffer compared with a bytea column), which must
 * each become a parameter (and nothing else may depend on them); every call returns the compiled query
 * with the placeholders replaced by the real values. Executed with `db.executeQuery(…)`.
 *
 * On PostgreSQL the statement is also sent as a named prepared statement (preparedName, used by
 * db/database.ts): each pooled connection parses it once and PostgreSQL may keep its plan, instead of
 * parsing, analysing and planning the same text again on every request (decision 0072).
 */
export function compiledOnce<K extends string, R, V = string>(
  keys: readonly K[],
  build: (db: Database, values: Record<K, V>) => Compilable<R> | RawBuilder<R>,
): (db: Database, values: Record<K, V>) => CompiledQuery<R> {
  const marks = Object.fromEntries(keys.map((k) => [k, `yiqi:${k}:${randomUUID()}`])) as Record<K, V>;
  const slots = new Map<unknown, K>(keys.map((k) => [marks[k], k]));
  let compiled: CompiledQuery<R> | undefined;
  return (db, values) => {
    if (!compiled) {
      const built = build(db, marks);
      // A raw `sql` statement compiles against the database's dialect; a query builder knows its own.
      const c = 'isRawBuilder' in built ? built.compile(db) : built.compile();
      const missing = keys.filter((k) => !c.parameters.includes(marks[k]));
      if (missing.length) throw new Error(`compiledOnce: ${missing.join(', ')} is not a parameter`);
      compiled = c;
      nameStatement(c.sql);
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
