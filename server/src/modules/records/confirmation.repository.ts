import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * SQL of the one confirmation path (confirmation.ts): holding a volunteer's totals row, the day's confirmed
 * minutes, each status move together with its record_events row (one statement each), the totals, and the
 * set-based decision on a whole hours batch. Nothing else writes a record's status or the totals.
 */

/**
 * Holds these volunteers' totals rows (made first if missing) until the transaction ends, in one order (no
 * deadlock between two writers), so confirmations for one person queue: the 24-hour rule reads the day's
 * confirmed minutes after this, and sees the others'.
 */
export async function holdVolunteers(db: Database, volunteerIds: string[]) {
  const ids = [...new Set(volunteerIds)].sort();
  if (ids.length === 0) return;
  await db
    .insertInto('volunteer_totals')
    .values(ids.map((volunteer_id) => ({ volunteer_id })))
    .onConflict((oc) => oc.column('volunteer_id').doNothing())
    .execute();
  await db
    .selectFrom('volunteer_totals')
    .select('volunteer_id')
    .where('volunteer_id', 'in', ids)
    .orderBy('volunteer_id')
    .forUpdate()
    .execute();
}

/** Confirmed minutes of a volunteer on a day, other than one record (the 24-hour rule). */
export async function confirmedMinutesOn(db: Database, volunteerId: string, day: string, except?: string) {
  let q = db
    .selectFrom('service_records')
    .select(sql<number>`coalesce(sum(minutes), 0)::int`.as('m'))
    .where('volunteer_id', '=', volunteerId)
    .where('status', '=', 'confirmed')
    .where(sql<boolean>`service_date = ${day}::date`);
  if (except) q = q.where('id', '<>', except);
  return Number((await q.executeTakeFirstOrThrow()).m);
}

/** Whether the volunteer already has a confirmed record of the activity (for the activities count). */
export async function hasConfirmedOfActivity(
  db: Database,
  volunteerId: string,
  activityId: string,
  except: string,
) {
  const r = await db
    .selectFrom('service_records')
    .select('id')
    .where('volunteer_id', '=', volunteerId)
    .where('activity_id', '=', activityId)
    .where('status', '=', 'confirmed')
    .where('id', '<>', except)
    .executeTakeFirst();
  return Boolean(r);
}

/**
 * Adds to (or, negative, takes from) a volunteer's totals; one row each, read in constant time. The caller
 * holds the totals row (holdVolunteers), so it exists: an UPDATE, never an upsert, since PostgreSQL checks
 * an INSERT's CHECK constraints (minutes >= 0) before ON CONFLICT, and a correction downwards is negative.
 */
export async function addToTotals(
  db: Database,
  volunteerId: string,
  year: number,
  d: { minutes: number; records: number; activities: number },
  now: Date,
) {
  const moved = await db
    .updateTable('volunteer_totals')
    .set({
      minutes: sql`minutes + ${d.minutes}`,
      records: sql`records + ${d.records}`,
      activities: sql`activities + ${d.activities}`,
      updated_at: now,
    })
    .where('volunteer_id', '=', volunteerId)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw new Error('addToTotals: the totals row is not held');
  if (d.minutes > 0)
    await db
      .insertInto('volunteer_year_totals')
      .values({ volunteer_id: volunteerId, year, minutes: d.minutes })
      .onConflict((oc) =>
        oc
          .columns(['volunteer_id', 'year'])
          .doUpdateSet({ minutes: sql`volunteer_year_totals.minutes + ${d.minutes}` }),
      )
      .execute();
  else if (d.minutes < 0)
    await db
      .updateTable('volunteer_year_totals')
      .set({ minutes: sql`minutes + ${d.minutes}` })
      .where('volunteer_id', '=', volunteerId)
      .where('year', '=', year)
      .execute();
}

/**
 * One record_events row for each row of the CTE `c` (service records just moved, RETURNING *): the
 * columns every event copies from its record, with the kind, delta, result and related record given.
 */
function eventsOf(
  kind: RawBuilder<unknown>,
  delta: RawBuilder<unknown>,
  resulting: RawBuilder<unknown>,
  related: RawBuilder<unknown>,
  actor: string,
  at: Date,
) {
  return sql`INSERT INTO record_events (kind, record_id, related_record_id, record_kind, volunteer_id, org_id,
      region_code, activity_id, service_date, minutes_delta, resulting_minutes, actor_id, at)
    SELECT ${kind}, c.id, ${related}, c.kind, c.volunteer_id, c.org_id, o.region_code, c.activity_id,
      c.service_date, ${delta}, ${resulting}, ${actor}::uuid, ${at}::timestamptz
    FROM c JOIN organizations o ON o.id = c.org_id ORDER BY c.volunteer_id, c.seq`;
}

/**
 * Moves a draft or pending record to confirmed (with other minutes and a reason when adjusted) and appends
 * its event ('corrected' for a correction), in one statement. Returns whether it moved.
 */
