// Scenario "dashboard" (issue 15: console home at province scale). For each size of --sizes (default
// 1000000,5000000,22300000 volunteers), in its own throwaway database with the demo data:
//   1. checks the server's free disk against the size's estimate and refuses (that size and the larger
//      ones) with a message when it does not fit;
//   2. generates a Guangdong-wide population with the population generator (server/src/generator:
//      29 h per volunteer and year, 75 % active, one year of records, through COPY; as the owner, so in
//      bulk mode with the statistics rebuilt set-based at the end, decision 0073) and prints the
//      generation time (rows written, statistics rebuilt), rates and the database size;
//   3. starts the API (bench/server.ts) and waits until the statistics rollups have caught up
//      (overview's lag), then measures p95 of GET /api/statistics/overview for the province (44) and a
//      city (4413 惠州) as their region admins (password + TOTP), autocannon for BENCH_SECONDS each;
//   4. the rollup lag after a burst of 10,000 confirmations: 20 activities × 500 drafts of one generated
//      team confirmed through POST /api/activities/:id/records/confirm by its admin, then the time until
//      the consumer 'statistics.rollup' has passed the last of their record events.
// When the branch has no statistics endpoint (404), step 3 measures a SQL STAND-IN instead, clearly
// marked: a rollup-shaped table (community × month: volunteers served, minutes) built once from the
// records, read for a region prefix and 12 months through pgbench. It says what a rollup read costs at
// that size; it is not the endpoint. Step 4 is then skipped (no consumer to wait for).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../server/src/db/database.ts';
import { openPostgres } from '../../server/src/db/database.ts';
import { generatePopulation } from '../../server/src/generator/generate.ts';
import {
  runAutocannon,
  runPgbench,
  startApi,
  withBenchDatabase,
  type BenchOptions,
  type Scenario,
} from '../lib.ts';
import { gb, label } from './records-totals.fill.ts';
import { createStaff, staffSession } from './staff.ts';
import { APP_ROLE } from './activities.ts';
import { writeScript } from '../sql.ts';

/**
 * Database bytes per generated volunteer with a year of records (decision 0076): `pg_database_size` after
 * the generation and VACUUM (ANALYZE) of `--sizes 1000000` (15.3 GB, 16,460 bytes a volunteer, with the demo
 * data and every statistics table). Larger sizes need less per volunteer (fewer activities per record as
 * communities fill, count rows growing slower than volunteers: about 13 KB at 5 M and 22.3 M by the 1 M
 * tables, decision 0076), so this errs on the safe side there; the × 1.3 is for WAL and the rebuild's sort
 * files. (At 200 k it was 27 KB: an activity for nearly every record.)
 */
const BYTES_PER_VOLUNTEER = 16_500;
const GOAL_MS = 200;
const FLAT = 1.5;
const BURST = 10_000;
const PER_ACTIVITY = 500;

function sizes(): number[] {
  const i = process.argv.indexOf('--sizes');
  const raw = i > 0 ? process.argv[i + 1] : process.env.BENCH_DASHBOARD_SIZES;
  return (raw ?? '1000000,5000000,22300000').split(',').map((s) => Math.round(Number(s.trim())));
}

/** Free bytes where the server keeps its data (when visible from here: same machine, superuser). */
async function freeDisk(adminUrl: string): Promise<{ dir: string; free: number } | null> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const dir = (await c.query<{ data_directory: string }>('SHOW data_directory')).rows[0]?.data_directory;
    if (!dir || !existsSync(dir)) return null;
    const fs = await statfs(dir);
    return { dir, free: fs.bavail * fs.bsize };
  } catch {
    return null;
  } finally {
    await c.end();
  }
}

const one = async <T>(db: Database, q: ReturnType<typeof sql<T>>) => (await q.execute(db)).rows[0]!;

interface SizeResult {
  volunteers: number;
  records: number;
  generateSeconds: number;
  dbBytes: number;
  catchUpSeconds: number | null;
  province: { p50: number; p95: number; p99: number; rps: number; non2xx: number };
  city: { p50: number; p95: number; p99: number; rps: number; non2xx: number };
  source: 'endpoint' | 'sql-stand-in';
  burstLagSeconds: number | null;
}

const PERIOD = () => {
  // The last twelve whole months, cut in China time.
  const now = new Date(Date.now() + 8 * 3600_000);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth(); // the current month (0-based) is not whole: end with the previous one
  const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const from = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
  return { from, to };
};

