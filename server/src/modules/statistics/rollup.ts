import type { Ctx } from '../../core/ctx.ts';
import { LEVEL_PREFIX, type RegionLevel } from '@yiqi/shared/regions';
import type { Database } from '../../db/database.ts';
import { consumeRecordEvents, rebuildConsumer, type RecordEvent } from '../records/record-events.ts';
import * as repo from './rollup.repository.ts';

/** This reader's name in record_event_consumers. */
export const ROLLUP_CONSUMER = 'statistics.rollup';

/** A region's units: its code's prefix at each of the five levels. */
export function regionUnits(code: string): { unit: string; level: number }[] {
  return ([1, 2, 3, 4, 5] as RegionLevel[]).map((level) => ({
    unit: code.slice(0, LEVEL_PREFIX[level]),
    level,
  }));
}
export const orgUnit = (orgId: string) => `o:${orgId}`;
/** The periods a service day counts in: its month and its calendar year (the day is already a China day). */
export const periodsOf = (day: string) => [day.slice(0, 7), day.slice(0, 4)];

class Sums<T extends Record<string, number>> {
  readonly map = new Map<string, { key: string; period: string } & T>();
  constructor(private readonly zero: () => T) {}
  add(key: string, period: string, d: Partial<T>) {
    const id = `${key}|${period}`;
    let row = this.map.get(id);
    if (!row) this.map.set(id, (row = { key, period, ...this.zero() }));
    const sums = row as Record<string, number>;
    for (const [k, v] of Object.entries(d)) sums[k] = (sums[k] ?? 0) + (v as number);
  }
  get rows() {
    return [...this.map.values()];
  }
}

const unitZero = () => ({ minutes: 0, records: 0, active: 0, activeOrgs: 0, onTime: 0, overdue: 0 });
type UnitSums = Sums<ReturnType<typeof unitZero>>;

