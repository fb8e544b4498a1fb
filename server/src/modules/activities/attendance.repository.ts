import { sql, type Insertable, type Updateable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { AttendancesTable } from '../../db/schema.activities.ts';
import { LATE_GRACE_MINUTES, type BoardState } from '@yiqi/shared/contracts/activities';

/** The accepted sign-up of a volunteer for a shift, with its attendance if any. */
export function findAcceptedSignup(db: Database, shiftId: string, volunteerId: string) {
  return db
    .selectFrom('signups as g')
    .leftJoin('attendances as t', 't.signup_id', 'g.id')
    .select(['g.id', 'g.shift_range', 't.id as attendance_id'])
    .where('g.shift_id', '=', shiftId)
    .where('g.volunteer_id', '=', volunteerId)
    .where('g.status', '=', 'accepted')
    .executeTakeFirst();
}

export function findAttendanceOfSignup(db: Database, signupId: string) {
  return db.selectFrom('attendances').selectAll().where('signup_id', '=', signupId).executeTakeFirst();
}

export function findAttendance(db: Database, id: string) {
  return db.selectFrom('attendances').selectAll().where('id', '=', id).executeTakeFirst();
}
export type AttendanceRow = NonNullable<Awaited<ReturnType<typeof findAttendance>>>;

/** The state of an accepted sign-up on the board, as SQL so the board can filter and count by it. */
function stateSql(now: Date) {
  return sql<BoardState>`CASE
    WHEN t.check_out_at IS NOT NULL THEN 'checked_out'
    WHEN t.id IS NOT NULL AND t.check_in_at > s.starts_at + make_interval(mins => ${LATE_GRACE_MINUTES}) THEN 'late'
    WHEN t.id IS NOT NULL THEN 'checked_in'
    WHEN g.status = 'no_show' OR ${now}::timestamptz >= s.ends_at
      OR ${now}::timestamptz > s.starts_at + make_interval(mins => ${LATE_GRACE_MINUTES}) THEN 'absent'
    ELSE 'expected' END`;
}

function boardBase(db: Database, activityId: string, shiftId: string | undefined) {
  let q = db
    .selectFrom('signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .innerJoin('positions as p', 'p.id', 'g.position_id')
    .innerJoin('volunteers as v', 'v.id', 'g.volunteer_id')
    .leftJoin('attendances as t', 't.signup_id', 'g.id')
    .where('g.activity_id', '=', activityId)
    // no-shows stay on the board as absent once recorded
    .where('g.status', 'in', ['accepted', 'no_show']);
  if (shiftId) q = q.where('g.shift_id', '=', shiftId);
  return q;
}

export async function boardCounts(db: Database, activityId: string, shiftId: string | undefined, now: Date) {
  const state = stateSql(now);
  const r = await boardBase(db, activityId, shiftId)
    .select([
      sql<number>`count(*)::int`.as('expected'),
      sql<number>`count(t.id)::int`.as('checked_in'),
      sql<number>`count(*) FILTER (WHERE ${state} = 'late')::int`.as('late'),
      sql<number>`count(*) FILTER (WHERE ${state} = 'absent')::int`.as('absent'),
      sql<number>`count(t.check_out_at)::int`.as('checked_out'),
      sql<number>`count(*) FILTER (WHERE t.review_status = 'review')::int`.as('review'),
    ])
    .executeTakeFirstOrThrow();
  return r;
}

export async function boardRows(
  db: Database,
  activityId: string,
  f: { shiftId?: string | undefined; state?: BoardState | undefined },
  now: Date,
  page: number,
  pageSize: number,
) {
  const state = stateSql(now);
  let q = boardBase(db, activityId, f.shiftId);
  if (f.state) q = q.where(sql<boolean>`${state} = ${f.state}`);
  const [rows, count] = await Promise.all([
    q
      .select([
        'g.id as signup_id',
        'v.volunteer_no',
        'v.name',
        'p.name as position_name',
        's.id as shift_id',
        's.starts_at',
        's.ends_at',
        state.as('state'),
        't.id as attendance_id',
        't.check_in_at',
        't.check_out_at',
        't.check_in_method',
        't.review_status',
        't.check_in_distance_m',
      ])
      .orderBy('s.starts_at')
      .orderBy('v.volunteer_no')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** A check-in; null when the sign-up already has one (a concurrent retry won). */
export function insertAttendance(db: Database, values: Insertable<AttendancesTable>) {
  return db
    .insertInto('attendances')
    .values(values)
    .onConflict((oc) => oc.column('signup_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Records the check-out of an attendance not yet checked out; undefined when it already was. */
export function checkOut(db: Database, attendanceId: string, values: Updateable<AttendancesTable>) {
  return db
    .updateTable('attendances')
    .set(values)
    .where('id', '=', attendanceId)
    .where('check_out_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export function findSignup(db: Database, signupId: string) {
  return db
    .selectFrom('signups')
    .select(['id', 'shift_id', 'volunteer_id', 'activity_id'])
    .where('id', '=', signupId)
    .executeTakeFirst();
}

/** Decides a check-in awaiting review (only while it still does). */
export function decideReview(db: Database, attendanceId: string, values: Updateable<AttendancesTable>) {
  return db
    .updateTable('attendances')
    .set(values)
    .where('id', '=', attendanceId)
    .where('review_status', '=', 'review')
    .executeTakeFirst();
}
