import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * SQL of the rollups (rollup.ts, refresh.ts): lookups a batch of record events needs, additive upserts of
 * the per-period counters (the refresh job's counts: counts.repository.ts).
 */

/** Residence region of each volunteer (hours and activity count where the volunteer lives). */
export async function residences(db: Database, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('volunteers')
    .select(['id', 'region_code'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.region_code]));
}

/** Service category of each activity. */
export async function activityCategories(db: Database, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('activities').select(['id', 'category']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.category]));
}

/** Due date and the China day of the decision of each record (on time: decided on or before due). */
export async function recordDeadlines(db: Database, ids: string[]) {
  if (ids.length === 0) return new Map<string, { due: string | null; decided: string | null }>();
  const rows = await db
    .selectFrom('service_records')
    .select([
      'id',
      sql<string | null>`to_char(due_date, 'YYYY-MM-DD')`.as('due'),
      sql<string | null>`to_char(decided_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('decided'),
    ])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { due: r.due, decided: r.decided }]));
}

export interface CountDelta {
  key: string;
  period: string;
  records: number;
  minutes: number;
}

/**
 * Adds deltas to what each volunteer counts per period; answers the counted records and minutes after,
 * per (volunteer, period), so the caller sees who became active or stopped being so.
 */
export async function bumpVolunteerPeriods(db: Database, rows: CountDelta[]) {
  if (rows.length === 0) return new Map<string, { records: number; minutes: number }>();
  const out = await db
    .insertInto('stat_volunteer_periods')
    .values(
      rows.map((r) => ({ volunteer_id: r.key, period: r.period, records: r.records, minutes: r.minutes })),
    )
    .onConflict((oc) =>
      oc.columns(['volunteer_id', 'period']).doUpdateSet({
        records: sql`stat_volunteer_periods.records + excluded.records`,
        minutes: sql`stat_volunteer_periods.minutes + excluded.minutes`,
      }),
    )
    .returning(['volunteer_id', 'period', 'records', sql<number>`minutes::float8`.as('minutes')])
    .execute();
  return new Map(
    out.map((r) => [`${r.volunteer_id}|${r.period}`, { records: r.records, minutes: r.minutes }]),
  );
}

/** The same per (organization, volunteer): key is 'orgId|volunteerId'. */
export async function bumpOrgVolunteerPeriods(db: Database, rows: CountDelta[]) {
  if (rows.length === 0) return new Map<string, { records: number; minutes: number }>();
  const out = await db
    .insertInto('stat_org_volunteer_periods')
    .values(
      rows.map((r) => {
        const [org, volunteer] = r.key.split('|');
        return {
          org_id: org!,
          volunteer_id: volunteer!,
          period: r.period,
          records: r.records,
          minutes: r.minutes,
        };
      }),
    )
    .onConflict((oc) =>
      oc.columns(['org_id', 'volunteer_id', 'period']).doUpdateSet({
        records: sql`stat_org_volunteer_periods.records + excluded.records`,
        minutes: sql`stat_org_volunteer_periods.minutes + excluded.minutes`,
      }),
    )
    .returning(['org_id', 'volunteer_id', 'period', 'records', sql<number>`minutes::float8`.as('minutes')])
    .execute();
  return new Map(
    out.map((r) => [`${r.org_id}|${r.volunteer_id}|${r.period}`, { records: r.records, minutes: r.minutes }]),
  );
}

export interface UnitDelta {
  unit: string;
  level: number;
  period: string;
  minutes: number;
  records: number;
  active: number;
  activeOrgs: number;
  onTime: number;
  overdue: number;
}

/** Adds deltas to the units' period counters. */
export async function bumpUnits(db: Database, rows: UnitDelta[]) {
  if (rows.length === 0) return [];
  return db
    .insertInto('stat_unit_periods')
    .values(
      rows.map((r) => ({
        unit: r.unit,
        level: r.level,
        period: r.period,
        minutes: r.minutes,
        records: r.records,
        active: r.active,
        active_orgs: r.activeOrgs,
        on_time: r.onTime,
        overdue: r.overdue,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['unit', 'period']).doUpdateSet({
        minutes: sql`stat_unit_periods.minutes + excluded.minutes`,
        records: sql`stat_unit_periods.records + excluded.records`,
        active: sql`stat_unit_periods.active + excluded.active`,
        active_orgs: sql`stat_unit_periods.active_orgs + excluded.active_orgs`,
        on_time: sql`stat_unit_periods.on_time + excluded.on_time`,
        overdue: sql`stat_unit_periods.overdue + excluded.overdue`,
      }),
    )
    .returning(['unit', 'period', 'records'])
    .execute();
}

/** Adds deltas to the units' hours per category. */
export async function bumpCategories(
  db: Database,
  rows: { unit: string; period: string; category: string; minutes: number; records: number }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('stat_unit_categories')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['unit', 'period', 'category']).doUpdateSet({
        minutes: sql`stat_unit_categories.minutes + excluded.minutes`,
        records: sql`stat_unit_categories.records + excluded.records`,
      }),
    )
    .execute();
}

/** Stamps the refresh's end. */
export async function markRefreshed(db: Database, name: string, at: Date) {
  await db
    .insertInto('stat_refreshes')
    .values({ name, refreshed_at: at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ refreshed_at: at }))
    .execute();
}

/**
 * The rollups recomputed from the record events whose transaction id is below `bound` (all final:
 * records/record-events.ts rebuildConsumer), set-based, replacing what the tables held (decision 0073):
 * what applyRecordEvents would have built from the same events applied one by one, with the residence,
 * category and deadline lookups made now. Events are first summed per (residence community, organization,
 * category, period) — a few rows per team and month — and only those sums are spread over the five levels.
 * Rows are inserted in key order, so each index grows at its end instead of at random pages.
 * `minMinutes`: the active threshold of a month (12× for a calendar year), STATS_ACTIVE_MIN_HOURS × 60.
 */
export async function rebuildFromEvents(
  db: Database,
  bound: string,
  minMinutes: number,
  log?: (line: string) => void,
) {
  let t0 = performance.now();
  /** The seconds since the last step (the generator's progress log). */
  const step = (what: string) => {
    const t = performance.now();
    log?.(`  rollups rebuilt: ${what} ${((t - t0) / 1000).toFixed(1)} s`);
    t0 = t;
  };
  for (const t of [
    'stat_unit_categories',
    'stat_unit_periods',
    'stat_org_volunteer_periods',
    'stat_volunteer_periods',
  ] as const)
    await db.deleteFrom(t).execute();
  // Hash aggregates over millions of events: room for them in memory, this transaction only.
  await sql`SET LOCAL work_mem = '128MB'`.execute(db);
  const counted = sql`
    SELECT e.volunteer_id, e.org_id, e.kind, e.minutes_delta, e.record_id, e.activity_id, p.period,
           CASE WHEN e.kind = 'superseded' THEN -1 ELSE 1 END AS records
      FROM record_events e
     CROSS JOIN LATERAL (VALUES (to_char(e.service_date, 'YYYY-MM')), (to_char(e.service_date, 'YYYY'))) p(period)
     WHERE e.tx_id < ${bound}::xid8 AND e.kind <> 'rejected'`;
  await sql`
    INSERT INTO stat_org_volunteer_periods (org_id, volunteer_id, period, records, minutes)
    SELECT org_id, volunteer_id, period, sum(records), sum(minutes_delta) FROM (${counted}) c
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(db);
  step('stat_org_volunteer_periods (after emptying the four tables)');
  // A volunteer's sums are those of their organizations' rows (the same events, grouped once more): a read
  // of those rows instead of a second pass over every event.
  await sql`
    INSERT INTO stat_volunteer_periods (volunteer_id, period, records, minutes)
    SELECT volunteer_id, period, sum(records), sum(minutes) FROM stat_org_volunteer_periods GROUP BY 1, 2
     ORDER BY 1, 2`.execute(db);
  step('stat_volunteer_periods');
  const active = (table: string) =>
    sql.raw(`${table}.records > 0 AND ${table}.minutes >= ${Number(minMinutes)}
      * CASE WHEN length(${table}.period) = 4 THEN 12 ELSE 1 END`);
  await sql`
    WITH lv(level, n) AS (VALUES (1, 2), (2, 4), (3, 6), (4, 9), (5, 12)),
    base AS (
      SELECT v.region_code AS home, c.org_id, coalesce(a.category, 'none') AS category, c.period,
             sum(c.records)::bigint AS records, sum(c.minutes_delta)::bigint AS minutes,
             count(*) FILTER (WHERE (r.decided_at AT TIME ZONE 'Asia/Shanghai')::date <= r.due_date)::bigint AS on_time,
             count(*) FILTER (WHERE (r.decided_at AT TIME ZONE 'Asia/Shanghai')::date > r.due_date)::bigint AS overdue
        FROM (${counted}) c
        JOIN volunteers v ON v.id = c.volunteer_id
        LEFT JOIN activities a ON a.id = c.activity_id
        -- On time or late: each decision (confirmed, corrected) by its record's due date.
        LEFT JOIN service_records r ON r.id = c.record_id AND c.kind <> 'superseded'
       GROUP BY 1, 2, 3, 4
    ),
    -- A data-modifying WITH runs once, whole, whether or not the main statement reads it.
    cats AS (
      INSERT INTO stat_unit_categories (unit, period, category, minutes, records)
      SELECT * FROM (
        SELECT left(home, lv.n) AS unit, period, category, sum(minutes), sum(records) FROM base CROSS JOIN lv
         GROUP BY 1, 2, 3
        UNION ALL
        SELECT 'o:' || org_id, period, category, sum(minutes), sum(records) FROM base GROUP BY 1, 2, 3
      ) x ORDER BY unit, period, category
      RETURNING 1
    ),
    parts AS (
      SELECT left(home, lv.n) AS unit, lv.level, period, minutes, records, 0::bigint AS active,
             0::bigint AS active_orgs, on_time, overdue
        FROM base CROSS JOIN lv
      UNION ALL
      SELECT 'o:' || org_id, 0, period, minutes, records, 0, 0, on_time, overdue FROM base
      UNION ALL
      -- Active volunteers where they live …
      SELECT left(v.region_code, lv.n), lv.level, s.period, 0, 0, count(*), 0, 0, 0
        FROM stat_volunteer_periods s JOIN volunteers v ON v.id = s.volunteer_id CROSS JOIN lv
       WHERE ${active('s')}
       GROUP BY 1, 2, 3
      UNION ALL
      -- … and in each organization they served.
      SELECT 'o:' || s.org_id, 0, s.period, 0, 0, count(*), 0, 0, 0 FROM stat_org_volunteer_periods s
       WHERE ${active('s')}
       GROUP BY 1, 2, 3
      UNION ALL
      -- Active organizations (a counted record in the period), in the organization's region.
      SELECT left(o.region_code, lv.n), lv.level, b.period, 0, 0, 0, count(*), 0, 0
        FROM (SELECT org_id, period FROM base GROUP BY 1, 2 HAVING sum(records) > 0) b
        JOIN organizations o ON o.id = b.org_id CROSS JOIN lv
       GROUP BY 1, 2, 3
    )
    INSERT INTO stat_unit_periods (unit, level, period, minutes, records, active, active_orgs, on_time, overdue)
    SELECT unit, level, period, sum(minutes), sum(records), sum(active), sum(active_orgs), sum(on_time),
           sum(overdue)
      FROM parts
     GROUP BY 1, 2, 3
     ORDER BY 1, 3`.execute(db);
  step('stat_unit_periods and stat_unit_categories');
}