async function measureSize(options: BenchOptions, volunteers: number): Promise<SizeResult> {
  const key = randomBytes(32);
  return withBenchDatabase(options.adminUrl, async ({ url, handle }) => {
    console.log(`\n── ${label(volunteers)} volunteers (Guangdong, 44) ──`);
    const owner = await openPostgres(url, { max: 2 });
    try {
      const s = await generatePopulation(owner, {
        region: '44',
        volunteers,
        active: 0.75,
        hoursPerYear: 29,
        satisfaction: 0.9,
        years: 1,
        attendanceShare: 0.1,
        seed: 'bench',
        appKey: key,
        log: (line) => console.log(line),
      });
      const v0 = performance.now();
      await sql`VACUUM (ANALYZE)`.execute(owner.db);
      console.log(
        `   VACUUM (ANALYZE) ${((performance.now() - v0) / 1000).toFixed(0)} s (not in the generation time)`,
      );
      const dbBytes = Number(
        (await one(owner.db, sql<{ b: string }>`SELECT pg_database_size(current_database())::text AS b`)).b,
      );
      await tableBytes(owner.db, volunteers, dbBytes);
      const records = s.rows.service_records!;
      const rows = Object.values(s.rows).reduce((a, b) => a + b, 0);
      console.log(
        `   generated in ${s.seconds.toFixed(0)} s: ${(volunteers / s.seconds).toFixed(0)} volunteers/s, ` +
          `${(records / s.seconds).toFixed(0)} records/s; ${records.toLocaleString('en')} records; database ${gb(dbBytes)}`,
      );
      console.log(
        `   of which rows written in ${s.loadSeconds.toFixed(0)} s (${(rows / s.loadSeconds).toFixed(0)} rows/s over all tables, ` +
          `${s.bulk ? 'bulk: triggers off' : 'triggers on'}), statistics rebuilt in ${s.statisticsSeconds.toFixed(0)} s ` +
          `(${s.eventsRolledUp.toLocaleString('en')} record events rolled up at once)`,
      );

      const province = await createStaff(handle.db, key, 'bench-gd', 'region_admin', {
        region: '440000000000',
      });
      const city = await createStaff(handle.db, key, 'bench-hz', 'region_admin', { region: '441300000000' });
      const api = await startApi(url, { env: { YIQI_APP_KEY: key.toString('base64') } });
      try {
        const { from, to } = PERIOD();
        const pathOf = (region: string, level: number) =>
          `/api/statistics/overview?region=${region}&level=${level}&from=${from}&to=${to}`;
        const gd = await staffSession(api.origin, province);
        const hz = await staffSession(api.origin, city);
        const probe = await fetch(api.origin + pathOf('440000000000', 1), { headers: { cookie: gd } });
        if (probe.status === 404) {
          console.log(
            '   ⚠ GET /api/statistics/overview is absent on this branch: measuring the SQL STAND-IN',
          );
          const standIn = await sqlStandIn(url, options, from, to);
          return {
            volunteers,
            records,
            generateSeconds: s.seconds,
            dbBytes,
            catchUpSeconds: null,
            ...standIn,
            source: 'sql-stand-in',
            burstLagSeconds: null,
          };
        }
        if (!probe.ok) throw new Error(`overview: ${probe.status} ${await probe.text()}`);
        const catchUp = await waitForRollups(api.origin, pathOf('440000000000', 1), gd);
        console.log(`   rollups caught up ${catchUp.toFixed(0)} s after the API started`);
        const run = async (path: string, cookie: string) => {
          const r = await runAutocannon({
            origin: api.origin,
            connections: options.connections,
            seconds: options.seconds,
            requests: [{ method: 'GET', path, headers: { cookie } }],
          });
          return { p50: r.p50Ms, p95: r.p95Ms, p99: r.p99Ms, rps: r.reqPerSec, non2xx: r.non2xx + r.errors };
        };
        const p = await run(pathOf('440000000000', 1), gd);
        const c = await run(pathOf('441300000000', 2), hz);
        // A failed burst is reported, not fatal: the sizes' other figures stand.
        const lag = await burstLag(owner.db, handle.db, key, api.origin).catch((e: Error) => {
          console.log(`   ✗ burst failed: ${e.message}`);
          return null;
        });
        return {
          volunteers,
          records,
          generateSeconds: s.seconds,
          dbBytes,
          catchUpSeconds: catchUp,
          province: p,
          city: c,
          source: 'endpoint',
          burstLagSeconds: lag,
        };
      } finally {
        await api.stop();
      }
    } finally {
      await owner.close();
    }
  });
}

