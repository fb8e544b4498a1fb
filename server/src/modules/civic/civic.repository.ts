import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';
import { isTopRegionRow } from '../../db/region-sql.ts';

/**
 * The routing rule for a case: the longest region prefix of the case's region with a rule, and at that
 * region the category's own rule before 'any'. `ancestors` are the case region's codes from itself upwards.
 */
export function findRoute(db: Database, ancestors: string[], category: string) {
  return db
    .selectFrom('civic_routes as cr')
    .innerJoin('organizations as o', 'o.id', 'cr.unit_org_id')
    .select(['cr.unit_org_id', 'cr.deadline_days', 'o.name as unit_name'])
    .where('cr.region_code', 'in', ancestors)
    .where('cr.category', 'in', [category, 'any'])
    .orderBy(sql`length(rtrim(cr.region_code, '0'))`, 'desc')
    .orderBy(sql`cr.category = 'any'`)
    .limit(1)
    .executeTakeFirst();
}

export function listRoutes(db: Database, regionPrefix: string) {
  return db
    .selectFrom('civic_routes as cr')
    .innerJoin('organizations as o', 'o.id', 'cr.unit_org_id')
    .innerJoin('regions as rg', 'rg.code', 'cr.region_code')
    .select([
      'cr.id',
      'cr.region_code',
      'rg.name as region_name',
      'cr.category',
      'cr.unit_org_id',
      'o.name as unit_name',
      'cr.deadline_days',
    ])
    .where('cr.region_code', 'like', `${regionPrefix}%`)
    .orderBy('cr.region_code')
    .orderBy('cr.category')
    .limit(500)
    .execute();
}

