import type { Insertable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { RecordEvidenceTable, ServiceRecordsTable } from '../../db/schema.records.ts';

/** SQL of back-fills and corrections (corrections.service.ts): the lookups and the pending entries. */

/** The active volunteer with this number, if any. */
export function activeVolunteerByNo(db: Database, volunteerNo: string) {
  return db
    .selectFrom('volunteers')
    .select('id')
    .where('volunteer_no', '=', volunteerNo)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** The organization an activity belongs to, if the activity exists. */
export function activityOrg(db: Database, activityId: string) {
  return db.selectFrom('activities').select('org_id').where('id', '=', activityId).executeTakeFirst();
}

/** Writes a pending entry (back-fill or correction); returns its id. */
export function insertPending(db: Database, values: Insertable<ServiceRecordsTable>) {
  return db.insertInto('service_records').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Stores a back-fill's evidence files (encrypted by the caller). */
export async function insertEvidence(db: Database, rows: Insertable<RecordEvidenceTable>[]) {
  if (rows.length) await db.insertInto('record_evidence').values(rows).execute();
}