/** Bytes per table (heap, indexes and TOAST; pg_total_relation_size), largest first, and per volunteer. */
async function tableBytes(db: Database, volunteers: number, dbBytes: number) {
  const rows = (
    await sql<{ name: string; total: string; heap: string; rows: string }>`
      SELECT c.relname AS name, pg_total_relation_size(c.oid)::text AS total,
             pg_relation_size(c.oid)::text AS heap, c.reltuples::bigint::text AS rows
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND n.nspname = 'public'
       ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 16`.execute(db)
  ).rows;
  console.log(
    `   database ${gb(dbBytes)}, ${Math.round(dbBytes / volunteers).toLocaleString('en')} bytes a volunteer; largest tables (heap + indexes):`,
  );
  for (const r of rows) {
    const total = Number(r.total);
    const heap = Number(r.heap);
    console.log(
      `     ${r.name.padEnd(28)} ${gb(total).padStart(9)} (heap ${gb(heap)}, indexes and TOAST ${gb(total - heap)}) ` +
        `${Number(r.rows).toLocaleString('en').padStart(12)} rows, ${Math.round(total / volunteers).toLocaleString('en')} B a volunteer`,
    );
  }
}

/** Polls the overview until its lag says no record event is waiting and the refresh has run. */
async function waitForRollups(origin: string, path: string, cookie: string): Promise<number> {
  const start = performance.now();
  const limit = Number(process.env.BENCH_DASHBOARD_WAIT_SECONDS ?? 3600) * 1000;
  for (;;) {
    const r = await fetch(origin + path, { headers: { cookie } });
    const body = (await r.json()) as { lag?: { recordEventsSeconds: number; refreshSeconds: number | null } };
    if (body.lag && body.lag.recordEventsSeconds === 0 && body.lag.refreshSeconds !== null)
      return (performance.now() - start) / 1000;
    if (performance.now() - start > limit) throw new Error('the statistics rollups did not catch up in time');
    await delay(2000);
  }
}

/**
 * 10,000 drafts (20 closed activities of one generated team × 500 volunteers of its city, a day each)
 * confirmed through the API by the team's admin, 4 requests at a time; then the seconds from the last
 * answer until the rollup consumer has applied the last of their events. The volunteers need not be the
 * team's members (confirmation does not ask): a generated team has at most 300 (model.ts PER_TEAM), and at
 * up to 22.3 M volunteers over 26 k communities far fewer, so a burst limited to members never ran.
 */
