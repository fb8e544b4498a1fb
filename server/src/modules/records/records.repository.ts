import { sql, type Insertable } from 'kysely';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';
import type { RecordStatus, ServiceRecordsTable } from '../../db/schema.records.ts';

/**
 * Writes an attendance draft, or updates the one of the sign-up while it is a draft the organizer has not
 * adjusted and the computed minutes changed (a later check-out). Returns the row when written.
 */
export function upsertDraft(db: Database, values: Insertable<ServiceRecordsTable> & { signup_id: string }) {
  return db
    .insertInto('service_records')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('signup_id')
        // A literal, so PostgreSQL matches the partial unique index's predicate.
        .where('kind', '=', sql.lit('attendance'))
        .doUpdateSet({
          check_out_at: values.check_out_at,
          computed_minutes: values.computed_minutes,
          minutes: values.minutes,
          explain: values.explain,
        })
        .where('service_records.status', '=', 'draft')
        .where('service_records.adjust_reason', 'is', null)
        .where(sql<boolean>`service_records.computed_minutes IS DISTINCT FROM ${values.computed_minutes}`),
    )
    .returning('id')
    .executeTakeFirst();
}

/** Attendances of an activity's ended shifts, with what a draft record needs. */
export function attendancesToDraft(db: Database, activityId: string, now: Date) {
  return db
    .selectFrom('attendances as t')
    .innerJoin('signups as g', 'g.id', 't.signup_id')
    .innerJoin('shifts as s', 's.id', 't.shift_id')
    .innerJoin('positions as p', 'p.id', 'g.position_id')
    .innerJoin('activities as a', 'a.id', 't.activity_id')
    .select([
      't.signup_id',
      't.shift_id',
      't.volunteer_id',
      't.check_in_at',
      't.check_out_at',
      's.starts_at',
      's.ends_at',
      'p.name as position_name',
      'p.duties',
      'a.id as activity_id',
      'a.org_id',
      'a.title',
      'a.address',
      'a.person_in_charge',
      'a.description',
      'a.hours_rule',
      'a.break_minutes',
      'a.ends_at as activity_ends_at',
    ])
    .where('t.activity_id', '=', activityId)
    .where('t.review_status', '=', 'ok')
    .where('g.status', '=', 'accepted')
    .where('s.ends_at', '<=', now)
    .execute();
}

const recordColumns = [
  'r.id',
  'r.kind',
  'r.status',
  'r.volunteer_id',
  'v.volunteer_no',
  'v.name as volunteer_name',
  'r.org_id',
  'o.name as org_name',
  'r.activity_id',
  'r.activity_title',
  'r.place',
  'r.content',
  'r.position_name',
  'r.person_in_charge',
  'r.check_in_at',
  'r.check_out_at',
  'r.break_minutes',
  'r.hours_rule',
  'r.computed_minutes',
  'r.minutes',
  'r.explain',
  'r.adjust_reason',
  'r.reason',
  'r.corrects_id',
  'r.superseded_by',
  'r.created_by',
  'r.created_at',
  'r.decided_at',
  'r.reject_reason',
] as const;

const dates = [
  sql<string>`to_char(r.service_date, 'YYYY-MM-DD')`.as('service_day'),
  sql<string | null>`to_char(r.due_date, 'YYYY-MM-DD')`.as('due_day'),
];

function base(db: Database) {
  return db
    .selectFrom('service_records as r')
    .innerJoin('volunteers as v', 'v.id', 'r.volunteer_id')
    .innerJoin('organizations as o', 'o.id', 'r.org_id');
}

export function findRecord(db: Database, id: string) {
  return base(db)
    .select([...recordColumns, ...dates, 'v.user_id', 'o.region_code as org_region_code'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type RecordRow = NonNullable<Awaited<ReturnType<typeof findRecord>>>;

export interface RecordFilter {
  activityId?: string;
  volunteerNo?: string;
  from?: string;
  to?: string;
  orgId?: string;
  volunteerId?: string;
  regionPrefix?: string;
  status?: RecordStatus | undefined;
  /** Drafts past their due date (China day `today`). */
  overdueOn?: string | undefined;
}

export function listRecords(db: Database, f: RecordFilter, page: number, pageSize: number) {
  let q = base(db);
  if (f.activityId) q = q.where('r.activity_id', '=', f.activityId);
  if (f.orgId) q = q.where('r.org_id', '=', f.orgId);
  if (f.volunteerId) q = q.where('r.volunteer_id', '=', f.volunteerId);
  if (f.volunteerNo) q = q.where('v.volunteer_no', '=', f.volunteerNo);
  if (f.from) q = q.where(sql<boolean>`r.service_date >= ${f.from}::date`);
  if (f.to) q = q.where(sql<boolean>`r.service_date <= ${f.to}::date`);
  if (f.regionPrefix) q = q.where('o.region_code', 'like', `${f.regionPrefix}%`);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.overdueOn)
    q = q.where('r.status', '=', 'draft').where(sql<boolean>`r.due_date < ${f.overdueOn}::date`);
  return fetchPage(
    q,
    (x) =>
      x
        .select([...recordColumns, ...dates, 'v.user_id', 'o.region_code as org_region_code'])
        .orderBy('r.service_date', 'desc')
        .orderBy('r.seq'),
    page,
    pageSize,
  );
}

export async function totalsOf(db: Database, volunteerId: string, year: number) {
  const [all, yr] = await Promise.all([
    db.selectFrom('volunteer_totals').selectAll().where('volunteer_id', '=', volunteerId).executeTakeFirst(),
    db
      .selectFrom('volunteer_year_totals')
      .select('minutes')
      .where('volunteer_id', '=', volunteerId)
      .where('year', '=', year)
      .executeTakeFirst(),
  ]);
  return {
    minutes: Number(all?.minutes ?? 0),
    records: Number(all?.records ?? 0),
    activities: Number(all?.activities ?? 0),
    yearMinutes: Number(yr?.minutes ?? 0),
  };
}

export function volunteerOfUser(db: Database, userId: string) {
  return db.selectFrom('volunteers').select('id').where('user_id', '=', userId).executeTakeFirst();
}

/** Activities with attendance on shifts ended in the last 60 days that has no record yet. */
export async function activitiesNeedingDrafts(db: Database, now: Date) {
  const r = await sql<{ activity_id: string }>`
    SELECT DISTINCT t.activity_id FROM attendances t
    JOIN shifts s ON s.id = t.shift_id
    WHERE s.ends_at <= ${now} AND s.ends_at > ${now}::timestamptz - interval '60 days'
      AND t.review_status = 'ok'
      AND NOT EXISTS (SELECT 1 FROM service_records r WHERE r.signup_id = t.signup_id AND r.kind = 'attendance')
    LIMIT 200`.execute(db);
  return r.rows.map((x) => x.activity_id);
}
