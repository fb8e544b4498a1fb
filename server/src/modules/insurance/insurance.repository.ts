import { sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';
import { isTopRegionRow } from '../../db/region-sql.ts';

/** SQL of the insurance module: policies, their derived enrollment and the coverage lookup. */

export interface PolicyValues {
  kind: 'region_year' | 'activity';
  region_code: string;
  region_prefix: string;
  activity_id: string | null;
  insurer: string;
  policy_no: string;
  cover: string;
  limits: string;
  valid_from: string;
  valid_to: string;
}

const COLUMNS = [
  'p.id',
  'p.kind',
  'p.region_code',
  'r.name as region_name',
  'p.activity_id',
  'a.title as activity_title',
  'p.insurer',
  'p.policy_no',
  'p.cover',
  'p.limits',
  sql<string>`to_char(p.valid_from, 'YYYY-MM-DD')`.as('valid_from'),
  sql<string>`to_char(p.valid_to, 'YYYY-MM-DD')`.as('valid_to'),
  'p.withdrawn_at',
  'p.withdraw_reason',
] as const;

function policies(db: Database) {
  return db
    .selectFrom('insurance_policies as p')
    .leftJoin('regions as r', (j) => j.onRef('r.code', '=', 'p.region_code').on(isTopRegionRow('r')))
    .leftJoin('activities as a', 'a.id', 'p.activity_id');
}

export type PolicyRow = NonNullable<Awaited<ReturnType<typeof findPolicy>>>;

export function findPolicy(db: Database, id: string) {
  return policies(db).select(COLUMNS).where('p.id', '=', id).executeTakeFirst();
}

/** Held for a withdrawal, so two withdrawals of one policy apply one after the other. */
export function lockPolicy(db: Database, id: string) {
  return db
    .selectFrom('insurance_policies')
    .select(['id', 'region_code', 'withdrawn_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertPolicy(db: Database, v: PolicyValues, by: string, at: Date): Promise<string> {
  const row = await db
    .insertInto('insurance_policies')
    .values({ ...v, created_by: by, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function withdrawPolicy(db: Database, id: string, by: string, reason: string, at: Date) {
  await db
    .updateTable('insurance_policies')
    .set({ withdrawn_at: at, withdrawn_by: by, withdraw_reason: reason })
    .where('id', '=', id)
    .execute();
}

export async function livePolicyNumberTaken(db: Database, insurer: string, no: string): Promise<boolean> {
  const row = await db
    .selectFrom('insurance_policies')
    .select('id')
    .where('insurer', '=', insurer)
    .where('policy_no', '=', no)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return !!row;
}

export function findActivityRegion(db: Database, id: string) {
  return db.selectFrom('activities').select(['id', 'region_code']).where('id', '=', id).executeTakeFirst();
}

export async function listPolicies(
  db: Database,
  f: { prefixes: string[]; on?: string; includeWithdrawn: boolean },
  page: number,
  pageSize: number,
) {
  let q = policies(db).where((e) => e.or(f.prefixes.map((p) => sql<SqlBool>`p.region_code LIKE ${p + '%'}`)));
  if (!f.includeWithdrawn) q = q.where('p.withdrawn_at', 'is', null);
  if (f.on) q = q.where(sql<SqlBool>`${f.on}::date BETWEEN p.valid_from AND p.valid_to`);
  return fetchPage(
    q,
    (s) => s.select(COLUMNS).orderBy('p.valid_from', 'desc').orderBy('p.created_at', 'desc').orderBy('p.id'),
    page,
    pageSize,
  );
}

/** Derived enrollment now: active registered volunteers of the subtree, or the activity's accepted sign-ups. */
export async function countEnrolled(
  db: Database,
  p: { kind: string; region_prefix: string; activity_id: string | null },
) {
  const row =
    p.kind === 'region_year'
      ? await db
          .selectFrom('volunteers')
          .select(sql<number>`count(*)`.as('n'))
          .where('region_code', 'like', `${p.region_prefix}%`)
          .where('status', '=', 'active')
          .executeTakeFirstOrThrow()
      : await db
          .selectFrom('signups')
          .select(sql<number>`count(*)`.as('n'))
          .where('activity_id', '=', p.activity_id!)
          .where('status', '=', 'accepted')
          .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findPrefix(db: Database, id: string) {
  return db
    .selectFrom('insurance_policies')
    .select(['kind', 'region_prefix', 'activity_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findVolunteer(db: Database, id: string) {
  return db
    .selectFrom('volunteers')
    .select(['id', 'volunteer_no', 'name', 'region_code', 'created_at', 'closed_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findVolunteerOfUser(db: Database, userId: string) {
  return db.selectFrom('volunteers').select('id').where('user_id', '=', userId).executeTakeFirst();
}

const live = (day: string) =>
  sql<SqlBool>`p.withdrawn_at IS NULL AND ${day}::date BETWEEN p.valid_from AND p.valid_to`;

/**
 * Group policies covering the volunteer at `at`: registered (not closed) then, residing in the policy's
 * subtree, on a day of its period. Residence is today's: the volunteer record keeps no history of moves.
 */
export function groupPoliciesAt(db: Database, volunteerId: string, at: Date, day: string) {
  return policies(db)
    .innerJoin('volunteers as v', (j) =>
      j.on('v.id', '=', volunteerId).on(sql<SqlBool>`v.region_code LIKE p.region_prefix || '%'`),
    )
    .select(COLUMNS)
    .where('p.kind', '=', 'region_year')
    .where(live(day))
    .where('v.created_at', '<=', at)
    .where((e) => e.or([e('v.closed_at', 'is', null), e('v.closed_at', '>', at)]))
    .orderBy('p.valid_from')
    .execute();
}

/** Activity policies covering the volunteer at `at` through an accepted sign-up made by then. */
export function activityPoliciesAt(db: Database, volunteerId: string, at: Date, day: string) {
  return policies(db)
    .innerJoin('signups as s', 's.activity_id', 'p.activity_id')
    .select([...COLUMNS, 's.id as signup_id'])
    .where('p.kind', '=', 'activity')
    .where(live(day))
    .where('s.volunteer_id', '=', volunteerId)
    .where('s.status', '=', 'accepted')
    .where('s.created_at', '<=', at)
    .orderBy('p.valid_from')
    .execute();
}

/** Evidence: the volunteer's service records of that China day, confirmed or awaiting confirmation. */
export function recordsOn(db: Database, volunteerId: string, day: string) {
  return db
    .selectFrom('service_records')
    .select([
      'id',
      'activity_id',
      'activity_title',
      sql<string>`to_char(service_date, 'YYYY-MM-DD')`.as('service_day'),
      'check_in_at',
      'check_out_at',
      'minutes',
      'status',
    ])
    .where('volunteer_id', '=', volunteerId)
    .where('status', 'in', ['confirmed', 'pending'])
    .where(sql<SqlBool>`service_date = ${day}::date`)
    .orderBy('check_in_at')
    .orderBy('seq')
    .execute();
}

/** Evidence: accepted sign-ups whose shift holds the instant. */
export function signupsAt(db: Database, volunteerId: string, at: Date) {
  return db
    .selectFrom('signups as s')
    .innerJoin('shifts as sh', 'sh.id', 's.shift_id')
    .innerJoin('activities as a', 'a.id', 's.activity_id')
    .select(['s.id', 's.activity_id', 'a.title', 'sh.starts_at', 'sh.ends_at', 's.status'])
    .where('s.volunteer_id', '=', volunteerId)
    .where('s.status', 'in', ['accepted', 'no_show'])
    .where('sh.starts_at', '<=', at)
    .where('sh.ends_at', '>=', at)
    .orderBy('sh.starts_at')
    .execute();
}
