import { z } from 'zod';
import { IsoDate, RegionCode, Uuid, text } from './common.ts';

/**
 * Statistics (考核评估): the figures of a region or an organization for a period, each defined once in
 * docs/statistics.md. Periods are whole months cut in Asia/Shanghai time: `from` is the first day of a
 * month, `to` the last day of a month (the same or a later one), at most 36 months. The previous period is
 * the one of the same length just before. Figures come from rollups (record events + a refresh job), never
 * from scanning the records per request; `lag` says how old they may be.
 *
 * These shapes are a contract with the population generator, the dashboard benchmark and the public home
 * page: add optional fields only.
 */

/** Figures of a region or an organization (keys of `figures`). */
export const FIGURE_KEYS = [
  'registered',
  'newRegistered',
  'verifiedShare',
  'growth',
  'population',
  'coverage',
  'active',
  'activeShare',
  'hours',
  'hoursPerRegisteredYear',
  'hoursPerActiveYear',
  'activitiesHeld',
  'positionsOffered',
  'positionsFilled',
  'fillRate',
  'organizations',
  'teams',
  'activeTeams',
  'recordsOnTime',
  'recordsOverdue',
  'certificatesIssued',
  'ordersReceived',
  'ordersDispatched',
  'ordersCompleted',
  'completionRate',
  'satisfaction',
  'civicReportsFiled',
  'civicReportsRectified',
  'rectificationRate',
  'starDistribution',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** Breakdowns of registered volunteers (docs/statistics.md "Breakdowns"). */
export const GENDERS = ['female', 'male', 'unknown'] as const;
export const AGE_BANDS = ['under18', '18-34', '35-59', '60+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Why a figure has no value: not collected yet (the module is not there), not defined for the unit, … */
export const FIGURE_UNAVAILABLE = [
  'not_yet_collected',
  'no_population',
  'no_base',
  'not_for_period',
  'suppressed',
  'not_for_unit',
] as const;
export type FigureUnavailable = (typeof FIGURE_UNAVAILABLE)[number];

/**
 * One figure: its value for the period and the previous period. A ratio is a fraction (0.75, not 75);
 * hours are hours (one decimal is the web's business). `value: null` always comes with `unavailable`,
 * never a 0 standing for "unknown".
 */
export const Figure = z.object({
  value: z.number().nullable(),
  previous: z.number().nullable(),
  unavailable: z.enum(FIGURE_UNAVAILABLE).optional(),
});
export type FigureView = z.infer<typeof Figure>;

export const Lag = z.object({
  /** Seconds since the oldest record event not yet in the rollups was appended (0: none waiting). */
  recordEventsSeconds: z.number().int(),
  /** Seconds since the refresh job (`statistics.refresh`) last finished; null: it never ran. */
  refreshSeconds: z.number().int().nullable(),
  /** When the refresh job last finished (ISO instant), null: never. */
  refreshedAt: z.string().nullable(),
});
export type LagView = z.infer<typeof Lag>;

/** One month of the trend, YYYY-MM (service-date month for hours/active; registration month otherwise). */
export const TrendPoint = z.object({
  month: z.string(),
  registered: z.number().int().nullable(),
  newRegistered: z.number().int().nullable(),
  active: z.number().int().nullable(),
  hours: z.number(),
  activitiesHeld: z.number().int().nullable(),
});

/** Confirmed hours in the period by the activity's service category ('none': records without activity). */
export const CategoryRow = z.object({
  category: z.string(),
  hours: z.number(),
  records: z.number().int(),
});

/** A child region with the figures the ranking compares. */
export const ChildRegionRow = z.object({
  code: RegionCode,
  level: z.number().int(),
  name: z.string(),
  registered: z.number().int(),
  active: z.number().int().nullable(),
  activeShare: z.number().nullable(),
  hours: z.number(),
  hoursPerRegisteredYear: z.number().nullable(),
  coverage: z.number().nullable(),
  organizations: z.number().int(),
  activitiesHeld: z.number().int(),
  /** Development index 0–100 (docs/statistics.md); null when the region has no volunteers. */
  developmentIndex: z.number().nullable(),
});

export const Period = z.object({ from: IsoDate, to: IsoDate, months: z.number().int() });

export const StatisticsOverviewQuery = z.strictObject({
  region: RegionCode,
  level: z.coerce.number().int().min(1).max(5),
  from: IsoDate,
  to: IsoDate,
});

export const OrgStatisticsQuery = z.strictObject({ from: IsoDate, to: IsoDate });

export const StatisticsOverview = z.object({
  unit: z.object({
    kind: z.enum(['region', 'organization']),
    /** Region code or organization id. */
    id: z.string(),
    level: z.number().int().nullable(),
    name: z.string(),
  }),
  period: Period,
  previousPeriod: Period,
  figures: z.record(z.enum(FIGURE_KEYS), Figure),
  /** Star levels (0 = below one star … 5) and how many registered volunteers hold each; null: not collected. */
  starDistribution: z.array(z.object({ stars: z.number().int(), volunteers: z.number().int() })).nullable(),
  /** Organizations by type (org_type), approved and not dissolved at the end of the period. */
  organizationsByType: z.array(z.object({ type: z.string(), count: z.number().int() })),
  trend: z.array(TrendPoint),
  categories: z.array(CategoryRow),
  /** Regions one level down (empty for a community or an organization), best development index first. */
  children: z.array(ChildRegionRow),
  lag: Lag,
  /**
   * Registered volunteers at the end of the period by gender and by age band (age reached in the period's
   * end year, from the birth date derived from the ID number at registration); regions only.
   */
  genders: z.array(z.object({ gender: z.enum(GENDERS), registered: z.number().int() })).optional(),
  ageBands: z.array(z.object({ band: z.enum(AGE_BANDS), registered: z.number().int() })).optional(),
});
export type StatisticsOverviewView = z.infer<typeof StatisticsOverview>;

/** The public home page's figures: no personal data; a unit with fewer than 10 registered is suppressed. */
export const PublicFiguresQuery = z.strictObject({ region: RegionCode.optional() });

export const PUBLIC_FIGURE_KEYS = ['registered', 'active', 'hours', 'activities', 'organizations'] as const;

export const PublicUnitFigures = z.object({
  code: RegionCode,
  level: z.number().int(),
  name: z.string(),
  /** The calendar year the active/hours/activities figures cover (the current one, in Asia/Shanghai time). */
  year: z.number().int(),
  /** true: fewer than 10 registered volunteers, every figure null. */
  suppressed: z.boolean(),
  registered: z.number().int().nullable(),
  active: z.number().int().nullable(),
  hours: z.number().nullable(),
  activities: z.number().int().nullable(),
  organizations: z.number().int().nullable(),
});
export type PublicUnitFiguresView = z.infer<typeof PublicUnitFigures>;

export const PublicFigures = z.object({
  /** The province and the city the region is in (or the platform's default region when none is given). */
  province: PublicUnitFigures.nullable(),
  city: PublicUnitFigures.nullable(),
  refreshedAt: z.string().nullable(),
});
export type PublicFiguresView = z.infer<typeof PublicFigures>;

/** Resident population (常住人口) per region and year, the base of coverage. */
export const PopulationRow = z.object({
  id: Uuid,
  code: RegionCode,
  level: z.number().int(),
  name: z.string(),
  year: z.number().int(),
  population: z.number().int(),
  source: z.string(),
  updatedAt: z.string(),
});
export const PopulationList = z.object({ items: z.array(PopulationRow) });

export const PopulationQuery = z.strictObject({
  region: RegionCode,
  level: z.coerce.number().int().min(1).max(5),
});

export const PopulationEntry = z.strictObject({
  code: RegionCode,
  level: z.number().int().min(1).max(5),
  year: z.number().int().min(1950).max(2100),
  population: z.number().int().min(0).max(2_000_000_000),
  source: text(1, 200),
});
/** A set of entries (the import form or a pasted table): all or nothing, each region in the caller's scope. */
export const PopulationImport = z.strictObject({ entries: z.array(PopulationEntry).min(1).max(5000) });
export const PopulationImportResult = z.object({ saved: z.number().int() });
