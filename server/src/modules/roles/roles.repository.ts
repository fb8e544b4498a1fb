import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';
import { isTopRegionRow } from '../../db/region-sql.ts';

/** Active grants whose scope (a region, or an organization's region) lies under one of the prefixes. */
export async function listGrantsUnder(db: Database, prefix: string, page: number, pageSize: number) {
  const base = db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .leftJoin('organizations as o', 'o.id', 'g.org_id')
    .leftJoin('regions as r', (j) => j.onRef('r.code', '=', 'g.region_code').on(isTopRegionRow('r')))
    .leftJoin('users as gb', 'gb.id', 'g.granted_by')
    .where('g.revoked_at', 'is', null)
    .where((eb) =>
      eb.or([eb('g.region_code', 'like', `${prefix}%`), eb('o.region_code', 'like', `${prefix}%`)]),
    );
  return fetchPage(
    base,
    (p) =>
      p
        .select([
          'g.id',
          'g.role',
          'g.region_code',
          'g.org_id',
          'g.granted_at',
          'u.username',
          'u.display_name',
          'gb.username as granted_by',
          'r.name as region_name',
          'o.name as org_name',
        ])
        .orderBy('g.granted_at', 'desc')
        .orderBy('g.id'),
    page,
    pageSize,
  );
}

export function findGrant(db: Database, id: string) {
  return db
    .selectFrom('role_grants as g')
    .leftJoin('organizations as o', 'o.id', 'g.org_id')
    .select([
      'g.id',
      'g.user_id',
      'g.role',
      'g.region_code',
      'g.org_id',
      'g.revoked_at',
      'o.region_code as org_region_code',
    ])
    .where('g.id', '=', id)
    .executeTakeFirst();
}

export function findActiveRolesOf(db: Database, userId: string) {
  return db
    .selectFrom('role_grants')
    .select(['role'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertGrant(
  db: Database,
  g: { userId: string; role: string; regionCode: string | null; orgId: string | null; grantedBy: string },
) {
  return db
    .insertInto('role_grants')
    .values({
      user_id: g.userId,
      role: g.role,
      region_code: g.regionCode,
      org_id: g.orgId,
      granted_by: g.grantedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function markGrantRevoked(db: Database, id: string, by: string, at: Date) {
  const r = await db
    .updateTable('role_grants')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * True when `ancestorId` granted one of `userId`'s active roles, or granted a role to someone who did, up
 * the chain of active grants (UNION stops on cycles).
 */
export async function isGrantorOf(db: Database, ancestorId: string, userId: string): Promise<boolean> {
  const r = await sql<{ found: number }>`
    WITH RECURSIVE up(user_id) AS (
      SELECT g.granted_by FROM role_grants g
       WHERE g.user_id = ${userId} AND g.revoked_at IS NULL AND g.granted_by IS NOT NULL
      UNION
      SELECT g.granted_by FROM role_grants g JOIN up ON g.user_id = up.user_id
       WHERE g.revoked_at IS NULL AND g.granted_by IS NOT NULL
    )
    SELECT 1 AS found FROM up WHERE up.user_id = ${ancestorId} LIMIT 1`.execute(db);
  return r.rows.length > 0;
}
