import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * SQL of hours imports (service records of kind 'import'): the checks a sheet's rows need in batches and the
 * batch insert. The set-based decision on a whole batch (status, totals, events) is confirmation.ts's.
 */

export interface RecordKey {
  volunteerId: string;
  /** YYYY-MM-DD */
  date: string;
  title: string;
}
export const keyOf = (k: RecordKey) => `${k.volunteerId}|${k.date}|${k.title}`;

/** Which of these (volunteer, day, activity title) the organization has already recorded (not rejected). */
export async function recordedKeys(db: Database, orgId: string, keys: RecordKey[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const r = await sql<{ volunteer_id: string; day: string; activity_title: string }>`
    SELECT r.volunteer_id, to_char(r.service_date, 'YYYY-MM-DD') AS day, r.activity_title
    FROM service_records r
    WHERE r.org_id = ${orgId} AND r.status <> 'rejected'
      AND (r.volunteer_id, r.service_date, r.activity_title) IN (
        SELECT * FROM unnest(${keys.map((k) => k.volunteerId)}::uuid[], ${keys.map((k) => k.date)}::date[],
                             ${keys.map((k) => k.title)}::text[]))`.execute(db);
  return new Set(
    r.rows.map((x) => keyOf({ volunteerId: x.volunteer_id, date: x.day, title: x.activity_title })),
  );
}

/**
 * Minutes already held on these (volunteer, day) pairs by entries that are or may become confirmed
 * (drafts, pending, confirmed): the 24-hour rule counts them. Key: "volunteer|day".
 */
export async function heldMinutes(
  db: Database,
  pairs: { volunteerId: string; date: string }[],
): Promise<Map<string, number>> {
  if (pairs.length === 0) return new Map();
  const r = await sql<{ volunteer_id: string; day: string; m: number }>`
    SELECT r.volunteer_id, to_char(r.service_date, 'YYYY-MM-DD') AS day, sum(r.minutes)::int AS m
    FROM service_records r
    WHERE r.status IN ('draft', 'pending', 'confirmed')
      AND (r.volunteer_id, r.service_date) IN (
        SELECT * FROM unnest(${pairs.map((p) => p.volunteerId)}::uuid[], ${pairs.map((p) => p.date)}::date[]))
    GROUP BY 1, 2`.execute(db);
  return new Map(r.rows.map((x) => [`${x.volunteer_id}|${x.day}`, Number(x.m)]));
}

export interface ImportedRecord {
  volunteerId: string;
  serviceDate: string;
  activityTitle: string;
  place: string;
  content: string;
  positionName: string | null;
  personInCharge: string;
  minutes: number;
}

/**
 * Pending 'import' entries of one batch in one statement. A row whose (volunteer, day, activity) the
 * organization imported meanwhile is left out (the idempotency index), so fewer may be written.
 */
export async function insertImported(
  db: Database,
  b: { orgId: string; jobId: string; reason: string; createdBy: string; at: Date },
  rows: ImportedRecord[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await db
    .insertInto('service_records')
    .values(
      rows.map((r) => ({
        kind: 'import' as const,
        volunteer_id: r.volunteerId,
        org_id: b.orgId,
        service_date: r.serviceDate,
        activity_title: r.activityTitle,
        place: r.place,
        content: r.content,
        position_name: r.positionName,
        person_in_charge: r.personInCharge,
        minutes: r.minutes,
        reason: b.reason,
        status: 'pending' as const,
        created_by: b.createdBy,
        created_at: b.at,
        import_job_id: b.jobId,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'volunteer_id', 'service_date', 'activity_title'])
        // Literals, so PostgreSQL matches the partial unique index's predicate.
        .where('kind', '=', sql.lit('import'))
        .where('status', '<>', sql.lit('rejected'))
        .doNothing(),
    )
    .returning('id')
    .execute();
  return written.length;
}

/** Where a batch's entries stand, for each of these jobs. */
export async function batchCounts(db: Database, jobIds: string[]) {
  const out = new Map<string, { pending: number; confirmed: number; rejected: number }>();
  if (jobIds.length === 0) return out;
  const rows = await db
    .selectFrom('service_records')
    .select(['import_job_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('import_job_id', 'in', jobIds)
    .groupBy(['import_job_id', 'status'])
    .execute();
  for (const id of jobIds) out.set(id, { pending: 0, confirmed: 0, rejected: 0 });
  for (const r of rows) {
    const c = out.get(r.import_job_id!)!;
    // A confirmed entry later corrected still counts as confirmed for its batch.
    if (r.status === 'pending') c.pending += Number(r.n);
    else if (r.status === 'rejected') c.rejected += Number(r.n);
    else c.confirmed += Number(r.n);
  }
  return out;
}

/** Whether a pending entry of the batch is about the volunteer linked to the account. */
export async function batchHasVolunteerOf(db: Database, jobId: string, userId: string) {
  const row = await db
    .selectFrom('service_records as r')
    .innerJoin('volunteers as v', 'v.id', 'r.volunteer_id')
    .select('r.id')
    .where('r.import_job_id', '=', jobId)
    .where('r.status', '=', 'pending')
    .where('v.user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The batch's job row, locked until the caller's commit (one decision at a time). */
export function lockJob(db: Database, jobId: string) {
  return db
    .selectFrom('import_jobs')
    .select(['id', 'kind', 'status', 'org_id', 'created_by'])
    .select((eb) =>
      eb
        .selectFrom('organizations as o')
        .select('o.region_code')
        .whereRef('o.id', '=', 'import_jobs.org_id')
        .as('region_code'),
    )
    .where('id', '=', jobId)
    .forUpdate()
    .executeTakeFirst();
}
