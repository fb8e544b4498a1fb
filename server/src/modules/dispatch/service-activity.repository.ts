import type { Database } from '../../db/database.ts';

/** SQL of service through an activity: the link of an order to the activities its serving teams opened. */

export function insertLink(
  db: Database,
  v: { activity_id: string; order_id: string; team_id: string; created_by: string; created_at: Date },
) {
  return db.insertInto('dispatch_order_activities').values(v).execute();
}

/** The activity a team opened for the order, if any. */
export function linkOfTeam(db: Database, orderId: string, teamId: string) {
  return db
    .selectFrom('dispatch_order_activities as l')
    .innerJoin('activities as a', 'a.id', 'l.activity_id')
    .select(['l.activity_id', 'a.status'])
    .where('l.order_id', '=', orderId)
    .where('l.team_id', '=', teamId)
    .executeTakeFirst();
}

/** Every activity opened for the order (a re-dispatched order may have one per team), oldest first. */
export function activitiesOf(db: Database, orderId: string) {
  return db
    .selectFrom('dispatch_order_activities as l')
    .innerJoin('activities as a', 'a.id', 'l.activity_id')
    .innerJoin('organizations as o', 'o.id', 'l.team_id')
    .select(['a.id', 'a.title', 'a.status', 'a.starts_at', 'o.id as team_id', 'o.name as team_name'])
    .where('l.order_id', '=', orderId)
    .orderBy('l.created_at')
    .orderBy('a.id')
    .execute();
}

/**
 * The volunteers checked in to the team's activity for the order (its attendance, not its sign-ups): the
 * people the completed order names.
 */
export function attendedVolunteers(db: Database, activityId: string) {
  return db
    .selectFrom('attendances')
    .select('volunteer_id')
    .distinct()
    .where('activity_id', '=', activityId)
    .where('review_status', '<>', 'rejected')
    .execute();
}
