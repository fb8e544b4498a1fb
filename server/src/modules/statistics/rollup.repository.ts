import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * SQL of the rollups (rollup.ts, refresh.ts): lookups a batch of record events needs, additive upserts of
 * the per-period counters, and the refresh job's rebuild of the other domains' counts.
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
 * Adds deltas to what each volunteer counts per period; answers the counted records after, per
 * (volunteer, period), so the caller sees who became active or stopped being so.
 */
export async function bumpVolunteerPeriods(db: Database, rows: CountDelta[]) {
  if (rows.length === 0) return new Map<string, number>();
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
    .returning(['volunteer_id', 'period', 'records'])
    .execute();
  return new Map(out.map((r) => [`${r.volunteer_id}|${r.period}`, r.records]));
}

/** The same per (organization, volunteer): key is 'orgId|volunteerId'. */
export async function bumpOrgVolunteerPeriods(db: Database, rows: CountDelta[]) {
  if (rows.length === 0) return new Map<string, number>();
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
    .returning(['org_id', 'volunteer_id', 'period', 'records'])
    .execute();
  return new Map(out.map((r) => [`${r.org_id}|${r.volunteer_id}|${r.period}`, r.records]));
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

/**
 * The refresh job's rebuild: every other domain's count per unit (region prefix at each level, and
 * organization) and month, from the tables as they are now, replacing the previous rebuild in the same
 * transaction (readers see the old or the new set, never half).
 */
export async function rebuildCounts(db: Database) {
  await db.deleteFrom('stat_unit_counts').execute();
  await sql`
    WITH lv(level, n) AS (VALUES (1, 2), (2, 4), (3, 6), (4, 9), (5, 12)),
    v AS (
      SELECT region_code,
             to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS joined,
             to_char(closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS left_m,
             CASE WHEN verification_status = 'verified'
                  THEN to_char(coalesce(verified_at, created_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') END AS verified
        FROM volunteers
    ),
    vm AS (
      SELECT region_code, joined AS month, 'joined' AS metric FROM v
      UNION ALL SELECT region_code, left_m, 'left' FROM v WHERE left_m IS NOT NULL
      UNION ALL SELECT region_code, verified, 'verified' FROM v WHERE verified IS NOT NULL
      UNION ALL SELECT region_code, greatest(left_m, verified), 'verified_left' FROM v
        WHERE verified IS NOT NULL AND left_m IS NOT NULL
    ),
    o AS (
      SELECT id, region_code,
             to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
             (CASE WHEN parent_id IS NULL THEN 'orgs:' ELSE 'teams:' END) || org_type AS metric
        FROM organizations WHERE status = 'approved'
    ),
    a AS (
      SELECT a.id, a.org_id, a.region_code, to_char(a.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month
        FROM activities a WHERE a.status IN ('published', 'closed')
    ),
    sh AS (
      SELECT a.org_id, a.region_code, to_char(s.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
             s.quota,
             (SELECT count(*) FROM signups g WHERE g.shift_id = s.id AND g.status = 'accepted') AS filled
        FROM shifts s JOIN activities a ON a.id = s.activity_id
       WHERE s.removed_at IS NULL AND a.status IN ('published', 'closed')
    ),
    c AS (
      SELECT o.region_code, c.issued_by_org_id AS org_id,
             to_char(c.issued_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month
        FROM certificates c JOIN organizations o ON o.id = c.issued_by_org_id
       WHERE c.issued_at IS NOT NULL
    ),
    facts AS (
      SELECT region_code, NULL::uuid AS org_id, month, metric, 1::bigint AS value FROM vm
      UNION ALL SELECT region_code, id, month, metric, 1 FROM o
      UNION ALL SELECT region_code, org_id, month, 'activities_held', 1 FROM a
      UNION ALL SELECT region_code, org_id, month, 'positions_offered', quota FROM sh
      UNION ALL SELECT region_code, org_id, month, 'positions_filled', filled FROM sh
      UNION ALL SELECT region_code, org_id, month, 'certificates_issued', 1 FROM c
    )
    INSERT INTO stat_unit_counts (unit, level, month, metric, value)
    SELECT left(f.region_code, lv.n), lv.level, f.month, f.metric, sum(f.value)
      FROM facts f CROSS JOIN lv
     GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT 'o:' || f.org_id, 0, f.month, f.metric, sum(f.value)
      FROM facts f WHERE f.org_id IS NOT NULL AND f.metric NOT LIKE 'orgs:%' AND f.metric NOT LIKE 'teams:%'
     GROUP BY 1, 2, 3, 4`.execute(db);
}

/** Stamps the refresh's end. */
export async function markRefreshed(db: Database, name: string, at: Date) {
  await db
    .insertInto('stat_refreshes')
    .values({ name, refreshed_at: at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ refreshed_at: at }))
    .execute();
}