export async function upsertRoute(
  db: Database,
  v: { region_code: string; category: string; unit_org_id: string; deadline_days: number },
): Promise<string> {
  const row = await db
    .insertInto('civic_routes')
    .values(v)
    .onConflict((oc) =>
      oc
        .columns(['region_code', 'category'])
        .doUpdateSet({ unit_org_id: v.unit_org_id, deadline_days: v.deadline_days }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The accounts administering a unit now (who hear of its cases). */
export async function unitAdmins(db: Database, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_grants')
    .select('user_id')
    .where('role', '=', 'org_admin')
    .where('org_id', '=', orgId)
    .where('revoked_at', 'is', null)
    .execute();
  return rows.map((r) => r.user_id);
}

export function findOrganization(db: Database, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'region_code', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertCase(
  db: Database,
  v: {
    reporter_id: string;
    anonymous: boolean;
    category: string;
    description: string;
    region_code: string;
    lat: number;
    lng: number;
    unit_org_id: string | null;
    deadline_days: number;
    due_at: Date;
    created_at: Date;
  },
): Promise<string> {
  const row = await db.insertInto('civic_cases').values(v).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertPhoto(
  db: Database,
  v: {
    case_id: string;
    kind: 'near' | 'far' | 'proof';
    round: number;
    mime: string;
    bytes: Buffer;
    created_at: Date;
  },
): Promise<void> {
  await db.insertInto('civic_photos').values(v).execute();
}

const CASE_COLUMNS = [
  'c.id',
  'c.reporter_id',
  'c.anonymous',
  'c.category',
  'c.description',
  'c.region_code',
  'c.lat',
  'c.lng',
  'c.unit_org_id',
  'c.status',
  'c.round',
  'c.due_at',
  'c.overdue',
  'c.handling_note',
  'c.handled_by',
  'c.handled_at',
  'c.rating',
  'c.rating_comment',
  'c.closed_at',
  'c.created_at',
  'o.name as unit_name',
  'r.name as region_name',
  'u.display_name as reporter_name',
] as const;

function cases(db: Database) {
  return db
    .selectFrom('civic_cases as c')
    .leftJoin('organizations as o', 'o.id', 'c.unit_org_id')
    .leftJoin('regions as r', (j) => j.onRef('r.code', '=', 'c.region_code').on(isTopRegionRow('r')))
    .innerJoin('users as u', 'u.id', 'c.reporter_id');
}

export type CaseRow = Awaited<ReturnType<typeof findCase>> & object;

export function findCase(db: Database, id: string) {
  return cases(db).select(CASE_COLUMNS).where('c.id', '=', id).executeTakeFirst();
}

/** The case held for a decision (handling, rating, the deadline job), so decisions on it queue. */
export function lockCase(db: Database, id: string) {
  return db
    .selectFrom('civic_cases')
    .select([
      'id',
      'status',
      'round',
      'reporter_id',
      'anonymous',
      'handled_by',
      'region_code',
      'unit_org_id',
      'due_at',
      'deadline_days',
      'category',
    ])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function photosOf(db: Database, caseIds: string[]) {
  if (!caseIds.length) return Promise.resolve([]);
  return db
    .selectFrom('civic_photos')
    .select(['id', 'case_id', 'kind', 'round'])
    .where('case_id', 'in', caseIds)
    .orderBy('round')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function photo(db: Database, caseId: string, photoId: string) {
  return db
    .selectFrom('civic_photos')
    .select(['mime', 'bytes'])
    .where('case_id', '=', caseId)
    .where('id', '=', photoId)
    .executeTakeFirst();
}

export async function setHandled(
  db: Database,
  id: string,
  note: string,
  by: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('civic_cases')
    .set({ status: 'handled', handling_note: note, handled_by: by, handled_at: at })
    .where('id', '=', id)
    .execute();
}

export async function setRectified(
  db: Database,
  id: string,
  r: { rating: number; comment: string; by: string; at: Date },
): Promise<void> {
  await db
    .updateTable('civic_cases')
    .set({
      status: 'rectified',
      rating: r.rating,
      rating_comment: r.comment,
      rated_by: r.by,
      closed_at: r.at,
    })
    .where('id', '=', id)
    .execute();
}

/** An unhappy rating: back to the unit for another round with a new deadline (the rating is kept). */
export async function reopen(
  db: Database,
  id: string,
  r: { rating: number; comment: string; by: string; dueAt: Date },
): Promise<number> {
  const row = await db
    .updateTable('civic_cases')
    .set((eb) => ({
      status: 'routed',
      round: eb('round', '+', 1),
      due_at: r.dueAt,
      overdue: false,
      rating: r.rating,
      rating_comment: r.comment,
      rated_by: r.by,
    }))
    .where('id', '=', id)
    .returning('round')
    .executeTakeFirstOrThrow();
  return row.round;
}

/** The deadline passed in this round without handling: flag it (idempotent; a later round is left alone). */
export async function flagOverdue(db: Database, id: string, round: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('civic_cases')
    .set({ overdue: true, ever_overdue: true })
    .where('id', '=', id)
    .where('round', '=', round)
    .where('status', '=', 'routed')
    .where('overdue', '=', false)
    .where('due_at', '<=', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function addPoints(
  db: Database,
  v: { case_id: string; user_id: string; points: number; created_at: Date },
) {
  await db
    .insertInto('civic_points')
    .values(v)
    .onConflict((oc) => oc.column('case_id').doNothing())
    .execute();
}

export async function pointsOf(db: Database, userId: string) {
  const r = await db
    .selectFrom('civic_points')
    .select([sql<number>`coalesce(sum(points), 0)::int`.as('points'), sql<number>`count(*)::int`.as('n')])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { points: Number(r.points), rectified: Number(r.n) };
}

export function myCases(db: Database, userId: string, page: number, pageSize: number) {
  const q = cases(db).where('c.reporter_id', '=', userId);
  return fetchPage(
    q,
    (x) => x.select(CASE_COLUMNS).orderBy('c.created_at', 'desc').orderBy('c.id'),
    page,
    pageSize,
  );
}

export interface CaseScope {
  /** Region prefixes the caller supervises (region admin grants). */
  regionPrefixes: string[];
  /** Units the caller handles for (org admin grants). */
  unitIds: string[];
}

export function scopedCases(
  db: Database,
  scope: CaseScope,
  f: { regionPrefix?: string; status?: string; overdue?: boolean },
  page: number,
  pageSize: number,
) {
  let q = cases(db).where((eb) => {
    const ors: Expression<SqlBool>[] = scope.regionPrefixes.map((p) => eb('c.region_code', 'like', `${p}%`));
    if (scope.unitIds.length) ors.push(eb('c.unit_org_id', 'in', scope.unitIds));
    return ors.length ? eb.or(ors) : sql<SqlBool>`false`;
  });
  if (f.regionPrefix) q = q.where('c.region_code', 'like', `${f.regionPrefix}%`);
  if (f.status) q = q.where('c.status', '=', f.status as 'routed');
  if (f.overdue !== undefined) q = q.where('c.overdue', '=', f.overdue);
  return fetchPage(
    q,
    (x) => x.select(CASE_COLUMNS).orderBy('c.overdue', 'desc').orderBy('c.due_at').orderBy('c.id'),
    page,
    pageSize,
  );
}

/** Figures of the cases filed in [from, to) under a region prefix, by category. */
export function figures(db: Database, regionPrefix: string, from: Date, to: Date) {
  return db
    .selectFrom('civic_cases')
    .select([
      'category',
      sql<number>`count(*)::int`.as('filed'),
      sql<number>`count(*) FILTER (WHERE status = 'rectified')::int`.as('rectified'),
      sql<number>`count(*) FILTER (WHERE ever_overdue)::int`.as('overdue'),
      sql<number>`count(*) FILTER (WHERE round > 1)::int`.as('reopened'),
    ])
    .where('region_code', 'like', `${regionPrefix}%`)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy('category')
    .orderBy('category')
    .execute();
}
