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
