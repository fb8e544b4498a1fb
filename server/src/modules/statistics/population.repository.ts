import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/** SQL of region_population: a region's own figures and its children's, and upserts by (code, level, year). */

export async function listFor(db: Database, code: string, level: number) {
  return db
    .selectFrom('region_population as p')
    .innerJoin('regions as r', (j) =>
      j.onRef('r.code', '=', 'p.region_code').onRef('r.level', '=', 'p.level'),
    )
    .select([
      'p.id',
      'p.region_code as code',
      'p.level',
      'r.name',
      'p.year',
      sql<number>`p.population::float8`.as('population'),
      'p.source',
      'p.updated_at',
    ])
    .where((w) =>
      w.or([
        w.and([w('p.region_code', '=', code), w('p.level', '=', level)]),
        w.and([w('r.parent_code', '=', code), w('r.parent_level', '=', level)]),
      ]),
    )
    .orderBy('p.level')
    .orderBy('p.region_code')
    .orderBy('p.year', 'desc')
    .execute();
}

/** Which of these (code, level) pairs are regions. */
export async function existing(db: Database, pairs: { code: string; level: number }[]) {
  if (pairs.length === 0) return new Set<string>();
  const r = await sql<{ code: string; level: number }>`
    SELECT code, level FROM regions
     WHERE (code, level) IN (${sql.join(pairs.map((p) => sql`(${p.code}, ${p.level}::smallint)`))})`.execute(
    db,
  );
  return new Set(r.rows.map((x) => `${x.code}|${x.level}`));
}

export async function upsert(
  db: Database,
  e: { code: string; level: number; year: number; population: number; source: string },
  by: string,
  at: Date,
) {
  const before = await db
    .selectFrom('region_population')
    .select([sql<number>`population::float8`.as('population'), 'source'])
    .where('region_code', '=', e.code)
    .where('level', '=', e.level)
    .where('year', '=', e.year)
    .executeTakeFirst();
  const row = await db
    .insertInto('region_population')
    .values({
      region_code: e.code,
      level: e.level,
      year: e.year,
      population: e.population,
      source: e.source,
      updated_by: by,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['region_code', 'level', 'year']).doUpdateSet({
        population: e.population,
        source: e.source,
        updated_by: by,
        updated_at: at,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, before: before ?? null };
}
