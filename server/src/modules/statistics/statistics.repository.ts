import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * Reads of the figures: the rollups (stat_*), a few rows per unit and period, never the records. Also the
 * region names, resident population and the lag of the rollups.
 */

/**
 * The first code after every code starting with `prefix` (digits): '4413' → '4414'. With `unit >= prefix`
 * it bounds an index range on the unit column whatever the collation (LIKE 'x%' uses the index only under
 * C or text_pattern_ops). Null for a prefix of nines (no region code has one).
 */
export function prefixEnd(prefix: string): string | null {
  if (/^9*$/.test(prefix)) return null;
  return (BigInt(prefix) + 1n).toString().padStart(prefix.length, '0');
}
const within = (col: string, prefix: string) => {
  const end = prefixEnd(prefix);
  return sql<boolean>`${sql.ref(col)} >= ${prefix} AND ${sql.ref(col)} LIKE ${prefix + '%'}${
    end === null ? sql`` : sql` AND ${sql.ref(col)} < ${end}`
  }`;
};

export interface UnitPeriodRow {
  unit: string;
  period: string;
  minutes: number;
  records: number;
  active: number;
  active_orgs: number;
  on_time: number;
  overdue: number;
}

/** The event rollups of some units over some periods. */
export async function unitPeriods(
  db: Database,
  units: string[],
  periods: string[],
): Promise<UnitPeriodRow[]> {
  if (units.length === 0 || periods.length === 0) return [];
  const rows = await db
    .selectFrom('stat_unit_periods')
    .select([
      'unit',
      'period',
      sql<number>`minutes::float8`.as('minutes'),
      'records',
      'active',
      'active_orgs',
      'on_time',
      'overdue',
    ])
    .where('unit', 'in', units)
    .where('period', 'in', periods)
    .execute();
  return rows;
}

/** The event rollups of a region's children (units of one level under a prefix) over some periods. */
export async function childPeriods(db: Database, level: number, prefix: string, periods: string[]) {
  return db
    .selectFrom('stat_unit_periods')
    .select([
      'unit',
      sql<number>`sum(minutes)::float8`.as('minutes'),
      sql<number>`sum(records)::int`.as('records'),
      sql<number>`sum(active)::int`.as('active'),
    ])
    .where('level', '=', level)
    .where('period', 'in', periods)
    .where(within('unit', prefix))
    .groupBy('unit')
    .execute();
}

/** Hours per category of a unit over some periods. */
export async function categories(db: Database, unit: string, periods: string[]) {
  return db
    .selectFrom('stat_unit_categories')
    .select([
      'category',
      sql<number>`sum(minutes)::float8`.as('minutes'),
      sql<number>`sum(records)::int`.as('records'),
    ])
    .where('unit', '=', unit)
    .where('period', 'in', periods)
    .groupBy('category')
    .having(sql`sum(records)`, '<>', 0)
    .orderBy(sql`sum(minutes)`, 'desc')
    .orderBy('category')
    .execute();
}

/** The gender and birth-year breakdowns (jg:/lg:/jy:/ly: metrics): most of the counts' rows. */
const BREAKDOWN = sql<boolean>`metric ~ '^[jl][gy]:'`;
const NOT_BREAKDOWN = sql<boolean>`metric !~ '^[jl][gy]:'`;

/**
 * The refresh job's counts of a unit as the pages use them (figures.ts Counts): the months from `since`
 * (the earliest month a figure of the page asks about) to now, month by month — for the breakdowns only the
 * months after `end`, the period's last, since they are asked at `end` only — and one row per metric dated
 * '0000-00' with everything else: the unit's total over all months (stat_unit_totals, decision 0061 "Reads")
 * minus the months returned. Every "up to" sum from `since` on, and every breakdown at `end`, is the same as
 * over the whole history; a province with ten years of history returns about a thousand rows, not 20,000.
 */
export async function unitCounts(db: Database, unit: string, since: string, end: string) {
  const r = await sql<{ month: string; metric: string; value: number; total: boolean }>`
    SELECT month, metric, value::float8 AS value, false AS total FROM stat_unit_counts
     WHERE unit = ${unit} AND month >= ${since} AND ${NOT_BREAKDOWN}
    UNION ALL
    SELECT month, metric, value::float8, false FROM stat_unit_counts
     WHERE unit = ${unit} AND month > ${end} AND ${BREAKDOWN}
    UNION ALL
    SELECT '0000-00', metric, value::float8, true FROM stat_unit_totals WHERE unit = ${unit}`.execute(db);
  const rest = new Map<string, number>();
  const rows: { month: string; metric: string; value: number }[] = [];
  for (const x of r.rows) {
    if (x.total) rest.set(x.metric, (rest.get(x.metric) ?? 0) + Number(x.value));
    else {
      rows.push({ month: x.month, metric: x.metric, value: Number(x.value) });
      rest.set(x.metric, (rest.get(x.metric) ?? 0) - Number(x.value));
    }
  }
  for (const [metric, value] of rest) if (value !== 0) rows.push({ month: '0000-00', metric, value });
  return rows;
}

