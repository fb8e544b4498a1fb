import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';
import { isTopRegionRow } from '../../db/region-sql.ts';
import { likeEscape } from '../../db/like.ts';

export interface DirectoryFilter {
  regionPrefix?: string | undefined;
  q?: string | undefined;
  category?: string | undefined;
  orgType?: string | undefined;
}

/**
 * Approved organizations for the public directory (找组织): teams with more active members first, then by
 * name. Only public facts are selected; contacts and registration numbers never leave this query.
 */
export function listDirectory(db: Database, f: DirectoryFilter, now: Date, page: number, pageSize: number) {
  let q = db
    .selectFrom('organizations as o')
    .innerJoin('regions as r', (j) => j.onRef('r.code', '=', 'o.region_code').on(isTopRegionRow('r')))
    .leftJoin('organizations as p', 'p.id', 'o.parent_id')
    .where('o.status', '=', 'approved');
  if (f.regionPrefix) q = q.where('o.region_code', 'like', `${f.regionPrefix}%`);
  if (f.orgType) q = q.where('o.org_type', '=', f.orgType);
  if (f.category) q = q.where((eb) => eb(eb.val(f.category!), '=', eb.fn.any('o.categories')));
  if (f.q) {
    const escaped = likeEscape(f.q);
    q = q.where('o.name', 'ilike', `%${escaped}%`);
  }
  return fetchPage(
    q,
    (p) =>
      p
        .select([
          'o.id',
          'o.name',
          'o.region_code',
          'r.name as region_name',
          'o.org_type',
          'o.categories',
          'p.name as parent_name',
          sql<number>`(SELECT count(*)::int FROM memberships m WHERE m.org_id = o.id AND m.status = 'active')`.as(
            'active_members',
          ),
          sql<number>`(SELECT count(*)::int FROM activities a
            WHERE a.org_id = o.id AND a.status = 'published' AND a.ends_at > ${now})`.as('open_activities'),
        ])
        .orderBy('active_members', 'desc')
        .orderBy('o.name')
        .orderBy('o.id'),
    page,
    pageSize,
  );
}
