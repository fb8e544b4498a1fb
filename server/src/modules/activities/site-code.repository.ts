import type { Database } from '../../db/database.ts';

/**
 * The shifts a volunteer holds (accepted sign-ups) that a site code may mean: those whose check-in window
 * contains `now` (it opens `opensBeforeMs` before the start and closes at the end) and those checked in but
 * not yet out. One activity when given; all of the volunteer's otherwise (a typed short code names none).
 */
export function heldShiftsNow(
  db: Database,
  volunteerId: string,
  activityId: string | null,
  now: Date,
  opensBeforeMs: number,
) {
  let q = db
    .selectFrom('signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .leftJoin('attendances as t', 't.signup_id', 'g.id')
    .select([
      'g.activity_id',
      'g.shift_id',
      's.starts_at',
      's.ends_at',
      't.id as attendance_id',
      't.check_out_at',
      't.review_status',
    ])
    .where('g.volunteer_id', '=', volunteerId)
    .where('g.status', '=', 'accepted')
    .where('s.removed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('s.starts_at', '<=', new Date(now.getTime() + opensBeforeMs)), eb('s.ends_at', '>', now)]),
        eb.and([eb('t.id', 'is not', null), eb('t.check_out_at', 'is', null)]),
      ]),
    );
  if (activityId) q = q.where('g.activity_id', '=', activityId);
  return q.orderBy('s.starts_at').execute();
}
export type HeldShift = Awaited<ReturnType<typeof heldShiftsNow>>[number];

/** Whether the volunteer holds any shift of the activity at all (for a precise error). */
export async function holdsAnyShift(db: Database, volunteerId: string, activityId: string) {
  const row = await db
    .selectFrom('signups')
    .select('id')
    .where('volunteer_id', '=', volunteerId)
    .where('activity_id', '=', activityId)
    .where('status', '=', 'accepted')
    .executeTakeFirst();
  return Boolean(row);
}

export function activityStatus(db: Database, activityId: string) {
  return db.selectFrom('activities').select('status').where('id', '=', activityId).executeTakeFirst();
}

/**
 * Wrong short codes of one account (a keyed hash of it in the shared code_requests counter of migration
 * 0017): counted over `since`, older ones forgotten.
 */
export async function countWrongCodes(db: Database, bucket: Buffer, since: Date) {
  const r = await db
    .selectFrom('code_requests')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('bucket', '=', bucket)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function recordWrongCode(db: Database, bucket: Buffer, now: Date, forgetBefore: Date) {
  await db.insertInto('code_requests').values({ bucket, created_at: now }).execute();
  await db.deleteFrom('code_requests').where('created_at', '<', forgetBefore).execute();
}
