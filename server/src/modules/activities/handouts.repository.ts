import type { Database } from '../../db/database.ts';
import type { SignupStatus } from '../../db/schema.activities.ts';

/**
 * Everyone who holds or waits for a place in an activity, with their attendance: the roster and the paper
 * sign-in sheet. Cancelled and rejected sign-ups are not on paper (the console's list keeps them).
 */
export function rosterOf(db: Database, activityId: string, statuses: readonly SignupStatus[]) {
  return db
    .selectFrom('signups as g')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .innerJoin('positions as p', 'p.id', 'g.position_id')
    .innerJoin('volunteers as v', 'v.id', 'g.volunteer_id')
    .leftJoin('attendances as t', 't.signup_id', 'g.id')
    .where('g.activity_id', '=', activityId)
    .where('g.status', 'in', [...statuses])
    .select([
      'g.id',
      'g.status',
      'v.volunteer_no',
      'v.name',
      'v.phone_enc',
      'p.name as position_name',
      's.starts_at',
      's.ends_at',
      't.check_in_at',
      't.check_out_at',
    ])
    .orderBy('p.name')
    .orderBy('s.starts_at')
    .orderBy('g.seq')
    .execute();
}
export type RosterRow = Awaited<ReturnType<typeof rosterOf>>[number];
