import { sql, type Insertable } from 'kysely';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';
import type { SignupStatus, SignupsTable } from '../../db/schema.activities.ts';

export const OPEN: SignupStatus[] = ['pending', 'accepted', 'waitlisted'];

/** A tstzrange literal; [start, end) so back-to-back shifts do not overlap. */
export const rangeOf = (start: Date, end: Date) => `[${start.toISOString()},${end.toISOString()})`;

/** A shift with its position's rules and its activity's, for sign-up and check-in. */
export function findShift(db: Database, shiftId: string) {
  return db
    .selectFrom('shifts as s')
    .innerJoin('positions as p', 'p.id', 's.position_id')
    .innerJoin('activities as a', 'a.id', 's.activity_id')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select([
      'o.status as org_status',
      's.id',
      's.activity_id',
      's.position_id',
      's.starts_at',
      's.ends_at',
      's.quota',
      's.taken',
      'p.name as position_name',
      'p.min_age',
      'p.max_age',
      'p.required_skills',
      'p.required_qualifications',
      'p.needs_approval',
      'a.org_id',
      'a.title',
      'a.status as activity_status',
      'a.starts_at as activity_starts_at',
      'a.ends_at as activity_ends_at',
      'a.region_code',
      'a.recruit_mode',
      'a.designated_orgs',
      'a.invite_code',
      'a.cancel_cutoff_hours',
      'a.geofence_mode',
      'a.geofence_radius_m',
      'a.lat',
      'a.lng',
    ])
    .where('s.id', '=', shiftId)
    .where('s.removed_at', 'is', null)
    .where('p.removed_at', 'is', null)
    .executeTakeFirst();
}
export type ShiftRow = NonNullable<Awaited<ReturnType<typeof findShift>>>;

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

/** Locks the shift row (the same lock the place-counting trigger takes) and reads its places. */
export function lockShift(db: Database, shiftId: string) {
  return db
    .selectFrom('shifts')
    .select(['id', 'quota', 'taken'])
    .where('id', '=', shiftId)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
}

/** The volunteer's open sign-ups whose shift overlaps a time range (other shifts only). */
export function overlapping(db: Database, volunteerId: string, range: string, shiftId: string) {
  return db
    .selectFrom('signups')
    .select(['id', 'shift_id'])
    .where('volunteer_id', '=', volunteerId)
    .where('status', 'in', OPEN)
    .where('shift_id', '<>', shiftId)
    .where(sql<boolean>`shift_range && ${range}::tstzrange`)
    .execute();
}

export function hasActiveMembership(db: Database, volunteerId: string, orgIds: string[]) {
  if (orgIds.length === 0) return Promise.resolve(false);
  return db
    .selectFrom('memberships')
    .select('id')
    .where('volunteer_id', '=', volunteerId)
    .where('org_id', 'in', orgIds)
    .where('status', '=', 'active')
    .executeTakeFirst()
    .then(Boolean);
}

/** 1-based place in the shift's waitlist (oldest first) of the sign-up that arrived as `seq`. */
export async function waitlistPosition(db: Database, shiftId: string, seq: number) {
  // A range count on (shift_id, status, seq): an index-only scan, no per-row lookups.
  const r = await db
    .selectFrom('signups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shift_id', '=', shiftId)
    .where('status', '=', 'waitlisted')
    .where('seq', '<=', seq)
    .executeTakeFirstOrThrow();
  return Number(r.n);
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

export function insertSignup(db: Database, values: Insertable<SignupsTable>) {
  return db.insertInto('signups').values(values).returning(['id', 'seq']).executeTakeFirstOrThrow();
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
