import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * SQL of hours imports (service records of kind 'import'): the checks a sheet's rows need in batches, the
 * batch insert, and the set-based decision on a whole batch with its totals in the same statement.
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

/**
 * Confirms every pending entry of a batch in one statement and adds them to the volunteers' totals in the
 * same statement. Entries whose (volunteer, day) would pass 24 hours with the confirmed entries of that
 * day stay pending. Returns how many were confirmed and how many stay pending.
 */
export async function confirmBatch(db: Database, jobId: string, by: string, now: Date) {
  // The batch's volunteers are held first, in one order (no deadlock with another batch or a single
  // confirmation), so the 24-hour check below sees every confirmation that committed before it.
  await sql`INSERT INTO volunteer_totals (volunteer_id)
    SELECT DISTINCT volunteer_id FROM service_records WHERE import_job_id = ${jobId} AND status = 'pending'
    ORDER BY volunteer_id ON CONFLICT (volunteer_id) DO NOTHING`.execute(db);
  await sql`SELECT volunteer_id FROM volunteer_totals WHERE volunteer_id IN (
      SELECT volunteer_id FROM service_records WHERE import_job_id = ${jobId} AND status = 'pending')
    ORDER BY volunteer_id FOR UPDATE`.execute(db);
  const r = await sql<{ confirmed: number; left_pending: number }>`
    WITH p AS (
      SELECT volunteer_id, service_date, sum(minutes) AS m FROM service_records
      WHERE import_job_id = ${jobId} AND status = 'pending' GROUP BY 1, 2
    ), over AS (
      SELECT p.volunteer_id, p.service_date FROM p
      WHERE p.m + coalesce((SELECT sum(c.minutes) FROM service_records c
                            WHERE c.volunteer_id = p.volunteer_id AND c.service_date = p.service_date
                              AND c.status = 'confirmed'), 0) > 1440
    ), c AS (
      UPDATE service_records r SET status = 'confirmed', decided_by = ${by}, decided_at = ${now}
      WHERE r.import_job_id = ${jobId} AND r.status = 'pending'
        AND NOT EXISTS (SELECT 1 FROM over o WHERE o.volunteer_id = r.volunteer_id AND o.service_date = r.service_date)
      RETURNING r.volunteer_id, r.service_date, r.minutes
    ), t AS (
      INSERT INTO volunteer_totals AS vt (volunteer_id, minutes, records, activities, updated_at)
      SELECT volunteer_id, sum(minutes), count(*), 0, ${now}::timestamptz FROM c GROUP BY volunteer_id
      ON CONFLICT (volunteer_id) DO UPDATE SET minutes = vt.minutes + EXCLUDED.minutes,
        records = vt.records + EXCLUDED.records, updated_at = EXCLUDED.updated_at
      RETURNING 1
    ), y AS (
      INSERT INTO volunteer_year_totals AS yt (volunteer_id, year, minutes)
      SELECT volunteer_id, extract(year FROM service_date)::int, sum(minutes) FROM c GROUP BY 1, 2
      ON CONFLICT (volunteer_id, year) DO UPDATE SET minutes = yt.minutes + EXCLUDED.minutes
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM c)::int AS confirmed,
           (SELECT count(*) FROM service_records r JOIN over o
              ON o.volunteer_id = r.volunteer_id AND o.service_date = r.service_date
            WHERE r.import_job_id = ${jobId} AND r.status = 'pending')::int AS left_pending`.execute(db);
  const row = r.rows[0]!;
  return { confirmed: Number(row.confirmed), leftPending: Number(row.left_pending) };
}

/** Rejects every pending entry of a batch with the reason; returns how many. */
export async function rejectBatch(db: Database, jobId: string, by: string, now: Date, reason: string) {
  const r = await db
    .updateTable('service_records')
    .set({ status: 'rejected', reject_reason: reason, decided_by: by, decided_at: now })
    .where('import_job_id', '=', jobId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
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
