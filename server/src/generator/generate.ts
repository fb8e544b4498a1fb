import type { OpenDatabase } from '../db/database.ts';
import { chinaDay } from '@yiqi/shared/identity/documents';
import { toRegionCode } from '@yiqi/shared/regions';
import { docIndex } from '../modules/volunteers/person.ts';
import { phoneIndex } from '../modules/auth/auth.service.ts';
import { seal } from '../modules/volunteers/views.ts';
import {
  Calendar,
  RunState,
  TABLES,
  activeCounts,
  allocate,
  emptyRows,
  generateUnit,
  unitIds,
  type Params,
  type Person,
  type Rows,
} from './model.ts';
import { completedOf, generateOrders, goodRatings, ordersFor } from './orders.ts';
import * as repo from './generator.repository.ts';
import { rebuildRollups } from '../modules/statistics/rollup.ts';
import { rebuild as rebuildCounts } from '../modules/statistics/refresh.ts';

/**
 * The population generator (issue 15): a realistic population over the real region tree already loaded,
 * written through COPY on PostgreSQL and batched INSERTs on PGlite. See model.ts for what is drawn and
 * docs/population.md for the options and what a seed reproduces.
 */

export interface GenerateOptions extends Omit<Params, 'seed' | 'today'> {
  /** A region code or its significant digits: 44, 4413, 440305, … */
  region: string;
  volunteers: number;
  seed?: string;
  /** The run's instant (tests: the injected clock). */
  now?: Date;
  appKey: Buffer;
  /** Rows buffered before a write (PostgreSQL: one COPY per table and flush). */
  flushRows?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Between units (the embedded demo yields to requests). */
  pause?: () => Promise<void>;
  /**
   * After the load, rebuild the statistics set-based (default true; decision 0073): the record-event
   * rollups recounted with the consumer moved past the generated events, and the refresh's counts rebuilt
   * whole. The embedded demo leaves it to the jobs (one long transaction would hold PGlite's connection).
   */
  statistics?: boolean;
  /** STATS_ACTIVE_MIN_HOURS of the server that will read the rollups (default 0). */
  activeMinHours?: number;
  /**
   * Load with the row triggers off and their checks made set-based per batch (decision 0073). Default: when
   * the session may (a superuser, or SET granted on session_replication_role) and `statistics` is on (the
   * statistics marks the triggers would make are replaced by the rebuild).
   */
  bulk?: boolean;
}

export interface GenerateSummary {
  region: string;
  regionName: string;
  communities: number;
  volunteers: number;
  skippedUnits: number;
  rows: Record<string, number>;
  seconds: number;
  /** Whether the rows were loaded with the triggers off (bulk mode). */
  bulk: boolean;
  /** Of `seconds`: writing the rows (generation and COPY / INSERT), then the statistics rebuild. */
  loadSeconds: number;
  statisticsSeconds: number;
  /** Record events the rollup rebuild accounted for (0 when it did not run). */
  eventsRolledUp: number;
  orders: number;
  /** Completed orders rated by their resident (one rating each). */
  ratings: number;
}

