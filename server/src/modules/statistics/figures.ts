import {
  AGE_BANDS,
  GENDERS,
  type AgeBand,
  type FigureKey,
  type FigureUnavailable,
  type FigureView,
} from '@yiqi/shared/contracts/statistics';
import type { Period } from './periods.ts';
import type { UnitPeriodRow } from './statistics.repository.ts';

/**
 * The figures of docs/statistics.md computed from the rollup rows of one unit: pure functions, one
 * definition each, used by the console overview, the ranking and the public page alike.
 */

export type CountRow = { month: string; metric: string; value: number };

/** The refresh job's counts of a unit, summed the two ways a figure needs them. */
export class Counts {
  constructor(private readonly rows: CountRow[]) {}
  /** Σ of a metric (or metrics starting with `metric` when it ends with ':') over months ≤ `month`. */
  upTo(metric: string, month: string) {
    return this.sum(metric, (m) => m <= month);
  }
  within(metric: string, months: string[]) {
    const set = new Set(months);
    return this.sum(metric, (m) => set.has(m));
  }
  private sum(metric: string, ok: (m: string) => boolean) {
    const prefix = metric.endsWith(':');
    let s = 0;
    for (const r of this.rows)
      if ((prefix ? r.metric.startsWith(metric) : r.metric === metric) && ok(r.month)) s += r.value;
    return s;
  }
  /** registered at the end of a month: joined − left up to it. */
  registered(month: string) {
    return this.upTo('joined', month) - this.upTo('left', month);
  }
  verified(month: string) {
    return this.upTo('verified', month) - this.upTo('verified_left', month);
  }
  /** Registered at the end of a month by gender ('g') or birth year ('y'): joined − left per key. */
  registeredBy(kind: 'g' | 'y', month: string) {
    const out = new Map<string, number>();
    for (const r of this.rows) {
      if (r.month > month) continue;
      const sign = r.metric.startsWith(`j${kind}:`) ? 1 : r.metric.startsWith(`l${kind}:`) ? -1 : 0;
      if (sign !== 0) out.set(r.metric.slice(3), (out.get(r.metric.slice(3)) ?? 0) + sign * r.value);
    }
    return out;
  }
  /** Organizations (top level) and teams (under another) by type at the end of a month. */
  byType(month: string) {
    const out = new Map<string, number>();
    for (const r of this.rows) {
      if (r.month > month) continue;
      const [kind, type] = r.metric.split(':');
      if ((kind === 'orgs' || kind === 'teams') && type) out.set(type, (out.get(type) ?? 0) + r.value);
    }
    return [...out].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count);
  }
}

/** Sums of the event rollups over a period (hours etc.) and the distinct counts of its active key. */
export function eventSums(rows: UnitPeriodRow[], unit: string, p: Period) {
  const months = new Set(p.months);
  let minutes = 0;
  let records = 0;
  let onTime = 0;
  let overdue = 0;
  let active: number | null = p.activeKey ? 0 : null;
  let activeOrgs: number | null = p.activeKey ? 0 : null;
  for (const r of rows) {
    if (r.unit !== unit) continue;
    if (months.has(r.period)) {
      minutes += Number(r.minutes);
      records += r.records;
      onTime += r.on_time;
      overdue += r.overdue;
    }
    if (r.period === p.activeKey) {
      active = r.active;
      activeOrgs = r.active_orgs;
    }
  }
  return { hours: minutes / 60, records, onTime, overdue, active, activeOrgs };
}

export const fig = (
  value: number | null,
  previous: number | null,
  unavailable?: FigureUnavailable,
): FigureView => (value === null && unavailable ? { value, previous, unavailable } : { value, previous });
export const notYet = (): FigureView => fig(null, null, 'not_yet_collected');
export const notForUnit = (): FigureView => fig(null, null, 'not_for_unit');

/** a ÷ b, or null when there is no base. */
export const ratio = (a: number | null, b: number | null) =>
  a === null || b === null || b === 0 ? null : a / b;
/** A ratio figure: null with 'no_base' (or the reason its parts lack) instead of a 0 standing for unknown. */
export function ratioFig(
  now: [number | null, number | null],
  before: [number | null, number | null],
  missing: FigureUnavailable = 'no_base',
): FigureView {
  const value = ratio(now[0], now[1]);
  const why = now[0] === null ? 'not_for_period' : missing;
  return fig(value, ratio(before[0], before[1]), value === null ? why : undefined);
}