async function burstLag(owner: Database, app: Database, key: Buffer, origin: string): Promise<number | null> {
  const team = await one(
    owner,
    sql<{ id: string; city: string; n: string }>`
    WITH t AS MATERIALIZED (
      SELECT o.id, left(o.region_code, 4) AS city
        FROM memberships m JOIN organizations o ON o.id = m.org_id
       GROUP BY o.id ORDER BY count(*) DESC, o.id LIMIT 1
    )
    SELECT t.id, t.city,
           (SELECT count(*) FROM volunteers v WHERE v.region_code LIKE t.city || '%')::text AS n FROM t`,
  );
  if (Number(team.n) < PER_ACTIVITY) {
    console.log(`   burst: the team's city has ${team.n} volunteers (< ${PER_ACTIVITY}); skipped`);
    return null;
  }
  const admin = await createStaff(app, key, 'bench-team', 'org_admin', { orgId: team.id });
  const cookie = await staffSession(origin, admin);
  const activities: string[] = [];
  for (let a = 0; a < BURST / PER_ACTIVITY; a++) {
    // Closed activities of the last 20 days at 23:00–23:30 China time: within anyone's 24-hour day.
    const act = await one(
      owner,
      sql<{ id: string }>`
      INSERT INTO activities (org_id, title, description, category, region_code, address, starts_at, ends_at,
                              contact_name, person_in_charge, status, published_at, closed_at, created_by)
      SELECT o.id, '压测确认活动 ' || ${a}::text, '', 'community', o.region_code, '压测地址',
             (current_date - ${a + 1}::int) + time '15:00', (current_date - ${a + 1}::int) + time '15:30',
             '压测', '压测', 'closed', now(), now(), (SELECT id FROM users WHERE username = 'bench-team')
        FROM organizations o WHERE o.id = ${team.id} RETURNING id`,
    );
    await sql`
      INSERT INTO service_records (kind, volunteer_id, org_id, activity_id, service_date, activity_title, place,
                                   content, person_in_charge, minutes, computed_minutes, status, due_date)
      SELECT 'attendance', v.id, ${team.id}, ${act.id}, current_date - ${a + 1}::int, '压测确认活动',
             '压测地址', '压测', '压测', 30, 30, 'draft', current_date + 14
        FROM volunteers v WHERE v.region_code LIKE ${`${team.city}%`} ORDER BY v.id LIMIT ${PER_ACTIVITY}`.execute(
      owner,
    );
    activities.push(act.id);
  }
  const ids = async (activity: string) =>
    (await sql<{ id: string }>`SELECT id FROM service_records WHERE activity_id = ${activity}`.execute(owner))
      .rows;
  const lastBefore = Number(
    (await one(owner, sql<{ m: string }>`SELECT coalesce(max(id), 0)::text AS m FROM record_events`)).m,
  );
  let confirmedCount = 0;
  const skippedCodes = new Set<string>();
  const start = performance.now();
  const queue = [...activities];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let a = queue.shift(); a; a = queue.shift()) {
        const items = (await ids(a)).map((r) => ({ id: r.id }));
        const r = await fetch(`${origin}/api/activities/${a}/records/confirm`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ items }),
        });
        if (!r.ok) throw new Error(`confirm: ${r.status} ${await r.text()}`);
        const body = (await r.json()) as { done: number; skipped: { code: string }[] };
        confirmedCount += body.done;
        if (body.skipped.length) skippedCodes.add(body.skipped[0]!.code);
      }
    }),
  );
  const confirmed = (performance.now() - start) / 1000;
  const last = Number((await one(owner, sql<{ m: string }>`SELECT max(id)::text AS m FROM record_events`)).m);
  console.log(
    `   burst: ${confirmedCount} of ${BURST} drafts confirmed (${last - lastBefore} events) in ${confirmed.toFixed(1)} s` +
      (skippedCodes.size ? `; skipped: ${[...skippedCodes].join(', ')}` : ''),
  );
  const answered = performance.now();
  for (;;) {
    const pos = await one(
      owner,
      sql<{ id: string | null }>`
      SELECT last_id::text AS id FROM record_event_consumers WHERE name = 'statistics.rollup'`,
    ).catch(() => ({ id: null }));
    if (pos.id !== null && Number(pos.id) >= last) return (performance.now() - answered) / 1000;
    if (performance.now() - answered > 600_000)
      throw new Error('the rollup did not pass the burst within 10 minutes');
    await delay(250);
  }
}

/** The SQL stand-in (no statistics endpoint on this branch): a rollup-shaped table read for a prefix. */
async function sqlStandIn(url: string, options: BenchOptions, from: string, to: string) {
  const owner = await openPostgres(url, { max: 1 });
  try {
    await sql`CREATE TABLE bench_rollup AS
      SELECT e.region_code, date_trunc('month', e.service_date)::date AS month,
             count(DISTINCT e.volunteer_id)::int AS served, sum(e.minutes_delta)::bigint AS minutes
        FROM record_events e GROUP BY 1, 2`.execute(owner.db);
    await sql`CREATE INDEX ON bench_rollup (region_code text_pattern_ops, month)`.execute(owner.db);
    await sql`CREATE TABLE bench_registered AS
      SELECT region_code, count(*)::int AS registered FROM volunteers GROUP BY 1`.execute(owner.db);
    await sql`CREATE INDEX ON bench_registered (region_code text_pattern_ops)`.execute(owner.db);
    await sql`ANALYZE bench_rollup`.execute(owner.db);
    await sql`ANALYZE bench_registered`.execute(owner.db);
    await sql.raw(`GRANT SELECT ON bench_rollup, bench_registered TO ${APP_ROLE}`).execute(owner.db);
  } finally {
    await owner.close();
  }
  const run = async (prefix: string) => {
    const script = join(tmpdir(), `yiqi-dashboard-standin-${prefix}.sql`);
    await writeScript(
      script,
      [
        `SELECT sum(registered) FROM bench_registered WHERE region_code LIKE '${prefix}%';`,
        `SELECT month, sum(served), sum(minutes) FROM bench_rollup WHERE region_code LIKE '${prefix}%' AND month BETWEEN '${from}' AND '${to}' GROUP BY month;`,
        `SELECT substr(region_code, 1, ${prefix.length + 2}), sum(minutes) FROM bench_rollup WHERE region_code LIKE '${prefix}%' AND month BETWEEN '${from}' AND '${to}' GROUP BY 1;`,
      ].join('\n'),
    );
    const r = await runPgbench({
      databaseUrl: url,
      script,
      seconds: options.seconds,
      clients: options.connections,
      role: APP_ROLE,
    });
    return { p50: r.p50Ms, p95: r.p95Ms, p99: r.p99Ms, rps: r.tps, non2xx: r.failed };
  };
  return { province: await run('44'), city: await run('4413') };
}

