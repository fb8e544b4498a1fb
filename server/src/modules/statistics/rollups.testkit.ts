import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * The record-event rollups as the pages read them, and the same recounted straight from the records
 * (service_records by the volunteer's residence now, at each level, and by organization): the tests require
 * the two to be equal after incremental runs (statistics.recount.test.ts) and after a bulk rebuild
 * (statistics.bulk.test.ts). Threshold: one counted record (STATS_ACTIVE_MIN_HOURS 0).
 */
export interface UnitRow {
  unit: string;
  period: string;
  minutes: number;
  records: number;
  active: number;
  active_orgs: number;
  on_time: number;
  overdue: number;
}

export async function rolledUpUnits(db: Database): Promise<UnitRow[]> {
  const r = await sql<UnitRow>`
    SELECT unit, period, minutes::int AS minutes, records, active, active_orgs, on_time, overdue
      FROM stat_unit_periods
     WHERE minutes <> 0 OR records <> 0 OR active <> 0 OR active_orgs <> 0 OR on_time <> 0 OR overdue <> 0
     ORDER BY unit, period`.execute(db);
  return r.rows;
}

export async function recountedUnits(db: Database): Promise<UnitRow[]> {
  const r = await sql<UnitRow>`
    WITH lv(n) AS (VALUES (2), (4), (6), (9), (12)),
    r AS (
      SELECT r.*, v.region_code AS home, o.region_code AS org_region,
             p.period,
             to_char(r.decided_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS decided_day
        FROM service_records r
        JOIN volunteers v ON v.id = r.volunteer_id
        JOIN organizations o ON o.id = r.org_id
        CROSS JOIN LATERAL (VALUES (to_char(r.service_date, 'YYYY-MM')), (to_char(r.service_date, 'YYYY'))) p(period)
       WHERE r.status IN ('confirmed', 'superseded')
    ),
    counted AS (SELECT * FROM r WHERE status = 'confirmed'),
    units AS (
      SELECT left(home, n) AS unit, period, volunteer_id, org_id, minutes, 1 AS rec, NULL::text AS org_unit
        FROM counted CROSS JOIN lv
      UNION ALL
      SELECT 'o:' || org_id, period, volunteer_id, org_id, minutes, 1, NULL FROM counted
    ),
    deadlines AS (
      SELECT left(home, n) AS unit, period, decided_day <= due_date::text AS ok FROM r CROSS JOIN lv WHERE due_date IS NOT NULL
      UNION ALL
      SELECT 'o:' || org_id, period, decided_day <= due_date::text FROM r WHERE due_date IS NOT NULL
    ),
    teams AS (
      SELECT left(org_region, n) AS unit, period, count(DISTINCT org_id)::int AS active_orgs FROM counted CROSS JOIN lv GROUP BY 1, 2
    ),
    base AS (
      SELECT unit, period, sum(minutes)::int AS minutes, count(*)::int AS records, count(DISTINCT volunteer_id)::int AS active
        FROM units GROUP BY 1, 2
    ),
    dl AS (
      SELECT unit, period, count(*) FILTER (WHERE ok)::int AS on_time, count(*) FILTER (WHERE NOT ok)::int AS overdue
        FROM deadlines GROUP BY 1, 2
    ),
    keys AS (SELECT unit, period FROM base UNION SELECT unit, period FROM teams UNION SELECT unit, period FROM dl)
    SELECT k.unit, k.period, coalesce(b.minutes, 0) AS minutes, coalesce(b.records, 0) AS records,
           coalesce(b.active, 0) AS active, coalesce(tm.active_orgs, 0) AS active_orgs,
           coalesce(dl.on_time, 0) AS on_time, coalesce(dl.overdue, 0) AS overdue
      FROM keys k
      LEFT JOIN base b USING (unit, period)
      LEFT JOIN teams tm USING (unit, period)
      LEFT JOIN dl USING (unit, period)
     ORDER BY k.unit, k.period`.execute(db);
  return r.rows;
}

export interface CategoryRow {
  unit: string;
  period: string;
  category: string;
  minutes: number;
  records: number;
}

export async function rolledUpCategories(db: Database): Promise<CategoryRow[]> {
  const r = await sql<CategoryRow>`
    SELECT unit, period, category, minutes::int AS minutes, records FROM stat_unit_categories
     WHERE records <> 0 OR minutes <> 0 ORDER BY unit, period, category`.execute(db);
  return r.rows;
}

export async function recountedCategories(db: Database): Promise<CategoryRow[]> {
  const r = await sql<CategoryRow>`
    WITH lv(n) AS (VALUES (2), (4), (6), (9), (12)),
    c AS (
      SELECT r.*, v.region_code AS home, coalesce(a.category, 'none') AS category, p.period
        FROM service_records r JOIN volunteers v ON v.id = r.volunteer_id
        LEFT JOIN activities a ON a.id = r.activity_id
        CROSS JOIN LATERAL (VALUES (to_char(r.service_date, 'YYYY-MM')), (to_char(r.service_date, 'YYYY'))) p(period)
       WHERE r.status = 'confirmed'
    )
    SELECT unit, period, category, sum(minutes)::int AS minutes, count(*)::int AS records FROM (
      SELECT left(home, n) AS unit, period, category, minutes FROM c CROSS JOIN lv
      UNION ALL SELECT 'o:' || org_id, period, category, minutes FROM c
    ) x GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(db);
  return r.rows;
}
