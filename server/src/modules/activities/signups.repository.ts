import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { compiledOnce, type RowOf } from '../../db/compiled.ts';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';
import { sessionFrom, splitSession } from '../../db/session-sql.ts';
import { signupShift, type SignUpShift } from './shifts.repository.ts';
import type { SignupStatus } from '../../db/schema.activities.ts';

// The shift reads live in shifts.repository.ts; the module's services name them from here too.
export {
  checkInShift,
  findShift,
  shiftQuery,
  type CheckInShift,
  type ShiftRow,
  type SignUpShift,
} from './shifts.repository.ts';

export const OPEN: SignupStatus[] = ['pending', 'accepted', 'waitlisted'];

/** A tstzrange literal; [start, end) so back-to-back shifts do not overlap. */
export const rangeOf = (start: Date, end: Date) => `[${start.toISOString()},${end.toISOString()})`;

/** What eligibility needs of the caller's volunteer record. */
export function findVolunteerOfUser(db: Database, userId: string) {
  return db
    .selectFrom('volunteers')
    .select([
      'id',
      'user_id',
      'verification_status',
      sql<string | null>`to_char(birth_date, 'YYYY-MM-DD')`.as('birth_iso'),
      'guardian_consent_at',
      'skills',
      'qualifications',
    ])
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/**
 * Everything a sign-up decides on, in one statement (decision 0072): the session of `tokenHash` with its
 * user and grants (none: no row), the user's volunteer record (none: `v_id` null), the shift with its rules
 * (none: `id` null), whether the volunteer holds an open sign-up overlapping it on another shift, and
 * whether they are an active member of one of its designated teams.
 */
export async function findSignUpContext(db: Database, tokenHash: Buffer, shiftId: string) {
  const r = (await db.executeQuery(signUpContextQuery(db, { tokenHash, shiftId }))).rows[0];
  if (!r) return undefined;
  const { session, rest } = splitSession(r);
  return { session, ...splitSignUpContext(rest) };
}

/** findSignUpContext's statement, compiled once (every sign-up sends it; db/compiled.ts). */
const signUpContextQuery = compiledOnce(
  ['tokenHash', 'shiftId'],
  // The two values are of two types (db/compiled.ts takes one): each is used as what it is.
  (db, v: Record<'tokenHash' | 'shiftId', Buffer | string>) =>
    sessionFrom(db, v.tokenHash as Buffer)
      .leftJoin('volunteers as v', (j) =>
        j.onRef('v.user_id', '=', 'se.user_id').on('v.status', '=', 'active'),
      )
      .leftJoin(signupShift(db, v.shiftId as string).as('s'), (j) => j.onTrue())
      .selectAll('s')
      .select([
        'v.id as v_id',
        'v.user_id as v_user_id',
        'v.verification_status as v_verification_status',
        sql<string | null>`to_char(v.birth_date, 'YYYY-MM-DD')`.as('v_birth_iso'),
        'v.guardian_consent_at as v_guardian_consent_at',
        'v.skills as v_skills',
        // A position's written requirements (the older free-text list) are met only by qualification
        // records, valid on the shift's date, whose type's code or name in any language is the text: what a
        // volunteer once typed on the profile is not evidence (issue 16, decision 0069). Read only then.
        sql<string[]>`(CASE WHEN cardinality(s.required_qualifications) = 0 THEN '{}'::text[] ELSE ARRAY(
        SELECT unnest(ARRAY[t.code, t.name_zh_cn, t.name_zh_hk, t.name_en]) FROM qualifications q
        JOIN qualification_types t ON t.code = q.type_code
        WHERE q.volunteer_id = v.id AND q.issued_at <= s.starts_at
        AND (q.expires_at IS NULL OR q.expires_at > s.starts_at)
        AND NOT EXISTS (SELECT 1 FROM qualification_revocations r WHERE r.qualification_id = q.id)) END)`.as(
          'v_held_qualifications',
        ),
        sql<boolean>`EXISTS (SELECT 1 FROM signups o WHERE o.volunteer_id = v.id
        AND o.status IN ('pending', 'accepted', 'waitlisted') AND o.shift_id <> s.id
        AND o.shift_range && tstzrange(s.starts_at, s.ends_at, '[)'))`.as('overlaps'),
        sql<boolean>`(s.recruit_mode = 'teams' AND EXISTS (SELECT 1 FROM memberships m
        WHERE m.volunteer_id = v.id AND m.org_id = ANY (s.designated_orgs) AND m.status = 'active'))`.as(
          'member',
        ),
        // A position requiring a qualification type (modules/training): one more EXISTS, only then. Valid
        // on the shift's date: issued by its start, not expired before it, never revoked.
        sql<boolean>`(s.required_qualification IS NULL OR EXISTS (SELECT 1 FROM qualifications q
        WHERE q.volunteer_id = v.id AND q.type_code = s.required_qualification
        AND q.issued_at <= s.starts_at AND (q.expires_at IS NULL OR q.expires_at > s.starts_at)
        AND NOT EXISTS (SELECT 1 FROM qualification_revocations r WHERE r.qualification_id = q.id)))`.as(
          'qualified',
        ),
      ]),
);

type SignUpContextRow = ReturnType<typeof splitSession<RowOf<ReturnType<typeof signUpContextQuery>>>>['rest'];

function splitSignUpContext(r: SignUpContextRow) {
  const {
    v_id,
    v_user_id,
    v_verification_status,
    v_birth_iso,
    v_guardian_consent_at,
    v_skills,
    v_held_qualifications,
    overlaps,
    member,
    qualified,
    ...shift
  } = r;
  return {
    volunteer:
      v_id === null
        ? undefined
        : {
            id: v_id,
            user_id: v_user_id!,
            verification_status: v_verification_status!,
            birth_iso: v_birth_iso,
            guardian_consent_at: v_guardian_consent_at,
            skills: v_skills!,
            heldQualifications: v_held_qualifications ?? [],
          },
    shift: shift.id === null ? undefined : (shift as SignUpShift),
    overlaps: Boolean(overlaps),
    member: Boolean(member),
    qualified: Boolean(qualified),
  };
}

/** An audit row as audit.service's recordAudit fills it, but for the object id (see auditRow). */
export interface AuditRow {
  actorId: string | null;
  actorName: string | null;
  action: string;
  objectType: string | null;
  result: 'ok' | 'denied' | 'failed';
  requestId: string | null;
  sourceIp: string | null;
  regionCode: string | null;
  details: Record<string, unknown>;
}

/** An audit row's values as parameters of a compiled statement (auditInsertFrom), its details as JSON. */
export const AUDIT_KEYS = [
  'audit_actor_id',
  'audit_actor_name',
  'audit_action',
  'audit_object_type',
  'audit_result',
  'audit_request_id',
  'audit_source_ip',
  'audit_region_code',
  'audit_details',
] as const;
export type AuditValues = Record<(typeof AUDIT_KEYS)[number], unknown>;

export function auditValues(a: AuditRow): AuditValues {
  return {
    audit_actor_id: a.actorId,
    audit_actor_name: a.actorName,
    audit_action: a.action,
    audit_object_type: a.objectType,
    audit_result: a.result,
    audit_request_id: a.requestId,
    audit_source_ip: a.sourceIp,
    audit_region_code: a.regionCode,
    audit_details: JSON.stringify(a.details),
  };
}

/**
 * `INSERT INTO audit_log … SELECT … FROM <from>`, for a data-modifying WITH: the write's audit row in the
 * write's own statement, one per row the write returned (none when it wrote nothing), so they commit
 * together without a transaction of several round trips. The chain trigger fills id and hashes as for any
 * insert. `objectId` and `extra` (merged into the details) are expressions over `from`'s row.
 */
export function auditInsertFrom(
  a: AuditValues,
  from: string,
  objectId: RawBuilder<string>,
  extra?: RawBuilder<unknown>,
) {
  const details = sql`${a.audit_details}::jsonb`;
  return sql`INSERT INTO audit_log (actor_id, actor_name, action, object_type, object_id, result, request_id,
      source_ip, region_code, details)
    SELECT ${a.audit_actor_id}::uuid, ${a.audit_actor_name}::text, ${a.audit_action}::text,
      ${a.audit_object_type}::text, ${objectId}, ${a.audit_result}::text, ${a.audit_request_id}::text,
      ${a.audit_source_ip}::text, ${a.audit_region_code}::text, ${extra ? sql`${details} || ${extra}` : details}
    FROM ${sql.table(from)}`;
}

/**
 * A sign-up in one statement. Its guarded UPDATE of the shift row is the lock and the count at once
 * (decision 0072): a free place is taken (`taken + 1 … WHERE taken < quota`) for the sign-up holding it
 * (`hold`: accepted, or pending when the position needs approval); on a full shift the waitlist grows
 * instead (`waitlisted + 1`) and its new length is this sign-up's position. Either UPDATE waits for the row
 * lock and then sees the row's newest version, whatever committed meanwhile; the arrival number `seq` is
 * drawn under that lock, so the waitlist is first come, first served. The statement names the sign-up's id
 * in `yiqi.signup_counted` before inserting it, so the place-counting trigger skips that row (migration
 * 202612071140); CHECK taken <= quota still refuses an overbooking whatever this statement decided. The
 * audit row is appended in the same statement (details get the status). A second open sign-up fails on
 * signups_open_uniq. Nothing when the shift row is gone.
 *
 * `releaseBeforeFlush` (only outside a transaction, where this statement is its own transaction): the
 * commit does not wait for its WAL to reach the disk (synchronous_commit off for this transaction only), so
 * the shift's row lock is released as soon as the commit is written instead of after the flush, the
 * longest part of the time it was held. The caller must then call waitForFlush() before telling anyone
 * that the sign-up exists (decision 0062).
 */
export async function insertSignup(
  db: Database,
  v: {
    shiftId: string;
    positionId: string;
    activityId: string;
    volunteerId: string;
    range: string;
    hold: 'accepted' | 'pending';
    now: Date;
  },
  audit: AuditRow,
  releaseBeforeFlush: boolean,
) {
  const query = releaseBeforeFlush ? insertSignupReleasing : insertSignupQuery;
  const r = await db.executeQuery(query(db, { ...v, id: randomUUID(), ...auditValues(audit) }));
  const row = r.rows[0];
  return (
    row && { ...row, waitlistPosition: row.waitlist_position === null ? null : Number(row.waitlist_position) }
  );
}

/** insertSignup's statement, compiled once per shape (db/compiled.ts): every sign-up sends it. */
function signupInsert(releaseBeforeFlush: boolean) {
  const keys = ['id', 'shiftId', 'positionId', 'activityId', 'volunteerId', 'range', 'hold', 'now'] as const;
  return compiledOnce(
    [...keys, ...AUDIT_KEYS],
    (_db, v: Record<(typeof keys)[number], unknown> & AuditValues) => sql<{
      id: string;
      status: SignupStatus;
      waitlist_position: number | null;
    }>`
    WITH placed AS (
      UPDATE shifts SET taken = taken + 1 WHERE id = ${v.shiftId}::uuid AND taken < quota RETURNING id
    ), waiting AS (
      UPDATE shifts SET waitlisted = waitlisted + 1
      WHERE id = ${v.shiftId}::uuid AND NOT EXISTS (SELECT 1 FROM placed) RETURNING waitlisted
    ), d AS MATERIALIZED (
      SELECT CASE WHEN EXISTS (SELECT 1 FROM placed) THEN ${v.hold}::text ELSE 'waitlisted' END AS status,
        (SELECT waitlisted FROM waiting) AS position,
        set_config('yiqi.signup_counted', ${v.id}::text, true) AS counted
      WHERE EXISTS (SELECT 1 FROM placed) OR EXISTS (SELECT 1 FROM waiting)
    ), g AS (
      INSERT INTO signups (id, shift_id, position_id, activity_id, volunteer_id, status, shift_range,
        waitlisted_at, created_at)
      SELECT d.counted::uuid, ${v.shiftId}::uuid, ${v.positionId}::uuid, ${v.activityId}::uuid,
        ${v.volunteerId}::uuid, d.status, ${v.range}::tstzrange,
        CASE WHEN d.status = 'waitlisted' THEN ${v.now}::timestamptz END, ${v.now}::timestamptz
      FROM d
      RETURNING id, status
    ), a AS (
      ${auditInsertFrom(v, 'g', sql`g.id::text`, sql`jsonb_build_object('status', g.status)`)}
    )
    SELECT g.id, g.status, d.position AS waitlist_position
      ${releaseBeforeFlush ? sql`, set_config('synchronous_commit', 'off', true) AS released` : sql``}
    FROM g CROSS JOIN d`,
  );
}
const insertSignupQuery = signupInsert(false);
const insertSignupReleasing = signupInsert(true);

/**
 * Returns once everything committed before this call is on disk: a transaction that writes one WAL record
 * (a logical message, which nothing decodes) and commits synchronously, so its commit flushes the WAL up to
 * its own record, past every commit written before it (WAL is one sequence). Used after a commit that did
 * not wait for its flush (insertSignup's releaseBeforeFlush); concurrent callers share one flush.
 */
export async function waitForFlush(db: Database) {
  await db.executeQuery(flushQuery(db, {}));
}
const flushQuery = compiledOnce([], () => sql`SELECT pg_logical_emit_message(true, 'yiqi.flush', '')`);

/** Locks the shift row (the same lock the place-counting trigger takes) and reads its places. */
export function lockShift(db: Database, shiftId: string) {
  return db
    .selectFrom('shifts')
    .select(['id', 'quota', 'taken'])
    .where('id', '=', shiftId)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
}

/**
 * Fills free places from the waitlist in order. Call inside a transaction; takes the shift lock first, so
 * concurrent cancellations and sign-ups see each other's counts. Returns the promoted sign-ups.
 */
export async function promoteWaitlist(db: Database, shiftId: string, needsApproval: boolean, now: Date) {
  const shift = await lockShift(db, shiftId);
  const free = shift.quota - shift.taken;
  if (free <= 0) return [];
  const r = await sql<{ id: string; volunteer_id: string; user_id: string | null }>`
    UPDATE signups g SET status = ${needsApproval ? 'pending' : 'accepted'}, promoted_at = ${now}
    FROM volunteers v
    WHERE g.id IN (SELECT id FROM signups WHERE shift_id = ${shiftId} AND status = 'waitlisted'
                   ORDER BY seq LIMIT ${free})
      AND v.id = g.volunteer_id
    RETURNING g.id, g.volunteer_id, v.user_id`.execute(db);
  return r.rows;
}

export function findSignup(db: Database, id: string) {
  return db
    .selectFrom('signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .innerJoin('positions as p', 'p.id', 'g.position_id')
    .innerJoin('activities as a', 'a.id', 'g.activity_id')
    .innerJoin('volunteers as v', 'v.id', 'g.volunteer_id')
    .select([
      'g.id',
      'g.status',
      'g.shift_id',
      'g.activity_id',
      'g.volunteer_id',
      'v.user_id',
      's.starts_at',
      's.ends_at',
      'p.needs_approval',
      'p.name as position_name',
      'a.title',
      'a.region_code',
      'a.org_id',
      'a.cancel_cutoff_hours',
      'a.status as activity_status',
      'g.created_at',
      'g.promoted_at',
    ])
    .where('g.id', '=', id)
    .executeTakeFirst();
}
export type SignupRecord = NonNullable<Awaited<ReturnType<typeof findSignup>>>;

/** Moves a sign-up between statuses; false when it was no longer in `from`. */
export async function moveSignup(
  db: Database,
  id: string,
  from: SignupStatus[],
  set: Partial<{
    status: SignupStatus;
    reject_reason: string | null;
    cancel_kind: 'volunteer' | 'late' | 'activity' | 'shift_removed';
    decided_by: string;
    decided_at: Date;
    cancelled_at: Date;
  }>,
): Promise<boolean> {
  const r = await db
    .updateTable('signups')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The caller's sign-ups with their activity, shift and attendance, soonest first (latest first for the past). */
export function listOfVolunteer(
  db: Database,
  volunteerId: string,
  when: 'upcoming' | 'past' | 'all',
  now: Date,
  page: number,
  pageSize: number,
) {
  let q = db
    .selectFrom('signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .innerJoin('positions as p', 'p.id', 'g.position_id')
    .innerJoin('activities as a', 'a.id', 'g.activity_id')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .leftJoin('attendances as t', 't.signup_id', 'g.id')
    .where('g.volunteer_id', '=', volunteerId);
  if (when === 'upcoming') q = q.where('s.ends_at', '>', now);
  if (when === 'past') q = q.where('s.ends_at', '<=', now);
  return fetchPage(
    q,
    (x) =>
      x
        .select([
          'g.id',
          'g.status',
          'g.shift_id',
          'g.reject_reason',
          'g.cancel_kind',
          'g.waitlisted_at',
          'g.created_at',
          'g.promoted_at',
          'a.id as activity_id',
          'a.title',
          'a.status as activity_status',
          'a.starts_at as activity_starts_at',
          'a.ends_at as activity_ends_at',
          'a.address',
          'a.cancel_cutoff_hours',
          'o.name as org_name',
          'p.name as position_name',
          's.starts_at',
          's.ends_at',
          't.id as attendance_id',
          't.check_in_at',
          't.check_out_at',
          't.review_status',
          sql<number | null>`CASE WHEN g.status = 'waitlisted' THEN (SELECT count(*)::int FROM signups w
            WHERE w.shift_id = g.shift_id AND w.status = 'waitlisted'
              AND w.seq <= g.seq) END`.as('waitlist_position'),
        ])
        .orderBy('s.starts_at', when === 'past' ? 'desc' : 'asc')
        .orderBy('g.id'),
    page,
    pageSize,
  );
}

/** An activity's sign-ups for the organizer, oldest first. */
export function listOfActivity(
  db: Database,
  activityId: string,
  f: { status?: SignupStatus | undefined; shiftId?: string | undefined },
  page: number,
  pageSize: number,
) {
  let q = db
    .selectFrom('signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .innerJoin('positions as p', 'p.id', 'g.position_id')
    .innerJoin('volunteers as v', 'v.id', 'g.volunteer_id')
    .where('g.activity_id', '=', activityId);
  if (f.status) q = q.where('g.status', '=', f.status);
  if (f.shiftId) q = q.where('g.shift_id', '=', f.shiftId);
  return fetchPage(
    q,
    (x) =>
      x
        .select([
          'g.id',
          'g.volunteer_id',
          'v.volunteer_no',
          'v.name',
          sql<string | null>`to_char(v.birth_date, 'YYYY-MM-DD')`.as('birth_iso'),
          'g.status',
          'g.position_id',
          'p.name as position_name',
          'g.shift_id',
          's.starts_at',
          's.ends_at',
          'g.reject_reason',
          'g.cancel_kind',
          'g.created_at',
        ])
        .orderBy('g.seq'),
    page,
    pageSize,
  );
}

/** Accepted sign-ups of the shift without an attendance become no-shows; returns their ids. */
export function markNoShows(db: Database, shiftId: string, by: string, at: Date) {
  return db
    .updateTable('signups')
    .set({ status: 'no_show', decided_by: by, decided_at: at })
    .where('shift_id', '=', shiftId)
    .where('status', '=', 'accepted')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('attendances as t').select('t.id').whereRef('t.signup_id', '=', 'signups.id'))),
    )
    .returning('id')
    .execute();
}
