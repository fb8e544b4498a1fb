import type { ColumnType, Generated } from 'kysely';

/** Table types of the statistics module (migration …_statistics_rollups); see schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** bigint: read as text on PostgreSQL, so the repository casts what it reads. */
type Big = ColumnType<string | number, number, number>;

export interface RegionPopulationTable {
  id: Generated<string>;
  region_code: string;
  level: number;
  year: number;
  population: Big;
  source: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface StatVolunteerPeriodsTable {
  volunteer_id: string;
  period: string;
  records: number;
  minutes: Big;
}

export interface StatOrgVolunteerPeriodsTable {
  org_id: string;
  volunteer_id: string;
  period: string;
  records: number;
  minutes: Big;
}

export interface StatUnitPeriodsTable {
  unit: string;
  level: number;
  period: string;
  minutes: Big;
  records: number;
  active: number;
  active_orgs: number;
  on_time: number;
  overdue: number;
}

export interface StatUnitCategoriesTable {
  unit: string;
  period: string;
  category: string;
  minutes: Big;
  records: number;
}

export interface StatUnitCountsTable {
  unit: string;
  level: number;
  month: string;
  metric: string;
  value: Big;
}

/** Σ of stat_unit_counts over all months per unit and metric, kept by the refresh job (decision 0061). */
export interface StatUnitTotalsTable {
  unit: string;
  level: number;
  metric: string;
  value: Big;
}

/**
 * Running sums of the ranked figures (registered, organizations, activities) per unit at every month where
 * one changed, kept by the refresh job (decision 0064): the ranking reads one row per child and figure.
 */
export interface StatUnitRunningTable {
  unit: string;
  metric: 'registered' | 'organizations' | 'activities';
  month: string;
  value: Big;
}

export interface StatRefreshesTable {
  name: string;
  refreshed_at: Timestamp;
  /** The audit chain position read for sign-up marks (decision 0061); null until the first run. */
  audit_seq: Generated<Big | null>;
}

export interface StatisticsTables {
  region_population: RegionPopulationTable;
  stat_volunteer_periods: StatVolunteerPeriodsTable;
  stat_org_volunteer_periods: StatOrgVolunteerPeriodsTable;
  stat_unit_periods: StatUnitPeriodsTable;
  stat_unit_categories: StatUnitCategoriesTable;
  stat_unit_counts: StatUnitCountsTable;
  stat_unit_totals: StatUnitTotalsTable;
  stat_unit_running: StatUnitRunningTable;
  stat_refreshes: StatRefreshesTable;
}
