// The shift reads of sign-up and check-in: the full row (shiftQuery) and the narrower ones the hot
// statements join (decision 0072: each reads only the columns it uses).
import type { Database } from '../../db/database.ts';

/** The live shift of an id with its position and its activity and organization, for their columns. */
function shiftBase(db: Database, shiftId: string) {
  return db
    .selectFrom('shifts as s')
    .innerJoin('positions as p', 'p.id', 's.position_id')
    .innerJoin('activities as a', 'a.id', 's.activity_id')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .where('s.id', '=', shiftId)
    .where('s.removed_at', 'is', null)
    .where('p.removed_at', 'is', null);
}

/** What a sign-up decides on of the shift: its rules, its activity's and its organization's state. */
const SIGNUP_SHIFT_COLUMNS = [
  'o.status as org_status',
  's.id',
  's.activity_id',
  's.position_id',
  's.starts_at',
  's.ends_at',
  'p.min_age',
  'p.max_age',
  'p.required_skills',
  'p.required_qualifications',
  'p.required_qualification',
  'p.needs_approval',
  'a.status as activity_status',
  'a.region_code',
  'a.recruit_mode',
  'a.designated_orgs',
  'a.invite_code',
] as const;

/**
 * What a check-in decides on and answers with: the activity's state and check-in area, the shift's times,
 * the names shown. Read by every QR check-in: only these (decision 0072), not the thirty of shiftQuery.
 */
const CHECKIN_SHIFT_COLUMNS = [
  's.id',
  's.activity_id',
  's.starts_at',
  's.ends_at',
  'p.name as position_name',
  'a.title',
  'a.status as activity_status',
  'a.region_code',
  'a.geofence_mode',
  'a.geofence_radius_m',
  'a.lat',
  'a.lng',
] as const;

/** A shift with its position's rules and its activity's, for sign-up and check-in. */
export function shiftQuery(db: Database, shiftId: string) {
  return shiftBase(db, shiftId).select([
    ...SIGNUP_SHIFT_COLUMNS,
    ...CHECKIN_SHIFT_COLUMNS,
    's.quota',
    's.taken',
    'a.org_id',
    'a.starts_at as activity_starts_at',
    'a.ends_at as activity_ends_at',
    'a.cancel_cutoff_hours',
  ]);
}

/** The shift as a sign-up reads it (SIGNUP_SHIFT_COLUMNS). */
export function signupShift(db: Database, shiftId: string) {
  return shiftBase(db, shiftId).select(SIGNUP_SHIFT_COLUMNS);
}

/** The shift as a QR check-in reads it (CHECKIN_SHIFT_COLUMNS). */
export function checkInShift(db: Database, shiftId: string) {
  return shiftBase(db, shiftId).select(CHECKIN_SHIFT_COLUMNS);
}

export function findShift(db: Database, shiftId: string) {
  return shiftQuery(db, shiftId).executeTakeFirst();
}
export type ShiftRow = NonNullable<Awaited<ReturnType<typeof findShift>>>;

/** The shift as a sign-up reads it. */
export type SignUpShift = Awaited<ReturnType<ReturnType<typeof signupShift>['executeTakeFirstOrThrow']>>;
/** The shift as a check-in reads it. */
export type CheckInShift = Awaited<ReturnType<ReturnType<typeof checkInShift>['executeTakeFirstOrThrow']>>;
