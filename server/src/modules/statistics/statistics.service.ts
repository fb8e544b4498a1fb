import type {
  FigureKey,
  FigureView,
  LagView,
  PublicFiguresView,
  PublicUnitFiguresView,
  StatisticsOverviewView,
} from '@yiqi/shared/contracts/statistics';
import { LEVEL_PREFIX, isInSubtree, type RegionLevel } from '@yiqi/shared/regions';
import type { Ctx } from '../../core/ctx.ts';
import { readerOf } from '../../core/ctx.ts';
import { chinaDate } from '../../core/dates.ts';
import { DomainError } from '../../core/domain-error.ts';
import {
  Counts,
  breakdowns,
  developmentIndex,
  eventSums,
  fig,
  notForUnit,
  perYear,
  ratio,
  ratioFig,
  serviceFigures,
} from './figures.ts';
import { parsePeriod, previousPeriod, shiftMonth, trendMonths, yearPeriod, type Period } from './periods.ts';
import { ROLLUP_CONSUMER, orgUnit } from './rollup.ts';
import { REFRESH_NAME } from './refresh.ts';
import * as repo from './statistics.repository.ts';
import { overviewWorkbook } from './statistics.xlsx.ts';
import { overviewPdf } from './statistics.pdf.ts';

/** Where the public page looks without a region: the demo's province and city (广东省, 深圳市). */
export const DEFAULT_PUBLIC_REGION = '440305000000';
/** Fewer registered volunteers than this and a public unit shows no figure (it could identify people). */
export const PUBLIC_MIN_VOLUNTEERS = 10;

const prefixOf = (code: string, level: number) => code.slice(0, LEVEL_PREFIX[level as RegionLevel]);

async function lagOf(ctx: Ctx): Promise<LagView> {
  const db = readerOf(ctx);
  const now = ctx.clock().getTime();
  const [oldest, refreshed] = await Promise.all([
    repo.oldestWaitingEvent(db, ROLLUP_CONSUMER),
    repo.refreshedAt(db, REFRESH_NAME),
  ]);
  return {
    recordEventsSeconds: oldest ? Math.max(0, Math.round((now - oldest.getTime()) / 1000)) : 0,
    refreshSeconds: refreshed ? Math.max(0, Math.round((now - refreshed.getTime()) / 1000)) : null,
    refreshedAt: refreshed ? refreshed.toISOString() : null,
  };
}

const periodView = (p: Period) => ({ from: p.from, to: p.to, months: p.months.length });

/** A region admin may look at a region only from a grant at its level or above that contains it. */
function assertRegionScope(ctx: Ctx, code: string, level: number) {
  const ok = (ctx.actor?.grants ?? []).some(
    (g) =>
      g.role === 'region_admin' &&
      g.orgId === null &&
      g.regionLevel <= level &&
      isInSubtree(code, g.regionCode, g.regionLevel as RegionLevel),
  );
  if (!ok) throw new DomainError('OUT_OF_SCOPE');
}

/**
 * The earliest month a page's counts are asked about: the previous period, the trend, and 12 months before
 * the previous period's end (growth). Months before it are read folded into one sum (repo.unitCounts).
 */
function earliestMonth(p: Period, prev: Period, trend: string[]) {
  const prevEnd = prev.months[prev.months.length - 1]!;
  return [prev.months[0]!, p.months[0]!, trend[0]!, shiftMonth(prevEnd, -12)].sort()[0]!;
}