/** Per year: a period's amount scaled to 12 months. */
export const perYear = (amount: number | null, base: number | null, months: number) => {
  const r = ratio(amount, base);
  return r === null ? null : (r * 12) / months;
};

/**
 * Orders (点单), ratings (评单) and civic reports (随手拍) of a unit for a period and the previous one, from
 * the refresh job's counts. A unit that never had an order (or a rating, or a report) up to the end of the
 * period answers "not yet collected" for those figures — nothing was collected there, a 0 would mislead;
 * one that had some earlier answers 0 (counts) or `no_base` (ratios).
 */
export function serviceFigures(
  counts: Counts,
  p: Period,
  prev: Period,
): Partial<Record<FigureKey, FigureView>> {
  const end = p.months[p.months.length - 1]!;
  const within = (metric: string) =>
    [counts.within(metric, p.months), counts.within(metric, prev.months)] as const;
  const none = (metric: string) => counts.upTo(metric, end) === 0;
  const count = (metric: string, since: string): FigureView =>
    none(since) ? notYet() : fig(...within(metric));
  const rate = (num: string, base: string, since: string): FigureView => {
    if (none(since)) return notYet();
    const [a, b] = within(num);
    const [c, d] = within(base);
    return ratioFig([a, c], [b, d]);
  };
  return {
    ordersReceived: count('orders_received', 'orders_received'),
    ordersDispatched: count('orders_dispatched', 'orders_received'),
    ordersCompleted: count('orders_completed', 'orders_received'),
    completionRate: rate('orders_completed_of', 'orders_decided', 'orders_received'),
    satisfaction: rate('ratings_good', 'ratings', 'ratings'),
    civicReportsFiled: count('civic_filed', 'civic_filed'),
    civicReportsRectified: count('civic_rectified', 'civic_filed'),
    rectificationRate: rate('civic_rectified_of', 'civic_filed', 'civic_filed'),
    // Star levels are shown as a distribution (starDistribution), not as one number.
    starDistribution: notYet(),
  };
}

/**
 * Development index 0–100 (docs/statistics.md): the mean of the available parts, each capped at 1:
 * coverage ÷ 15 %, active share ÷ 75 %, hours per registered volunteer per year ÷ 29, activities per 1,000
 * registered per year ÷ 12, organizations per 1,000 registered ÷ 2. null without registered volunteers.
 */
export function developmentIndex(x: {
  registered: number;
  coverage: number | null;
  activeShare: number | null;
  hoursPerRegisteredYear: number | null;
  activitiesPerYear: number;
  organizations: number;
}) {
  if (x.registered <= 0) return null;
  const parts = [
    x.coverage === null ? null : x.coverage / 0.15,
    x.activeShare === null ? null : x.activeShare / 0.75,
    x.hoursPerRegisteredYear === null ? null : x.hoursPerRegisteredYear / 29,
    (x.activitiesPerYear * 1000) / x.registered / 12,
    (x.organizations * 1000) / x.registered / 2,
  ].filter((v): v is number => v !== null);
  const mean = parts.reduce((s, v) => s + Math.min(1, v), 0) / parts.length;
  return Math.round(mean * 1000) / 10;
}

/** The age band of a birth year in a year (the age reached that year); 'unknown' without a birth year. */
export function ageBand(born: string, year: number): AgeBand {
  const y = Number(born);
  if (!Number.isInteger(y) || born.length !== 4) return 'unknown';
  const age = year - y;
  return age < 18 ? 'under18' : age < 35 ? '18-34' : age < 60 ? '35-59' : '60+';
}

/** Registered volunteers at the end of a month by gender and by age band (every band listed, 0 too). */
export function breakdowns(counts: Counts, month: string) {
  const g = counts.registeredBy('g', month);
  const bands = new Map<AgeBand, number>(AGE_BANDS.map((b) => [b, 0]));
  for (const [born, n] of counts.registeredBy('y', month)) {
    const b = ageBand(born, Number(month.slice(0, 4)));
    bands.set(b, bands.get(b)! + n);
  }
  return {
    genders: GENDERS.map((gender) => ({ gender, registered: g.get(gender) ?? 0 })),
    ageBands: AGE_BANDS.map((band) => ({ band, registered: bands.get(band)! })),
  };
}