/** Whether a counted-records total crossed zero: +1 became active, −1 stopped, 0 neither. */
const crossed = (after: number, delta: number) => {
  const before = after - delta;
  return (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
};

/**
 * Whether a volunteer's totals in a period crossed the active threshold (STATS_ACTIVE_MIN_HOURS a month,
 * 12× that in a calendar year; 0: one counted record): +1 became active, −1 stopped, 0 neither.
 */
export function crossedActive(
  after: { records: number; minutes: number },
  delta: { records: number; minutes: number },
  period: string,
  minHours: number,
) {
  const min = minHours * 60 * (period.length === 4 ? 12 : 1);
  const on = (records: number, minutes: number) => (records > 0 && minutes >= min ? 1 : 0);
  return on(after.records, after.minutes) - on(after.records - delta.records, after.minutes - delta.minutes);
}

function unitRows(sums: UnitSums, levelOf: Map<string, number>): repo.UnitDelta[] {
  return sums.rows.map((r) => ({
    unit: r.key,
    level: levelOf.get(r.key) ?? 0,
    period: r.period,
    minutes: r.minutes,
    records: r.records,
    active: r.active,
    activeOrgs: r.activeOrgs,
    onTime: r.onTime,
    overdue: r.overdue,
  }));
}

/**
 * Applies a batch of record events to the rollups (in the consumer's transaction). A region's hours and
 * active volunteers count where the volunteer lives now (residence region), an organization's where it
 * recorded them; active teams count in the organization's region as the event names it. Rejections
 * change nothing.
 */
export async function applyRecordEvents(events: RecordEvent[], tx: Ctx) {
  const counted = events.filter((e) => e.kind !== 'rejected');
  if (counted.length === 0) return;
  const db = tx.db;
  const residence = await repo.residences(db, [...new Set(counted.map((e) => e.volunteerId))]);
  const categories = await repo.activityCategories(db, [
    ...new Set(counted.map((e) => e.activityId).filter((a): a is string => a !== null)),
  ]);
  const decisions = counted.filter((e) => e.kind === 'confirmed' || e.kind === 'corrected');
  const deadlines = await repo.recordDeadlines(db, [...new Set(decisions.map((e) => e.recordId))]);

  const levelOf = new Map<string, number>();
  const home = (e: RecordEvent) => {
    const units = regionUnits(residence.get(e.volunteerId) ?? e.regionCode);
    for (const u of units) levelOf.set(u.unit, u.level);
    return units;
  };
  const volunteers = new Sums(() => ({ records: 0, minutes: 0 }));
  const orgVolunteers = new Sums(() => ({ records: 0, minutes: 0 }));
  const units: UnitSums = new Sums(unitZero);
  const cats = new Sums(() => ({ minutes: 0, records: 0 }));
  for (const e of counted) {
    const records = e.kind === 'superseded' ? -1 : 1;
    const minutes = e.minutesDelta;
    let onTime = 0;
    let overdue = 0;
    const d = e.kind === 'superseded' ? undefined : deadlines.get(e.recordId);
    if (d?.due && d.decided) {
      if (d.decided <= d.due) onTime = 1;
      else overdue = 1;
    }
    const category = e.activityId ? (categories.get(e.activityId) ?? 'none') : 'none';
    const targets = [...home(e).map((u) => u.unit), orgUnit(e.orgId)];
    for (const period of periodsOf(e.serviceDate)) {
      volunteers.add(e.volunteerId, period, { records, minutes });
      orgVolunteers.add(`${e.orgId}|${e.volunteerId}`, period, { records, minutes });
      for (const unit of targets) {
        units.add(unit, period, { records, minutes, onTime, overdue });
        cats.add(`${unit}|${category}`, period, { records, minutes });
      }
    }
  }

  // Who became active (or stopped) in each period: where they live, and in the organization.
  const vAfter = await repo.bumpVolunteerPeriods(
    db,
    volunteers.rows.map((r) => ({ key: r.key, period: r.period, records: r.records, minutes: r.minutes })),
  );
  const anyEvent = new Map(counted.map((e) => [e.volunteerId, e]));
  const minHours = tx.config.statsActiveMinHours;
  const none = { records: 0, minutes: 0 };
  for (const r of volunteers.rows) {
    const step = crossedActive(vAfter.get(`${r.key}|${r.period}`) ?? none, r, r.period, minHours);
    if (step !== 0) for (const u of home(anyEvent.get(r.key)!)) units.add(u.unit, r.period, { active: step });
  }
  const oAfter = await repo.bumpOrgVolunteerPeriods(
    db,
    orgVolunteers.rows.map((r) => ({ key: r.key, period: r.period, records: r.records, minutes: r.minutes })),
  );
  for (const r of orgVolunteers.rows) {
    const step = crossedActive(oAfter.get(`${r.key}|${r.period}`) ?? none, r, r.period, minHours);
    if (step !== 0) units.add(orgUnit(r.key.split('|')[0]!), r.period, { active: step });
  }

  const after = await repo.bumpUnits(db, unitRows(units, levelOf));
  // Organizations whose counted records crossed zero: active teams of their region.
  const orgRegion = new Map(counted.map((e) => [orgUnit(e.orgId), e.regionCode]));
  const teams: UnitSums = new Sums(unitZero);
  for (const a of after) {
    const region = orgRegion.get(a.unit);
    if (!region) continue;
    const step = crossed(a.records, units.map.get(`${a.unit}|${a.period}`)!.records);
    if (step === 0) continue;
    for (const u of regionUnits(region)) {
      levelOf.set(u.unit, u.level);
      teams.add(u.unit, a.period, { activeOrgs: step });
    }
  }
  await repo.bumpUnits(db, unitRows(teams, levelOf));
  await repo.bumpCategories(
    db,
    cats.rows.map((r) => {
      const i = r.key.lastIndexOf('|');
      return {
        unit: r.key.slice(0, i),
        category: r.key.slice(i + 1),
        period: r.period,
        minutes: r.minutes,
        records: r.records,
      };
    }),
  );
}

/** Applies every waiting event (in batches), so one run catches up after a pause. */
export async function runRollups(ctx: Ctx, maxBatches = 200) {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const { applied } = await consumeRecordEvents(ctx, ROLLUP_CONSUMER, applyRecordEvents, { batch: 1000 });
    total += applied;
    if (applied === 0) break;
  }
  return total;
}

/**
 * After a bulk load (the population generator): the rollups recounted from every final record event at
 * once, set-based, and the consumer moved past those events in the same transaction (decision 0073), instead
 * of applying millions of events a thousand at a time. Later events (and those of transactions still
 * running) are then applied by the job as usual. Attributes hours to each volunteer's residence now.
 */
export async function rebuildRollups(db: Database, at: Date, minHours: number, log?: (line: string) => void) {
  return rebuildConsumer(db, ROLLUP_CONSUMER, at, (tx, bound) =>
    repo.rebuildFromEvents(tx, bound, minHours * 60, log),
  );
}
