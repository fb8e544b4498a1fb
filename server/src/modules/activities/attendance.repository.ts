import { sql, type Updateable } from 'kysely';
import {
  AUDIT_KEYS,
  auditInsertFrom,
  auditValues,
  checkInShift,
  type AuditRow,
  type AuditValues,
  type CheckInShift,
} from './signups.repository.ts';
import { sessionFrom, splitSession } from '../../db/session-sql.ts';
import { compiledOnce, type RowOf } from '../../db/compiled.ts';
import type { Database } from '../../db/database.ts';
import type { AttendancesTable } from '../../db/schema.activities.ts';
import { LATE_GRACE_MINUTES, type BoardState } from '@yiqi/shared/contracts/activities';

/** What check-in needs of an accepted sign-up and of its attendance, if any (see CheckInSignup). */
const signupColumns = [
  'g.id',
  'g.shift_range',
  't.id as attendance_id',
  't.check_in_at as attendance_check_in_at',
  't.check_out_at as attendance_check_out_at',
  't.review_status as attendance_review_status',
] as const;

/** The accepted sign-up of a volunteer for a shift, with its attendance if any. */
export function findAcceptedSignup(db: Database, shiftId: string, volunteerId: string) {
  return db
    .selectFrom('signups as g')
    .leftJoin('attendances as t', 't.signup_id', 'g.id')
    .select(signupColumns)
    .where('g.shift_id', '=', shiftId)
    .where('g.volunteer_id', '=', volunteerId)
    .where('g.status', '=', 'accepted')
    .executeTakeFirst();
}
export type CheckInSignup = NonNullable<Awaited<ReturnType<typeof findAcceptedSignup>>>;

/**
 * A QR check-in's reads in one statement (decision 0072): the session of `tokenHash` with its user and
 * grants (none: no row), the shift the code names (none: `id` null) with only what a check-in uses, the
 * user's volunteer record (`volunteer_id` null when none), their accepted sign-up for the shift (`signup`
 * undefined when none) and its attendance (`attendance_id` null when none).
 */
export async function findCheckInContext(db: Database, tokenHash: Buffer, shiftId: string) {
  const r = (await db.executeQuery(checkInContextQuery(db, { tokenHash, shiftId }))).rows[0];
  if (!r) return undefined;
  const { session, rest } = splitSession(r);
  return { session, ...splitCheckInContext(rest) };
}

/** findCheckInContext's statement, compiled once (every QR check-in sends it; db/compiled.ts). */
const checkInContextQuery = compiledOnce(
  ['tokenHash', 'shiftId'],
  // The two values are of two types (db/compiled.ts takes one): each is used as what it is.
  (db, v: Record<'tokenHash' | 'shiftId', Buffer | string>) =>
    sessionFrom(db, v.tokenHash as Buffer)
      .leftJoin(checkInShift(db, v.shiftId as string).as('s'), (j) => j.onTrue())
      .leftJoin('volunteers as v', (j) =>
        j.onRef('v.user_id', '=', 'se.user_id').on('v.status', '=', 'active'),
      )
      .leftJoin('signups as g', (j) =>
        j
          .onRef('g.shift_id', '=', 's.id')
          .onRef('g.volunteer_id', '=', 'v.id')
          .on('g.status', '=', 'accepted'),
      )
      .leftJoin('attendances as t', 't.signup_id', 'g.id')
      .selectAll('s')
      .select([
        'v.id as volunteer_id',
        'g.id as signup_id',
        'g.shift_range as signup_shift_range',
        't.id as attendance_id',
        't.check_in_at as attendance_check_in_at',
        't.check_out_at as attendance_check_out_at',
        't.review_status as attendance_review_status',
      ]),
);

function splitCheckInContext(
  r: ReturnType<typeof splitSession<RowOf<ReturnType<typeof checkInContextQuery>>>>['rest'],
) {
  const {
    volunteer_id,
    signup_id,
    signup_shift_range,
    attendance_id,
    attendance_check_in_at,
    attendance_check_out_at,
    attendance_review_status,
    ...shift
  } = r;
  const signup: CheckInSignup | undefined =
    signup_id === null || signup_shift_range === null
      ? undefined
      : {
          id: signup_id,
          shift_range: signup_shift_range,
          attendance_id,
          attendance_check_in_at,
          attendance_check_out_at,
          attendance_review_status,
        };
  return {
    shift: shift.id === null ? undefined : (shift as CheckInShift),
    volunteerId: volunteer_id,
    signup,
  };
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

/**
 * A check-in and its audit row in one statement; undefined when the sign-up already has one (a concurrent
 * retry won: nothing written, no audit row). One attendance per sign-up is the unique signup_id, and the
 * exclusion constraint refuses a second shift overlapping in time (23P01).
 */
export async function insertAttendance(
  db: Database,
  v: {
    signup_id: string;
    shift_id: string;
    activity_id: string;
    volunteer_id: string;
    shift_range: string;
    check_in_at: Date;
    check_in_method: 'qr' | 'staff';
    check_in_by: string | null;
    check_in_step: number | null;
    check_in_distance_m: number | null;
    check_in_accuracy_m: number | null;
    review_status: 'ok' | 'review';
  },
  audit: AuditRow,
) {
  return (await db.executeQuery(insertAttendanceQuery(db, { ...v, ...auditValues(audit) }))).rows[0];
}

const ATTENDANCE_KEYS = [
  'signup_id',
  'shift_id',
  'activity_id',
  'volunteer_id',
  'shift_range',
  'check_in_at',
  'check_in_method',
  'check_in_by',
  'check_in_step',
  'check_in_distance_m',
  'check_in_accuracy_m',
  'review_status',
] as const;

/** insertAttendance's statement, compiled once (every check-in sends it; db/compiled.ts). */
const insertAttendanceQuery = compiledOnce(
  [...ATTENDANCE_KEYS, ...AUDIT_KEYS],
  (_db, v: Record<(typeof ATTENDANCE_KEYS)[number], unknown> & AuditValues) =>
    sql<Pick<AttendanceRow, 'id' | 'check_in_at' | 'check_out_at' | 'review_status'>>`
    WITH t AS (
      INSERT INTO attendances (signup_id, shift_id, activity_id, volunteer_id, shift_range, check_in_at,
        check_in_method, check_in_by, check_in_step, check_in_distance_m, check_in_accuracy_m, review_status)
      VALUES (${v.signup_id}, ${v.shift_id}, ${v.activity_id}, ${v.volunteer_id}, ${v.shift_range},
        ${v.check_in_at}, ${v.check_in_method}, ${v.check_in_by}, ${v.check_in_step}, ${v.check_in_distance_m},
        ${v.check_in_accuracy_m}, ${v.review_status})
      ON CONFLICT (signup_id) DO NOTHING
      RETURNING id, check_in_at, check_out_at, review_status
    ), a AS (
      ${auditInsertFrom(v, 't', sql`t.id::text`)}
    )
    SELECT * FROM t`,
);

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