export async function generatePopulation(handle: OpenDatabase, o: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const db = handle.db;
  const digits = o.region.replace(/0+$/, '');
  const prefix =
    digits.length <= 2
      ? digits.padEnd(2, '0')
      : digits.length <= 4
        ? digits.padEnd(4, '0')
        : digits.length <= 6
          ? digits.padEnd(6, '0')
          : digits.length <= 9
            ? digits.padEnd(9, '0')
            : digits.padEnd(12, '0');
  const regionName = (await repo.regionName(db, toRegionCode(prefix))) ?? prefix;
  const communities = await repo.communitiesUnder(db, prefix);
  if (!communities.length)
    throw new Error(`no communities under region ${o.region}: is the region tree loaded?`);
  const now = o.now ?? new Date();
  const seed = o.seed ?? '1';
  const params: Params = {
    seed,
    today: chinaDay(now),
    years: o.years,
    active: o.active,
    hoursPerYear: o.hoursPerYear,
    attendanceShare: o.attendanceShare,
    satisfaction: o.satisfaction,
  };
  const counts = allocate(seed, communities, o.volunteers);
  const actives = activeCounts(o.active, counts);
  const state = new RunState(seed, await repo.takenVolunteerNumbers(db, prefix.slice(0, 4)));
  const adminId = await repo.generatorAccount(db, `generator-${seed}`.slice(0, 60), '数据生成（批量确认）');
  const ctx = { params, calendar: new Calendar(params), state, adminId, now };
  const written = await repo.existingOrganizations(
    db,
    communities.map((c) => unitIds(seed, c).team),
  );

  const statistics = o.statistics !== false;
  const allowed = o.bulk === false || !statistics ? false : await repo.mayLoadInBulk(db);
  const bulk = o.bulk ?? allowed;
  if (bulk && !statistics) throw new Error('a bulk load rebuilds the statistics: statistics must be on');
  if (bulk && !allowed)
    throw new Error('bulk: this login may not set session_replication_role (a superuser may)');
  const client = handle.kind === 'postgres' && handle.pool ? await handle.pool.connect() : null;
  const flushRows = o.flushRows ?? (client ? 200_000 : 5_000);
  const totals: Record<string, number> = Object.fromEntries(TABLES.map((t) => [t, 0]));
  /** Milliseconds of the server's work per table (COPY), summed over the batches (PostgreSQL). */
  const copyMs: Record<string, number> = {};
  let rows: Rows = emptyRows();
  let people = new Map<string, Person>();
  let buffered = 0;
  let done = 0;
  let skipped = 0;
  let orders = 0;
  let ratings = 0;
  // Good ratings per community, fixed before drawing: the run's satisfaction comes out as given.
  const good = goodRatings(
    params.satisfaction,
    counts.map((n) => (n === 0 ? 0 : completedOf(ordersFor(n, params.years)))),
  );

  // The write in flight (PostgreSQL) and its failure, seen at the next flush or at the end.
  let writing: Promise<void> = Promise.resolve();
  let failed: Error | null = null;
  /** Lets a COPY in flight move on between communities (drawing one is synchronous). */
  const breathe = () => new Promise<void>((r) => setImmediate(r));

  const flush = async () => {
    if (!buffered) return;
    // Personal data sealed and indexed exactly as registration does (volunteers/person.ts).
    const cfg = { config: { appKey: o.appKey } } as never;
    // An ID number someone already holds (a run with another seed, a registration) takes the next free
    // sequence instead; on a fresh database nothing is found and the rows stay exactly as drawn.
    let check = rows.volunteers;
    while (check.length) {
      for (const v of check) v.doc_bidx = docIndex(cfg, 'mainland_id', people.get(v.id as string)!.docNumber);
      const taken = await repo.existingDocIndexes(
        db,
        check.map((v) => v.doc_bidx as Buffer),
      );
      check = check.filter((v) => taken.has((v.doc_bidx as Buffer).toString('hex')));
      for (const v of check) {
        const p = people.get(v.id as string)!;
        const next = state.ids.next(
          p.docNumber.slice(0, 6),
          v.birth_date as string,
          v.gender as 'male' | 'female',
        );
        p.docNumber = next.number;
        v.birth_date = next.birthDate;
      }
    }
    for (const d of rows.dispatch_orders) {
      d.address_enc = seal(cfg, d.address_enc as string);
      d.phone_enc = seal(cfg, d.phone_enc as string);
      d.proxy_name_enc = seal(cfg, d.proxy_name_enc as string);
    }
    for (const v of rows.volunteers) {
      const p = people.get(v.id as string)!;
      v.doc_number_enc = seal(cfg, p.docNumber);
      v.phone_enc = seal(cfg, p.phone);
      v.phone_bidx = phoneIndex(cfg, p.phone);
    }
    const batch = rows;
    rows = emptyRows();
    people = new Map();
    buffered = 0;
    // One write at a time, in order. On PostgreSQL the next buffer is drawn while this one is copied (the
    // server parses, checks and indexes it on the other core); PGlite has one connection, so it waits.
    await writing;
    if (failed) throw failed;
    const write = (
      client ? repo.copyRows(client, batch, bulk, copyMs) : repo.insertRows(db, batch, bulk)
    ).then(() => {
      for (const t of TABLES) totals[t]! += batch[t].length;
    });
    writing = write.catch((e: Error) => {
      failed = e;
    });
    if (!client) await write;
  };

  try {
    for (const [i, c] of communities.entries()) {
      const n = counts[i]!;
      if (n === 0) continue;
      const skip = written.has(unitIds(seed, c).team);
      generateUnit(ctx, c, n, skip ? null : rows, skip ? null : people, actives[i]);
      if (!skip) {
        const o = generateOrders(
          { params, adminId, now, days: ctx.calendar.days },
          c,
          unitIds(seed, c).team,
          n,
          good[i]!,
          rows,
        );
        orders += o.orders;
        ratings += o.ratings;
      }
      if (skip) {
        skipped++;
        continue;
      }
      done += n;
      buffered = TABLES.reduce((s, t) => s + rows[t].length, 0);
      if (buffered >= flushRows) {
        await flush();
        o.log?.(
          `  ${done.toLocaleString('en')} volunteers, ${totals.service_records!.toLocaleString('en')} records (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
      }
      await o.pause?.();
      if (client) await breathe();
    }
    await flush();
    await writing;
    if (failed) throw failed;
  } finally {
    // A write still in flight when drawing failed: let it end before the connection goes back.
    await writing;
    client?.release();
  }
  const loaded = performance.now();
  if (client && o.log) {
    // Where the load's time went on the server: each table's COPY (rows, seconds, rows/s), busiest first.
    const busy = Object.entries(copyMs).sort(([, a], [, b]) => b - a);
    const all = busy.reduce((s, [, ms]) => s + ms, 0);
    o.log(
      `  rows written in ${((loaded - started) / 1000).toFixed(1)} s; the server busy ${(all / 1000).toFixed(1)} s of it:`,
    );
    for (const [t, ms] of busy)
      o.log(
        `    ${t.padEnd(22)} ${(totals[t] ?? 0).toLocaleString('en').padStart(12)} rows ${(ms / 1000).toFixed(1).padStart(7)} s` +
          (totals[t]
            ? ` ${Math.round(totals[t]! / (ms / 1000))
                .toLocaleString('en')
                .padStart(9)} rows/s`
            : ''),
      );
  }
  let eventsRolledUp = 0;
  // Also when every community was there already: an interrupted bulk run left rows without statistics marks.
  if (statistics && (done > 0 || skipped > 0)) {
    await repo.analyze(db).catch(() => {});
    o.log?.(`  ANALYZE before the rebuild ${((performance.now() - loaded) / 1000).toFixed(1)} s`);
    const at = o.now ?? new Date();
    eventsRolledUp = (await rebuildRollups(db, at, o.activeMinHours ?? 0, o.log)).applied;
    const rolled = performance.now();
    await rebuildCounts(db, at, o.log);
    o.log?.(
      `  statistics: ${eventsRolledUp.toLocaleString('en')} record events rolled up at once in ${((rolled - loaded) / 1000).toFixed(1)} s, ` +
        `counts rebuilt in ${((performance.now() - rolled) / 1000).toFixed(1)} s`,
    );
  }
  const analyzed = performance.now();
  await repo.analyze(db).catch(() => {});
  const end = performance.now();
  o.log?.(`  ANALYZE at the end ${((end - analyzed) / 1000).toFixed(1)} s`);
  return {
    region: toRegionCode(prefix),
    regionName,
    communities: communities.length,
    volunteers: done,
    skippedUnits: skipped,
    rows: totals,
    seconds: (end - started) / 1000,
    bulk,
    loadSeconds: (loaded - started) / 1000,
    statisticsSeconds: (end - loaded) / 1000,
    eventsRolledUp,
    orders,
    ratings,
  };
}