export async function markConfirmed(
  db: Database,
  id: string,
  adjust: { minutes: number; reason: string } | null,
  by: string,
  at: Date,
) {
  const r = await sql<{ id: string }>`
    WITH c AS (
      UPDATE service_records SET status = 'confirmed', decided_by = ${by}, decided_at = ${at},
        minutes = ${adjust ? adjust.minutes : sql`minutes`},
        adjust_reason = ${adjust ? adjust.reason : sql`adjust_reason`}
      WHERE id = ${id} AND status IN ('draft', 'pending')
      RETURNING *
    )
    ${eventsOf(
      sql`CASE WHEN c.corrects_id IS NULL THEN 'confirmed' ELSE 'corrected' END`,
      sql`c.minutes`,
      sql`c.minutes`,
      sql`c.corrects_id`,
      by,
      at,
    )}
    RETURNING record_id AS id`.execute(db);
  return r.rows.length === 1;
}

/** Moves a pending record to rejected and appends its event, in one statement. Returns whether it moved. */
export async function markRejected(db: Database, id: string, reason: string | null, by: string, at: Date) {
  const r = await sql<{ id: string }>`
    WITH c AS (
      UPDATE service_records SET status = 'rejected', reject_reason = ${reason}, decided_by = ${by},
        decided_at = ${at}
      WHERE id = ${id} AND status = 'pending'
      RETURNING *
    )
    ${eventsOf(sql`'rejected'`, sql`0`, sql`0`, sql`NULL::uuid`, by, at)}
    RETURNING record_id AS id`.execute(db);
  return r.rows.length === 1;
}

/**
 * Moves a confirmed record to superseded by a correction of it and appends its event (it no longer counts:
 * minus its minutes), in one statement. Returns whether it moved.
 */
export async function markSuperseded(db: Database, id: string, correctionId: string, by: string, at: Date) {
  const r = await sql<{ id: string }>`
    WITH c AS (
      UPDATE service_records SET status = 'superseded', superseded_by = ${correctionId}
      WHERE id = ${id} AND status = 'confirmed'
      RETURNING *
    )
    ${eventsOf(sql`'superseded'`, sql`-c.minutes`, sql`0`, sql`c.superseded_by`, by, at)}
    RETURNING record_id AS id`.execute(db);
  return r.rows.length === 1;
}

/**
 * Confirms every pending entry of a hours batch in one statement, with their events and the volunteers'
 * totals in the same statement. Entries whose (volunteer, day) would pass `dayMinutes` with the confirmed
 * entries of that day stay pending. The caller holds the batch's volunteers first (holdBatchVolunteers).
 */
export async function confirmBatch(db: Database, jobId: string, by: string, now: Date, dayMinutes: number) {
  const r = await sql<{ confirmed: number; left_pending: number }>`
    WITH p AS (
      SELECT volunteer_id, service_date, sum(minutes) AS m FROM service_records
      WHERE import_job_id = ${jobId} AND status = 'pending' GROUP BY 1, 2
    ), over AS (
      SELECT p.volunteer_id, p.service_date FROM p
      WHERE p.m + coalesce((SELECT sum(c.minutes) FROM service_records c
                            WHERE c.volunteer_id = p.volunteer_id AND c.service_date = p.service_date
                              AND c.status = 'confirmed'), 0) > ${dayMinutes}
    ), c AS (
      UPDATE service_records r SET status = 'confirmed', decided_by = ${by}, decided_at = ${now}
      WHERE r.import_job_id = ${jobId} AND r.status = 'pending'
        AND NOT EXISTS (SELECT 1 FROM over o WHERE o.volunteer_id = r.volunteer_id AND o.service_date = r.service_date)
      RETURNING r.*
    ), e AS (
      ${eventsOf(sql`'confirmed'`, sql`c.minutes`, sql`c.minutes`, sql`NULL::uuid`, by, now)}
      RETURNING 1
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

/** Holds the volunteers of a batch's pending entries, in one order (see holdVolunteers). */
export async function holdBatchVolunteers(db: Database, jobId: string) {
  await sql`INSERT INTO volunteer_totals (volunteer_id)
    SELECT DISTINCT volunteer_id FROM service_records WHERE import_job_id = ${jobId} AND status = 'pending'
    ORDER BY volunteer_id ON CONFLICT (volunteer_id) DO NOTHING`.execute(db);
  await sql`SELECT volunteer_id FROM volunteer_totals WHERE volunteer_id IN (
      SELECT volunteer_id FROM service_records WHERE import_job_id = ${jobId} AND status = 'pending')
    ORDER BY volunteer_id FOR UPDATE`.execute(db);
}

/** Rejects every pending entry of a batch with the reason and appends their events; returns how many. */
export async function rejectBatch(db: Database, jobId: string, by: string, now: Date, reason: string) {
  const r = await sql<{ n: number }>`
    WITH c AS (
      UPDATE service_records SET status = 'rejected', reject_reason = ${reason}, decided_by = ${by},
        decided_at = ${now}
      WHERE import_job_id = ${jobId} AND status = 'pending'
      RETURNING *
    ), e AS (
      ${eventsOf(sql`'rejected'`, sql`0`, sql`0`, sql`NULL::uuid`, by, now)}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM c)::int AS n`.execute(db);
  return Number(r.rows[0]!.n);
}