/**
 * What the ranking compares of some child units from the refresh job's counts (decision 0064): registered
 * volunteers and organizations (with teams) at the end of month `to`, and activities held from month `from`
 * to `to` — each the newest running sum (stat_unit_running) at or before a month: one primary-key descent
 * per child and figure, whatever the length of the history or the size of the population.
 */
export async function childRanked(db: Database, units: string[], from: string, to: string) {
  if (units.length === 0) return [];
  const at = (metric: string, cmp: RawBuilder<unknown>) => sql`coalesce((
    SELECT r.value FROM stat_unit_running r
     WHERE r.unit = c.unit AND r.metric = ${metric} AND ${cmp}
     ORDER BY r.month DESC LIMIT 1), 0)`;
  const r = await sql<{ unit: string; registered: number; organizations: number; activities: number }>`
    SELECT c.unit,
           ${at('registered', sql`r.month <= ${to}`)}::float8 AS registered,
           ${at('organizations', sql`r.month <= ${to}`)}::float8 AS organizations,
           (${at('activities', sql`r.month <= ${to}`)} - ${at('activities', sql`r.month < ${from}`)})::float8
             AS activities
      FROM unnest(${units}::text[]) AS c(unit)`.execute(db);
  return r.rows.map((x) => ({
    unit: x.unit,
    registered: Number(x.registered),
    organizations: Number(x.organizations),
    activities: Number(x.activities),
  }));
}

export async function region(db: Database, code: string, level: number) {
  return db
    .selectFrom('regions')
    .select(['code', 'level', 'name', 'parent_code', 'parent_level'])
    .where('code', '=', code)
    .where('level', '=', level)
    .executeTakeFirst();
}

export async function childRegions(db: Database, code: string, level: number) {
  return db
    .selectFrom('regions')
    .select(['code', 'level', 'name'])
    .where('parent_code', '=', code)
    .where('parent_level', '=', level)
    .orderBy('code')
    .execute();
}

export async function organization(db: Database, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'region_code', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Members of an organization now (its "registered"). */
export async function activeMembers(db: Database, orgId: string) {
  const r = await db
    .selectFrom('memberships')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return r.n;
}

/** The newest population figure of each region (code, level) of a year at most `year`. */
export async function populations(db: Database, regions: { code: string; level: number }[], year: number) {
  if (regions.length === 0) return new Map<string, number>();
  const r = await sql<{ code: string; level: number; population: number }>`
    SELECT DISTINCT ON (region_code, level) region_code AS code, level, population::float8 AS population
      FROM region_population
     WHERE (region_code, level) IN (${sql.join(regions.map((x) => sql`(${x.code}, ${x.level}::smallint)`))})
       AND year <= ${year}
     ORDER BY region_code, level, year DESC`.execute(db);
  return new Map(r.rows.map((x) => [`${x.code}|${x.level}`, Number(x.population)]));
}

/**
 * The rollup consumer's first waiting event (in reading order, on the (tx_id, id) index: one row, never a
 * scan of the events) and its time; null when none waits.
 */
export async function oldestWaitingEvent(db: Database, consumer: string) {
  const r = await sql<{ at: Date }>`
    SELECT e.at
      FROM (SELECT coalesce((SELECT last_tx_id FROM record_event_consumers WHERE name = ${consumer}), '0'::xid8) AS tx,
                   coalesce((SELECT last_id FROM record_event_consumers WHERE name = ${consumer}), 0) AS id) p
      JOIN record_events e ON (e.tx_id, e.id) > (p.tx, p.id)
     ORDER BY e.tx_id, e.id
     LIMIT 1`.execute(db);
  const at = r.rows[0]?.at;
  return at ? new Date(at) : null;
}

export async function refreshedAt(db: Database, name: string) {
  const r = await db
    .selectFrom('stat_refreshes')
    .select('refreshed_at')
    .where('name', '=', name)
    .executeTakeFirst();
  return r ? new Date(r.refreshed_at) : null;
}
