import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/** SQL of training, award and evaluation records (person-records.service.ts). */

export type PersonRecordTable = 'training_records' | 'award_records' | 'evaluation_records';

// The same lookups as for back-fills and corrections: the volunteer by number, the activity's organization.
export { activeVolunteerByNo, activityOrg } from './corrections.repository.ts';

/** The volunteer linked to an account, if any. */
export function volunteerOfUser(db: Database, userId: string) {
  return db.selectFrom('volunteers').select('id').where('user_id', '=', userId).executeTakeFirst();
}

/** Inserts one training, award or evaluation record; returns its id. */
export function insertPersonRecord(db: Database, table: PersonRecordTable, values: Record<string, unknown>) {
  return db
    .insertInto(table)
    .values(values as never)
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A volunteer's training, award and evaluation records, newest first (200 of each at most). */
export function personRecordsOf(db: Database, volunteerId: string) {
  return Promise.all([
    db
      .selectFrom('training_records as r')
      .innerJoin('organizations as o', 'o.id', 'r.org_id')
      .select(['r.id', 'r.name', 'r.content', 'r.minutes', 'r.host', 'o.name as org_name'])
      .select(sql<string>`to_char(r.training_date, 'YYYY-MM-DD')`.as('day'))
      .where('r.volunteer_id', '=', volunteerId)
      .orderBy('r.training_date', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('award_records as r')
      .innerJoin('organizations as o', 'o.id', 'r.org_id')
      .select(['r.id', 'r.name', 'r.grantor', 'r.grant_type', 'o.name as org_name'])
      .select(sql<string>`to_char(r.award_date, 'YYYY-MM-DD')`.as('day'))
      .where('r.volunteer_id', '=', volunteerId)
      .orderBy('r.award_date', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('evaluation_records as r')
      .innerJoin('organizations as o', 'o.id', 'r.org_id')
      .leftJoin('activities as a', 'a.id', 'r.activity_id')
      .select(['r.id', 'r.quality', 'r.stars', 'r.comment', 'a.title', 'o.name as org_name'])
      .select(sql<string>`to_char(r.evaluation_date, 'YYYY-MM-DD')`.as('day'))
      .where('r.volunteer_id', '=', volunteerId)
      .orderBy('r.evaluation_date', 'desc')
      .limit(200)
      .execute(),
  ]);
}
