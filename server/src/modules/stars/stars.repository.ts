import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { StarApplicationStatus } from '../../db/schema.stars.ts';

/** SQL of star certification (stars.service.ts): schemes, hours, applications, objections, certifications. */

const VOLUNTEER_COLUMNS = [
  'v.id',
  'v.user_id',
  'v.volunteer_no',
  'v.name',
  'v.region_code',
  'v.status',
] as const;

/** The volunteer linked to an account, if any. */
export function volunteerOfUser(db: Database, userId: string) {
  return db
    .selectFrom('volunteers as v')
    .select(VOLUNTEER_COLUMNS)
    .select(sql<string>`to_char(v.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('registered_on'))
    .where('v.user_id', '=', userId)
    .executeTakeFirst();
}

export function volunteerById(db: Database, id: string) {
  return db
    .selectFrom('volunteers as v')
    .select(VOLUNTEER_COLUMNS)
    .select(sql<string>`to_char(v.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('registered_on'))
    .where('v.id', '=', id)
    .executeTakeFirst();
}

export function volunteerByNo(db: Database, no: string) {
  return db
    .selectFrom('volunteers as v')
    .select(VOLUNTEER_COLUMNS)
    .select(sql<string>`to_char(v.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('registered_on'))
    .where('v.volunteer_no', '=', no)
    .executeTakeFirst();
}

/** True when the volunteer is an active member of the organization or of a team under it. */
export async function isMemberUnder(db: Database, orgId: string, volunteerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select('m.id')
    .where('m.volunteer_id', '=', volunteerId)
    .where('m.status', '=', 'active')
    .where((eb) => eb.or([eb('o.id', '=', orgId), eb('o.parent_id', '=', orgId)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** The deepest scheme whose region contains `regionCode` (subtree prefix by the scheme's level). */
export function schemeCovering(db: Database, regionCode: string) {
  return db
    .selectFrom('star_schemes')
    .selectAll()
    .where(
      sql<boolean>`left(${regionCode}, (ARRAY[2, 4, 6, 9, 12])[region_level]) =
        left(region_code, (ARRAY[2, 4, 6, 9, 12])[region_level])`,
    )
    .orderBy('region_level', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function upsertScheme(
  db: Database,
  row: {
    region_code: string;
    region_level: number;
    thresholds: number[];
    tenure_months: number[];
    platform_only: boolean;
    ban_months: number;
    notice_working_days: number;
    conditions: string | null;
    updated_by: string;
  },
) {
  return db
    .insertInto('star_schemes')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['region_code', 'region_level']).doUpdateSet({
        thresholds: row.thresholds,
        tenure_months: row.tenure_months,
        platform_only: row.platform_only,
        ban_months: row.ban_months,
        notice_working_days: row.notice_working_days,
        conditions: row.conditions,
        updated_by: row.updated_by,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** A region's level (the lowest of the entries sharing its code) and name. */
export function region(db: Database, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'level', 'name'])
    .where('code', '=', code)
    .orderBy('level')
    .limit(1)
    .executeTakeFirst();
}

/**
 * A volunteer's confirmed service: all minutes and records (volunteer_totals), the minutes recorded on the
 * platform (attendance, and corrections of attendance), and the day of the first confirmed record.
 */
export async function serviceOf(db: Database, volunteerId: string) {
  const [totals, detail] = await Promise.all([
    db
      .selectFrom('volunteer_totals')
      .select(['minutes', 'records'])
      .where('volunteer_id', '=', volunteerId)
      .executeTakeFirst(),
    db
      .selectFrom('service_records as r')
      .leftJoin('service_records as orig', 'orig.id', 'r.corrects_id')
      .select([
        sql<string>`coalesce(sum(r.minutes) FILTER (WHERE r.kind = 'attendance'
          OR (r.kind = 'correction' AND orig.kind = 'attendance')), 0)`.as('platform_minutes'),
        sql<string | null>`to_char(min(r.service_date), 'YYYY-MM-DD')`.as('first_day'),
      ])
      .where('r.volunteer_id', '=', volunteerId)
      .where('r.status', '=', 'confirmed')
      .executeTakeFirstOrThrow(),
  ]);
  return {
    minutes: Number(totals?.minutes ?? 0),
    records: Number(totals?.records ?? 0),
    platformMinutes: Number(detail.platform_minutes),
    firstDay: detail.first_day,
  };
}

/** The volunteer's certifications, lowest level first. */
export function certificationsOf(db: Database, volunteerId: string) {
  return db
    .selectFrom('star_certifications')
    .select(['id', 'level', 'certified_at', 'revoked_at', 'revoke_reason'])
    .where('volunteer_id', '=', volunteerId)
    .orderBy('level')
    .orderBy('certified_at')
    .execute();
}

/** The highest level held (0: none). */
export async function currentLevel(db: Database, volunteerId: string): Promise<number> {
  const row = await db
    .selectFrom('star_certifications')
    .select(sql<number | null>`max(level)`.as('level'))
    .where('volunteer_id', '=', volunteerId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.level ?? 0);
}

/** The last day of the longest bar still on record (compare with today), or null. */
export async function barredUntil(db: Database, volunteerId: string): Promise<string | null> {
  const row = await db
    .selectFrom('star_bans')
    .select(sql<string | null>`to_char(max(until), 'YYYY-MM-DD')`.as('until'))
    .where('volunteer_id', '=', volunteerId)
    .executeTakeFirst();
  return row?.until ?? null;
}

export function insertApplication(
  db: Database,
  row: {
    volunteer_id: string;
    level: number;
    applied_by: string;
    applied_via_org: string | null;
    minutes_at_apply: number;
    certifying_region: string;
    certifying_level: number;
  },
) {
  return db.insertInto('star_applications').values(row).returning('id').executeTakeFirstOrThrow();
}

const applicationSelect = (db: Database) =>
  db
    .selectFrom('star_applications as a')
    .innerJoin('volunteers as v', 'v.id', 'a.volunteer_id')
    .leftJoin('organizations as o', 'o.id', 'a.applied_via_org')
    .select([
      'a.id',
      'a.volunteer_id',
      'a.level',
      'a.status',
      'a.minutes_at_apply',
      'a.certifying_region',
      'a.certifying_level',
      'a.created_at',
      'a.review_reason',
      'a.reviewed_by',
      'a.certified_at',
      'v.volunteer_no',
      'v.name',
      'v.user_id',
      'v.region_code',
      'o.name as org_name',
    ])
    .select([
      sql<string | null>`to_char(a.notice_from, 'YYYY-MM-DD')`.as('notice_from'),
      sql<string | null>`to_char(a.notice_until, 'YYYY-MM-DD')`.as('notice_until'),
      sql<string | null>`(SELECT r.name FROM regions r WHERE r.code = a.certifying_region
        ORDER BY r.level LIMIT 1)`.as('region_name'),
      sql<string>`(SELECT count(*) FROM star_objections x WHERE x.application_id = a.id
        AND x.status = 'open')`.as('open_objections'),
    ]);
export type ApplicationRow = Awaited<ReturnType<typeof applicationById>> & object;

export function applicationById(db: Database, id: string, opts: { lock?: boolean } = {}) {
  const q = applicationSelect(db).where('a.id', '=', id);
  return (opts.lock ? q.forUpdate('a') : q).executeTakeFirst();
}

export function applicationsOf(db: Database, volunteerId: string) {
  return applicationSelect(db)
    .where('a.volunteer_id', '=', volunteerId)
    .orderBy('a.created_at', 'desc')
    .execute();
}

/** Review queue: applications reviewed in any of the region subtrees (prefixes). */
export function queue(
  db: Database,
  prefixes: string[],
  status: StarApplicationStatus | undefined,
  page: number,
  pageSize: number,
) {
  let q = applicationSelect(db).where((eb) =>
    eb.or(prefixes.map((p) => eb('a.certifying_region', 'like', `${p}%`))),
  );
  if (status) q = q.where('a.status', '=', status);
  return Promise.all([
    q
      .orderBy('a.created_at')
      .orderBy('a.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('star_applications as a')
      .select(sql<string>`count(*)`.as('n'))
      .where((eb) => eb.or(prefixes.map((p) => eb('a.certifying_region', 'like', `${p}%`))))
      .$if(status !== undefined, (qb) => qb.where('a.status', '=', status!))
      .executeTakeFirstOrThrow(),
  ]);
}

/** Candidates in public notice today (notice_from ≤ today, not yet certified), newest first. */
export function noticed(db: Database, limit: number) {
  return applicationSelect(db)
    .where('a.status', '=', 'noticed')
    .orderBy('a.notice_from', 'desc')
    .limit(limit)
    .execute();
}

export function markReviewed(
  db: Database,
  id: string,
  v: {
    status: 'noticed' | 'rejected';
    reviewed_by: string;
    reviewed_at: Date;
    review_reason: string | null;
    notice_from: string | null;
    notice_until: string | null;
  },
) {
  return db
    .updateTable('star_applications')
    .set(v)
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .execute();
}

export function markRejectedAfterNotice(db: Database, id: string, reason: string) {
  return db
    .updateTable('star_applications')
    .set({ status: 'rejected', review_reason: reason })
    .where('id', '=', id)
    .where('status', '=', 'noticed')
    .execute();
}

export function markCertified(db: Database, id: string, at: Date) {
  return db
    .updateTable('star_applications')
    .set({ status: 'certified', certified_at: at })
    .where('id', '=', id)
    .where('status', '=', 'noticed')
    .executeTakeFirst();
}

export function insertCertification(
  db: Database,
  row: {
    volunteer_id: string;
    level: number;
    application_id: string;
    certified_by: string;
    certified_at: Date;
  },
) {
  return db.insertInto('star_certifications').values(row).returning('id').executeTakeFirstOrThrow();
}

export function certificationById(db: Database, id: string) {
  return db
    .selectFrom('star_certifications as c')
    .innerJoin('volunteers as v', 'v.id', 'c.volunteer_id')
    .select(['c.id', 'c.volunteer_id', 'c.level', 'c.revoked_at', 'v.user_id', 'v.region_code'])
    .where('c.id', '=', id)
    .forUpdate('c')
    .executeTakeFirst();
}

/** Revokes the certification and every higher one still held (they stood on it). */
export function revokeFrom(
  db: Database,
  volunteerId: string,
  level: number,
  v: { revoked_by: string; revoked_at: Date; revoke_reason: string; falsified: boolean },
) {
  return db
    .updateTable('star_certifications')
    .set(v)
    .where('volunteer_id', '=', volunteerId)
    .where('level', '>=', level)
    .where('revoked_at', 'is', null)
    .returning(['id', 'level'])
    .execute();
}

export function insertBan(
  db: Database,
  row: { volunteer_id: string; certification_id: string; until: string; reason: string; created_by: string },
) {
  return db.insertInto('star_bans').values(row).execute();
}

export function insertObjection(
  db: Database,
  row: { application_id: string; user_id: string; reason: string },
) {
  return db.insertInto('star_objections').values(row).returning('id').executeTakeFirstOrThrow();
}

export function objectionsOf(db: Database, applicationId: string) {
  return db
    .selectFrom('star_objections')
    .select(['id', 'reason', 'status', 'created_at', 'decision_reason'])
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .execute();
}

export function objectionById(db: Database, id: string) {
  return db
    .selectFrom('star_objections')
    .select(['id', 'application_id', 'status', 'user_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function decideObjection(
  db: Database,
  id: string,
  v: { status: 'upheld' | 'dismissed'; decided_by: string; decided_at: Date; decision_reason: string },
) {
  return db.updateTable('star_objections').set(v).where('id', '=', id).where('status', '=', 'open').execute();
}