/** The console overview of a region (province … community) for a period. */
export async function regionOverview(
  ctx: Ctx,
  q: { region: string; level: number; from: string; to: string },
): Promise<StatisticsOverviewView> {
  const period = parsePeriod(q.from, q.to);
  const db = readerOf(ctx);
  const region = await repo.region(db, q.region, q.level);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  assertRegionScope(ctx, q.region, q.level);
  const prev = previousPeriod(period);
  const unit = prefixOf(region.code, region.level);
  const trend = trendMonths(period);
  const keys = [
    ...new Set([...period.months, ...prev.months, ...trend, period.activeKey, prev.activeKey]),
  ].filter((k): k is string => k !== null);
  const endYear = Number(period.to.slice(0, 4));
  const here = [{ code: region.code, level: region.level }];
  // Independent reads, overlapped: each is a few index descents (decisions 0061, 0064).
  const [rows, countRows, cats, pops, prevPops, children, lag] = await Promise.all([
    repo.unitPeriods(db, [unit], keys),
    repo.unitCounts(db, unit, earliestMonth(period, prev, trend), period.months[period.months.length - 1]!),
    repo.categories(db, unit, period.months),
    repo.populations(db, here, endYear),
    repo.populations(db, here, endYear - 1),
    region.level < 5 ? childRanking(ctx, region.code, region.level, period) : Promise.resolve([]),
    lagOf(ctx),
  ]);
  const counts = new Counts(countRows);
  const population = pops.get(`${region.code}|${region.level}`) ?? null;
  const prevPopulation = prevPops.get(`${region.code}|${region.level}`) ?? population;

  const figures = regionFigures(counts, rows, unit, period, prev, population, prevPopulation);
  return {
    unit: { kind: 'region', id: region.code, level: region.level, name: region.name },
    period: periodView(period),
    previousPeriod: periodView(prev),
    figures,
    starDistribution: null,
    organizationsByType: counts.byType(period.months[period.months.length - 1]!),
    trend: trend.map((m) => {
      const e = eventSums(rows, unit, { from: '', to: '', months: [m], activeKey: m });
      return {
        month: m,
        registered: counts.registered(m),
        newRegistered: counts.within('joined', [m]),
        active: e.active,
        hours: e.hours,
        activitiesHeld: counts.within('activities_held', [m]),
      };
    }),
    categories: cats.map((c) => ({
      category: c.category,
      hours: Number(c.minutes) / 60,
      records: c.records,
    })),
    children,
    lag,
    ...breakdowns(counts, period.months[period.months.length - 1]!),
  };
}

/** Every figure of a region for a period and the previous one. */
function regionFigures(
  counts: Counts,
  rows: repo.UnitPeriodRow[],
  unit: string,
  p: Period,
  prev: Period,
  population: number | null,
  prevPopulation: number | null,
): Record<FigureKey, FigureView> {
  const end = p.months[p.months.length - 1]!;
  const prevEnd = prev.months[prev.months.length - 1]!;
  const now = eventSums(rows, unit, p);
  const before = eventSums(rows, unit, prev);
  const reg = counts.registered(end);
  const regPrev = counts.registered(prevEnd);
  const growth = (m: string) => {
    const base = counts.registered(shiftMonth(m, -12));
    return base > 0 ? counts.registered(m) / base - 1 : null;
  };
  const offered = counts.within('positions_offered', p.months);
  const offeredPrev = counts.within('positions_offered', prev.months);
  const filled = counts.within('positions_filled', p.months);
  const filledPrev = counts.within('positions_filled', prev.months);
  const orgs = counts.upTo('orgs:', end);
  const teams = counts.upTo('teams:', end);
  const g = growth(end);
  return {
    registered: fig(reg, regPrev),
    newRegistered: fig(counts.within('joined', p.months), counts.within('joined', prev.months)),
    verifiedShare: ratioFig([counts.verified(end), reg], [counts.verified(prevEnd), regPrev]),
    growth: fig(g, growth(prevEnd), g === null ? 'no_base' : undefined),
    population: fig(population, prevPopulation, population === null ? 'no_population' : undefined),
    coverage: ratioFig([reg, population], [regPrev, prevPopulation], 'no_population'),
    active: fig(now.active, before.active, now.active === null ? 'not_for_period' : undefined),
    activeShare: ratioFig([now.active, reg], [before.active, regPrev]),
    hours: fig(now.hours, before.hours),
    hoursPerRegisteredYear: perYearFig(now.hours, reg, before.hours, regPrev, p.months.length),
    hoursPerActiveYear: perYearFig(now.hours, now.active, before.hours, before.active, p.months.length),
    activitiesHeld: fig(
      counts.within('activities_held', p.months),
      counts.within('activities_held', prev.months),
    ),
    positionsOffered: fig(offered, offeredPrev),
    positionsFilled: fig(filled, filledPrev),
    fillRate: ratioFig([filled, offered], [filledPrev, offeredPrev]),
    organizations: fig(orgs, counts.upTo('orgs:', prevEnd)),
    teams: fig(teams, counts.upTo('teams:', prevEnd)),
    activeTeams: fig(
      now.activeOrgs,
      before.activeOrgs,
      now.activeOrgs === null ? 'not_for_period' : undefined,
    ),
    recordsOnTime: fig(now.onTime, before.onTime),
    recordsOverdue: fig(now.overdue, before.overdue),
    certificatesIssued: fig(
      counts.within('certificates_issued', p.months),
      counts.within('certificates_issued', prev.months),
    ),
    ...serviceFigures(counts, p, prev),
  } as Record<FigureKey, FigureView>;
}

function perYearFig(
  amount: number,
  base: number | null,
  amountPrev: number,
  basePrev: number | null,
  months: number,
): FigureView {
  const v = perYear(amount, base, months);
  return fig(
    v,
    perYear(amountPrev, basePrev, months),
    v === null ? (base === null ? 'not_for_period' : 'no_base') : undefined,
  );
}