export const dashboard: Scenario = {
  name: 'dashboard',
  description:
    'population generator at province scale; province/city overview p95; rollup lag after 10,000 confirmations',
  async run(options) {
    const wanted = sizes();
    console.log(
      `uptime: load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}; sizes ${wanted.map(label).join(', ')}`,
    );
    const results: SizeResult[] = [];
    for (const n of wanted) {
      const disk = await freeDisk(options.adminUrl);
      const need = n * BYTES_PER_VOLUNTEER * 1.3;
      if (!disk)
        console.log(
          `   free disk: the server's data directory is not visible here; about ${gb(need)} needed`,
        );
      else {
        console.log(
          `   free disk at ${disk.dir}: ${gb(disk.free)}; ${label(n)} volunteers need about ${gb(need)}`,
        );
        if (disk.free < need) {
          console.log(
            `   ✗ REFUSED: not enough free disk for ${label(n)} volunteers (${gb(disk.free)} < ${gb(need)}); stopping here`,
          );
          break;
        }
      }
      results.push(await measureSize(options, n));
    }
    const ms = (v: number) => v.toFixed(1);
    console.log(
      '\nvolunteers | records | generate s | vol/s | records/s | DB size | source | province p50/p95/p99 ms (req/s) | city p50/p95/p99 ms (req/s) | burst lag s',
    );
    for (const r of results)
      console.log(
        [
          label(r.volunteers),
          r.records.toLocaleString('en'),
          r.generateSeconds.toFixed(0),
          (r.volunteers / r.generateSeconds).toFixed(0),
          (r.records / r.generateSeconds).toFixed(0),
          gb(r.dbBytes),
          r.source === 'endpoint' ? 'API endpoint' : 'SQL STAND-IN (no endpoint)',
          `${ms(r.province.p50)} / ${ms(r.province.p95)} / ${ms(r.province.p99)} (${r.province.rps.toFixed(0)})`,
          `${ms(r.city.p50)} / ${ms(r.city.p95)} / ${ms(r.city.p99)} (${r.city.rps.toFixed(0)})`,
          r.burstLagSeconds === null ? '-' : r.burstLagSeconds.toFixed(1),
        ].join(' | '),
      );
    if (results.length) {
      const first = results[0]!;
      const last = results[results.length - 1]!;
      const worst = Math.max(...results.map((r) => Math.max(r.province.p95, r.city.p95)));
      if (results.some((r) => r.source === 'sql-stand-in'))
        console.log('the goals below judge the SQL STAND-IN, not the endpoint (absent on this branch):');
      console.log(`${worst < GOAL_MS ? '✓' : '✗'} p95 < ${GOAL_MS} ms at every size (worst ${ms(worst)} ms)`);
      if (results.length > 1) {
        const ratio = Math.max(last.province.p95 / first.province.p95, last.city.p95 / first.city.p95);
        console.log(
          `${ratio <= FLAT ? '✓' : '✗'} flat: p95 at ${label(last.volunteers)} ≤ ${FLAT} × p95 at ${label(first.volunteers)} (× ${ratio.toFixed(2)})`,
        );
      }
    }
    const dir = join(process.cwd(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, `dashboard-figures-${new Date().toISOString().slice(0, 16).replace(':', '')}.json`),
      JSON.stringify({ load: loadavg(), results }, null, 2),
    );
    return [];
  },
};