/** The children of a region with the figures the ranking compares, best development index first. */
async function childRanking(ctx: Ctx, code: string, level: number, p: Period) {
  const db = readerOf(ctx);
  const children = await repo.childRegions(db, code, level);
  if (children.length === 0) return [];
  const prefix = prefixOf(code, level);
  const childLevel = level + 1;
  const [hours, active, ranked, pops] = await Promise.all([
    repo.childPeriods(db, childLevel, prefix, p.months),
    p.activeKey ? repo.childPeriods(db, childLevel, prefix, [p.activeKey]) : Promise.resolve([]),
    repo.childRanked(
      db,
      children.map((c) => prefixOf(c.code, c.level)),
      p.months[0]!,
      p.months[p.months.length - 1]!,
    ),
    repo.populations(db, children, Number(p.to.slice(0, 4))),
  ]);
  const hoursOf = new Map(hours.map((h) => [h.unit, Number(h.minutes) / 60]));
  const activeOf = new Map(active.map((a) => [a.unit, a.active]));
  const rankedOf = new Map(ranked.map((x) => [x.unit, x]));
  const rows = children.map((c) => {
    const unit = prefixOf(c.code, c.level);
    const counts = rankedOf.get(unit);
    const registered = counts?.registered ?? 0;
    const h = hoursOf.get(unit) ?? 0;
    const act = p.activeKey ? (activeOf.get(unit) ?? 0) : null;
    const population = pops.get(`${c.code}|${c.level}`) ?? null;
    const coverage = ratio(registered, population);
    const activeShare = ratio(act, registered);
    const hoursPerRegisteredYear = perYear(h, registered, p.months.length);
    const organizations = counts?.organizations ?? 0;
    const activitiesHeld = counts?.activities ?? 0;
    return {
      code: c.code,
      level: c.level,
      name: c.name,
      registered,
      active: act,
      activeShare,
      hours: h,
      hoursPerRegisteredYear,
      coverage,
      organizations,
      activitiesHeld,
      developmentIndex: developmentIndex({
        registered,
        coverage,
        activeShare,
        hoursPerRegisteredYear,
        activitiesPerYear: (activitiesHeld * 12) / p.months.length,
        organizations,
      }),
    };
  });
  return rows.sort(
    (a, b) =>
      (b.developmentIndex ?? -1) - (a.developmentIndex ?? -1) ||
      b.registered - a.registered ||
      a.code.localeCompare(b.code),
  );
}

/** The overview of one organization (its own records, members, activities and certificates). */
export async function organizationOverview(
  ctx: Ctx,
  orgId: string,
  q: { from: string; to: string },
): Promise<StatisticsOverviewView> {
  const period = parsePeriod(q.from, q.to);
  const db = readerOf(ctx);
  const org = await repo.organization(db, orgId);
  if (!org) throw new DomainError('NOT_FOUND');
  const prev = previousPeriod(period);
  const unit = orgUnit(orgId);
  const trend = trendMonths(period);
  const keys = [
    ...new Set([...period.months, ...prev.months, ...trend, period.activeKey, prev.activeKey]),
  ].filter((k): k is string => k !== null);
  const [rows, countRows, cats, members] = await Promise.all([
    repo.unitPeriods(db, [unit], keys),
    repo.unitCounts(db, unit, earliestMonth(period, prev, trend), period.months[period.months.length - 1]!),
    repo.categories(db, unit, period.months),
    repo.activeMembers(db, orgId),
  ]);
  const counts = new Counts(countRows);
  const now = eventSums(rows, unit, period);
  const before = eventSums(rows, unit, prev);
  const offered = counts.within('positions_offered', period.months);
  const offeredPrev = counts.within('positions_offered', prev.months);
  const filled = counts.within('positions_filled', period.months);
  const filledPrev = counts.within('positions_filled', prev.months);
  const figures = {
    // An organization's "registered" are its members now (memberships keep no history per month).
    registered: fig(members, null),
    newRegistered: notForUnit(),
    verifiedShare: notForUnit(),
    growth: notForUnit(),
    population: notForUnit(),
    coverage: notForUnit(),
    active: fig(now.active, before.active, now.active === null ? 'not_for_period' : undefined),
    activeShare: ratioFig([now.active, members], [null, null]),
    hours: fig(now.hours, before.hours),
    hoursPerRegisteredYear: perYearFig(now.hours, members, before.hours, null, period.months.length),
    hoursPerActiveYear: perYearFig(now.hours, now.active, before.hours, before.active, period.months.length),
    activitiesHeld: fig(
      counts.within('activities_held', period.months),
      counts.within('activities_held', prev.months),
    ),
    positionsOffered: fig(offered, offeredPrev),
    positionsFilled: fig(filled, filledPrev),
    fillRate: ratioFig([filled, offered], [filledPrev, offeredPrev]),
    organizations: notForUnit(),
    teams: notForUnit(),
    activeTeams: notForUnit(),
    recordsOnTime: fig(now.onTime, before.onTime),
    recordsOverdue: fig(now.overdue, before.overdue),
    certificatesIssued: fig(
      counts.within('certificates_issued', period.months),
      counts.within('certificates_issued', prev.months),
    ),
    ...serviceFigures(counts, period, prev),
  } as Record<FigureKey, FigureView>;
  return {
    unit: { kind: 'organization', id: org.id, level: null, name: org.name },
    period: periodView(period),
    previousPeriod: periodView(prev),
    figures,
    starDistribution: null,
    organizationsByType: [],
    trend: trend.map((m) => {
      const e = eventSums(rows, unit, { from: '', to: '', months: [m], activeKey: m });
      return {
        month: m,
        registered: null,
        newRegistered: null,
        active: e.active,
        hours: e.hours,
        activitiesHeld: counts.within('activities_held', [m]),
      };
    }),
    categories: cats.map((c) => ({
      category: c.category,
      hours: Number(c.minutes) / 60,
      records: c.records,
    })),
    children: [],
    lag: await lagOf(ctx),
  };
}

/** One public unit's headline figures for the current year, or nothing but its name if too small. */
async function publicUnit(
  ctx: Ctx,
  code: string,
  level: number,
  year: Period,
): Promise<PublicUnitFiguresView | null> {
  const db = readerOf(ctx);
  const region = await repo.region(db, code, level);
  if (!region) return null;
  const unit = prefixOf(code, level);
  const today = chinaDate(ctx.clock()).slice(0, 7);
  const [rows, countRows] = await Promise.all([
    repo.unitPeriods(db, [unit], [year.activeKey!, ...year.months]),
    repo.unitCounts(db, unit, [year.months[0]!, today].sort()[0]!, today),
  ]);
  const counts = new Counts(countRows);
  const registered = counts.registered(today);
  const base = { code, level, name: region.name, year: Number(year.activeKey) };
  if (registered < PUBLIC_MIN_VOLUNTEERS)
    return {
      ...base,
      suppressed: true,
      registered: null,
      active: null,
      hours: null,
      activities: null,
      organizations: null,
    };
  const e = eventSums(rows, unit, year);
  return {
    ...base,
    suppressed: false,
    registered,
    active: e.active,
    hours: Math.round(e.hours * 10) / 10,
    activities: counts.within('activities_held', year.months),
    organizations: counts.upTo('orgs:', today) + counts.upTo('teams:', today),
  };
}

/** The public home page's figures: the province and city of a region (no personal data). */
export async function publicFigures(ctx: Ctx, region?: string): Promise<PublicFiguresView> {
  const code = region ?? DEFAULT_PUBLIC_REGION;
  const year = yearPeriod(Number(chinaDate(ctx.clock()).slice(0, 4)));
  const province = await publicUnit(ctx, `${code.slice(0, 2)}0000000000`, 1, year);
  const city = await publicUnit(ctx, `${code.slice(0, 4)}00000000`, 2, year);
  const refreshed = await repo.refreshedAt(readerOf(ctx), REFRESH_NAME);
  return { province, city, refreshedAt: refreshed ? refreshed.toISOString() : null };
}

/** The region overview as a workbook (figures, trend, categories, ranking). */
export async function regionOverviewWorkbook(
  ctx: Ctx,
  q: { region: string; level: number; from: string; to: string },
) {
  return overviewWorkbook(await regionOverview(ctx, q), ctx.locale);
}

/** The organization overview as a workbook. */
export async function organizationOverviewWorkbook(ctx: Ctx, orgId: string, q: { from: string; to: string }) {
  return overviewWorkbook(await organizationOverview(ctx, orgId, q), ctx.locale);
}

/** The region overview as the printable monthly report (PDF). */
export async function regionOverviewPdf(
  ctx: Ctx,
  q: { region: string; level: number; from: string; to: string },
) {
  return overviewPdf(await regionOverview(ctx, q), ctx.locale, chinaDate(ctx.clock()));
}

/** The organization overview as the printable monthly report (PDF). */
export async function organizationOverviewPdf(ctx: Ctx, orgId: string, q: { from: string; to: string }) {
  return overviewPdf(await organizationOverview(ctx, orgId, q), ctx.locale, chinaDate(ctx.clock()));
}
