// Scenario "records-totals" (issue 5: a volunteer's totals at 10 M records, p95 < 5 ms, flat as records grow):
// for each size in BENCH_RECORDS (default 1,000,000 then 10,000,000, each in its own throwaway database),
// fills that many confirmed service records for size/50 volunteers with INSERT … SELECT generate_series,
// derives volunteer_totals and volunteer_year_totals from them with one GROUP BY each (what every
// confirmation maintains in its transaction), then measures
//   (a) the totals read alone: totals() from records.service.ts timed in-process (one caller, and as many
//       callers as connections on the API's pool), and its captured statements through pgbench;
//   (b) GET /api/me/records?pageSize=1 through the API (autocannon, a random one of up to 10,000 volunteers'
//       sessions per request), and the request's captured statements through pgbench.
// pgbench picks the volunteer at random (\set) and reads their ids from a lookup table. After the last
// size, p95 is compared between the smallest and the largest size.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type CompiledQuery } from 'kysely';
import { openPostgres, withUser, type Database } from '../../server/src/db/database.ts';
import { loadConfig, type Config } from '../../server/src/lib/config.ts';
import { sha256 } from '../../server/src/lib/crypto.ts';
import { chinaDate } from '../../server/src/core/dates.ts';
import { authenticate } from '../../server/src/modules/auth/auth.service.ts';
import { mine, totals } from '../../server/src/modules/records/records.service.ts';
import {
  percentile,
  runAutocannon,
  runPgbench,
  startApi,
  withBenchDatabase,
  type BenchOptions,
  type HttpResult,
  type PhaseResult,
  type Scenario,
  type SqlResult,
} from '../lib.ts';
import { openCapture, scriptLine, swapper, writeScript } from '../sql.ts';
import { APP_ROLE, describe, goal, NANSHAN, refreshSessions, sessionTouches, verify } from './activities.ts';
import { checkDisk, fill, gb, label } from './records-totals.fill.ts';

/** Record counts to run, in order: BENCH_RECORDS=1000000 runs one size, 1000000,3000000 two. */
const SIZES = (process.env.BENCH_RECORDS ?? '1000000,10000000').split(',').map((s) => Number(s.trim()));
/** Records per volunteer, the same at every size: only the tables grow. */
const PER_VOLUNTEER = 50;
/** Volunteers with a session for the API phase (all of them when there are fewer), spread over the table. */
const SESSIONS = 10_000;
const GOAL_MS = 5;
/** "Flat": the largest size's p95 within this factor of the smallest's. */
const FLAT = 1.5;

const ms = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '-');

type Latencies = Pick<SqlResult, 'p50Ms' | 'p95Ms' | 'p99Ms'>;

/** What one size measured, for the per-size table and the comparison between sizes. */
interface SizeResult {
  records: number;
  volunteers: number;
  oneCaller: HttpResult;
  callers: HttpResult;
  totalsSql: SqlResult;
  api: HttpResult;
  requestSql: SqlResult;
  totalsStatements: number;
  requestStatements: number;
  fillSeconds: number;
  dbBytes: number;
}

/** The statements of totals() for a volunteer, and of GET /api/me/records?pageSize=1 with their session. */
async function captureStatements(url: string, config: Config, volunteerId: string, token: string) {
  const capture = openCapture(url, config);
  try {
    const read = await totals(capture.ctx.db, volunteerId, new Date());
    const totalsQs = capture.take();
    const actor = await authenticate(capture.ctx, token);
    if (!actor) throw new Error('capture: the bench session does not authenticate');
    const card = await mine({ ...capture.ctx, actor }, 1, 1);
    return { read, card, totalsQs, requestQs: capture.take() };
  } finally {
    await capture.close();
  }
}

/** Calls `fn` from `callers` loops for `seconds` after a one-second warm-up; every call is timed. */
async function timeCalls(seconds: number, callers: number, fn: () => Promise<unknown>): Promise<HttpResult> {
  const loop = async (until: number, times?: number[]) => {
    while (performance.now() < until) {
      const t = performance.now();
      await fn();
      times?.push(performance.now() - t);
    }
  };
  const warm = performance.now() + 1000;
  await Promise.all(Array.from({ length: callers }, () => loop(warm)));
  const times: number[] = [];
  const start = performance.now();
  await Promise.all(Array.from({ length: callers }, () => loop(start + seconds * 1000, times)));
  const wall = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return {
    reqPerSec: times.length / wall,
    p50Ms: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    p99Ms: percentile(times, 0.99),
    errors: 0,
    non2xx: 0,
    total: times.length,
    seconds: wall,
  };
}

/** A pgbench script: a random volunteer's ids from a lookup table, then the captured statements. */
function script(title: string, pick: string, qs: CompiledQuery[], swap: (v: unknown) => string | undefined) {
  return [
    `-- ${title}, captured with Kysely's log option`,
    ...pick.split('\n'),
    ...qs.map((q) => scriptLine(q, swap)),
  ]
    .join('\n')
    .concat('\n');
}

async function explain(db: Database, title: string, statement: string) {
  const plan = await sql
    .raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${statement}`)
    .execute(db);
  console.log(`\n   EXPLAIN ANALYZE ${title}:`);
  for (const r of plan.rows) console.log(`     ${r['QUERY PLAN']}`);
}

function printSize(r: SizeResult, connections: number) {
  const problems = (failed: number, errors = 0, non2xx = 0) =>
    [failed && `${failed} failed`, errors && `${errors} errors`, non2xx && `${non2xx} non-2xx`]
      .filter(Boolean)
      .join(', ');
  const table: { what: string; rate: number; p: Latencies; problems: string }[] = [
    { what: 'totals() in-process, 1 caller', rate: r.oneCaller.reqPerSec, p: r.oneCaller, problems: '' },
    {
      what: `totals() in-process, ${connections} callers (API's pool)`,
      rate: r.callers.reqPerSec,
      p: r.callers,
      problems: '',
    },
    {
      what: `pgbench: totals' ${r.totalsStatements} statements + lookup, ${connections} clients`,
      rate: r.totalsSql.tps,
      p: r.totalsSql,
      problems: problems(r.totalsSql.failed),
    },
    {
      what: `API GET /api/me/records?pageSize=1, ${connections} connections`,
      rate: r.api.reqPerSec,
      p: r.api,
      problems: problems(0, r.api.errors, r.api.non2xx),
    },
    {
      what: `pgbench: the request's ${r.requestStatements} statements + lookup, ${connections} clients`,
      rate: r.requestSql.tps,
      p: r.requestSql,
      problems: problems(r.requestSql.failed),
    },
  ];
  const header = ['', 'calls/s', 'p50 / p95 / p99 ms', ''];
  const lines = table.map((l) => [
    l.what,
    l.rate.toFixed(0),
    `${ms(l.p.p50Ms)} / ${ms(l.p.p95Ms)} / ${ms(l.p.p99Ms)}`,
    l.problems,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths
    .map((w) => '-'.repeat(w))
    .join('  ')
    .trimEnd();
  console.log(
    [
      '',
      `   ${label(r.records)} records (${r.volunteers.toLocaleString('en')} volunteers, ${PER_VOLUNTEER} records each; ` +
        `fill ${r.fillSeconds.toFixed(0)} s, database ${gb(r.dbBytes)}):`,
      `   ${fmt(header)}`,
      `   ${rule}`,
      ...lines.map((l) => `   ${fmt(l)}`),
      `   API / pgbench ${((r.api.reqPerSec / r.requestSql.tps) * 100).toFixed(0)} %; ` +
        `totals() in-process / pgbench ${((r.callers.reqPerSec / r.totalsSql.tps) * 100).toFixed(0)} %`,
      `   ${goalLine(r, connections)}`,
    ].join('\n'),
  );
}

/**
 * The goal, for the read alone: one caller's p95, and pgbench's with as many clients as
 * connections. (With n callers in a closed loop, latency is about n / rate: that measures throughput.)
 */
const goalLine = (r: SizeResult, connections: number) =>
  `goal at ${label(r.records)} records, p95 < ${GOAL_MS} ms for the totals read: ` +
  [
    goal(r.oneCaller.p95Ms < GOAL_MS, `totals() 1 caller ${ms(r.oneCaller.p95Ms)} ms`),
    goal(r.totalsSql.p95Ms < GOAL_MS, `pgbench ${connections} clients ${ms(r.totalsSql.p95Ms)} ms`),
  ].join(', ');

/** p95 of the smallest size against the largest: ratio and whether it stayed flat. */
function compare(results: SizeResult[], connections: number): string[] {
  if (results.length < 2) return [];
  const a = results[0]!;
  const b = results[results.length - 1]!;
  const line = (what: string, x: number, y: number) =>
    goal(y / x <= FLAT, `${what} p95 ${ms(x)} → ${ms(y)} ms (× ${(y / x).toFixed(2)})`);
  return [
    `p95 at ${label(a.records)} vs ${label(b.records)} records (flat: ✓ when within × ${FLAT}):`,
    line('totals() in-process, 1 caller:', a.oneCaller.p95Ms, b.oneCaller.p95Ms),
    line(`totals() in-process, ${connections} callers:`, a.callers.p95Ms, b.callers.p95Ms),
    line('pgbench totals:', a.totalsSql.p95Ms, b.totalsSql.p95Ms),
    line('API GET /api/me/records:', a.api.p95Ms, b.api.p95Ms),
    line('pgbench the request:', a.requestSql.p95Ms, b.requestSql.p95Ms),
    goalLine(b, connections),
  ];
}

async function runSize(o: BenchOptions, records: number): Promise<{ size: SizeResult; rows: PhaseResult[] }> {
  const volunteers = Math.ceil(records / PER_VOLUNTEER);
  const sessions = Math.min(SESSIONS, volunteers);
  console.log(
    `\n   -- ${label(records)}: ${records.toLocaleString('en')} records, ${volunteers.toLocaleString('en')} volunteers`,
  );
  await checkDisk(o.adminUrl, records);
  return withBenchDatabase(o.adminUrl, async ({ url, handle }) => {
    const db = handle.db;
    const appKey = randomBytes(32);
    const config = loadConfig({ YIQI_APP_KEY: appKey.toString('base64') });
    const tag = `r${randomBytes(3).toString('hex')}`;
    // Session tokens are secret + n: authenticate() wants 20 to 100 characters.
    const secret = randomBytes(12).toString('hex');
    const t = performance.now();
    const timings = await fill(db, records, volunteers, sessions, tag, secret);
    const fillSeconds = (performance.now() - t) / 1000;
    const size = await sql<{ db: number; records: number }>`SELECT pg_database_size(current_database()) AS db,
      pg_total_relation_size('service_records') AS records`.execute(db);
    const dbBytes = Number(size.rows[0]!.db);
    console.log(
      `   filled in ${fillSeconds.toFixed(1)} s (` +
        Object.entries(timings)
          .map(([k, s]) => `${k} ${s.toFixed(1)} s`)
          .join(', ') +
        `); database ${gb(dbBytes)} (pg_database_size), service_records with its indexes ` +
        `${gb(Number(size.rows[0]!.records))} (${(Number(size.rows[0]!.records) / records).toFixed(0)} bytes a record)`,
    );

    const people = await sql<{
      volunteer_id: string;
    }>`SELECT volunteer_id FROM bench_people ORDER BY n`.execute(db);
    const ids = people.rows.map((r) => r.volunteer_id);
    const sessionRows = await sql<{ n: number; user_id: string; volunteer_id: string }>`SELECT n, user_id,
      volunteer_id FROM bench_sessions ORDER BY k`.execute(db);
    const cookies = sessionRows.rows.map((r) => `yiqi_sid=${secret}${r.n}`);
    const dir = await mkdtemp(join(tmpdir(), 'yiqi-records-'));
    const app = await openPostgres(withUser(url, APP_ROLE), { max: o.connections });
    let api: Awaited<ReturnType<typeof startApi>> | undefined;
    try {
      // The statements of the totals read and of one request, as the services send them (as the app role).
      const who = sessionRows.rows[0]!;
      const token = cookies[0]!.slice('yiqi_sid='.length);
      await refreshSessions(db, tag);
      const { read, card, totalsQs, requestQs } = await captureStatements(
        url,
        config,
        who.volunteer_id,
        token,
      );
      const person = swapper({
        [`\\x${sha256(token).toString('hex')}`]: 'th',
        [who.user_id]: 'uid',
        [who.volunteer_id]: 'vid',
      });
      const totalsScript = join(dir, 'totals.sql');
      const requestScript = join(dir, 'me-records.sql');
      await writeScript(
        totalsScript,
        script(
          'totals() of a random volunteer',
          `\\set k random(1, ${volunteers})\nSELECT volunteer_id AS vid FROM bench_people WHERE n = :k \\gset`,
          totalsQs,
          person,
        ),
      );
      await writeScript(
        requestScript,
        script(
          'GET /api/me/records?pageSize=1 of a random volunteer with a session',
          `\\set k random(1, ${sessions})\n` +
            `SELECT token_hash AS th, user_id AS uid, volunteer_id AS vid FROM bench_sessions WHERE k = :k \\gset`,
          requestQs,
          person,
        ),
      );
      console.log(`   totals(): ${totalsQs.map(describe).join(', ')}`);
      console.log(`   GET /api/me/records: ${requestQs.map(describe).join(', ')}`);

      // The derived totals agree with the records they come from (for the captured volunteer).
      const year = Number(chinaDate(new Date()).slice(0, 4));
      const direct = await sql<{ minutes: number; records: number; year_minutes: number }>`SELECT
          coalesce(sum(minutes), 0)::int AS minutes, count(*)::int AS records,
          coalesce(sum(minutes) FILTER (WHERE extract(year FROM service_date) = ${year}), 0)::int AS year_minutes
        FROM service_records WHERE volunteer_id = ${who.volunteer_id} AND status = 'confirmed'`.execute(db);
      const d = direct.rows[0]!;
      verify('checks', [
        ['totals(): minutes = sum of the records', read.minutes, d.minutes],
        ['totals(): records = count of the records', read.records, d.records],
        ['totals(): this year’s minutes', read.yearMinutes, d.year_minutes],
        [
          'GET /api/me/records: one item of the total',
          `${card.items.length} of ${card.total}`,
          `1 of ${d.records}`,
        ],
      ]);

      // Plans at this size: the two totals reads (one row each), and the page and count of the records.
      for (const q of totalsQs)
        await explain(db, describe(q), scriptLine(q, () => undefined).replace(/;$/, ''));
      const page = requestQs.find((q) => /\blimit\b/i.test(q.sql) && /service_records/.test(q.sql));
      const count = requestQs.find((q) => /count\(\*\)/i.test(q.sql));
      if (page) await explain(db, 'records page', scriptLine(page, () => undefined).replace(/;$/, ''));
      if (count) await explain(db, 'records count', scriptLine(count, () => undefined).replace(/;$/, ''));

      // (a) The totals read alone.
      const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
      const oneCaller = await timeCalls(o.seconds, 1, () => totals(app.db, pick(), new Date()));
      const callers = await timeCalls(o.seconds, o.connections, () => totals(app.db, pick(), new Date()));
      const totalsSql = await runPgbench({
        databaseUrl: url,
        script: totalsScript,
        seconds: o.seconds,
        clients: o.connections,
        role: APP_ROLE,
      });

      // (b) The endpoint, a random volunteer's session per request.
      api = await startApi(url, { env: { YIQI_APP_KEY: appKey.toString('base64') } });
      const seen = await refreshSessions(db, tag);
      const http = await runAutocannon({
        origin: api.origin,
        seconds: o.seconds,
        connections: o.connections,
        requests: [
          {
            method: 'GET',
            path: '/api/me/records?pageSize=1',
            setupRequest: (req) => ({
              ...req,
              headers: { cookie: cookies[Math.floor(Math.random() * cookies.length)]! },
            }),
          },
        ],
      });
      const touches = await sessionTouches(db, tag, seen);
      const requestSql = await runPgbench({
        databaseUrl: url,
        script: requestScript,
        seconds: o.seconds,
        clients: o.connections,
        role: APP_ROLE,
      });

      const result: SizeResult = {
        records,
        volunteers,
        oneCaller,
        callers,
        totalsSql,
        api: http,
        requestSql,
        totalsStatements: totalsQs.length,
        requestStatements: requestQs.length,
        fillSeconds,
        dbBytes,
      };
      printSize(result, o.connections);
      const extra = {
        records,
        volunteers,
        sessions,
        fillSeconds,
        ...Object.fromEntries(Object.entries(timings).map(([k, s]) => [`fill_${k}Seconds`, s])),
        databaseBytes: dbBytes,
      };
      const rows: PhaseResult[] = [
        {
          scenario: 'records-totals',
          phase: `totals@${label(records)}`,
          api: callers,
          sql: totalsSql,
          ratio: callers.reqPerSec / totalsSql.tps,
          extra: {
            ...extra,
            oneCallerPerSec: oneCaller.reqPerSec,
            oneCallerP50Ms: oneCaller.p50Ms,
            oneCallerP95Ms: oneCaller.p95Ms,
            oneCallerP99Ms: oneCaller.p99Ms,
          },
          note:
            `"API" is totals() in-process, ${o.connections} callers on the API's pool (no HTTP); one caller: ` +
            `p50/p95/p99 ${ms(oneCaller.p50Ms)} / ${ms(oneCaller.p95Ms)} / ${ms(oneCaller.p99Ms)} ms`,
        },
        {
          scenario: 'records-totals',
          phase: `me-records@${label(records)}`,
          api: http,
          sql: requestSql,
          ratio: http.reqPerSec / requestSql.tps,
          extra: { ...extra, statements: requestQs.length, sessionTouches: touches },
          note:
            `${sessions.toLocaleString('en')} volunteers' sessions, one at random per request; ${requestQs.length} statements + 1 lookup ` +
            `in pgbench; sessions touched by the API during the run: ${touches}`,
        },
      ];
      return { size: result, rows };
    } finally {
      await api?.stop();
      await app.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
}

export const recordsTotals: Scenario = {
  name: 'records-totals',
  description:
    `a volunteer's totals and GET /api/me/records at ${SIZES.map(label).join(' and ')} service records ` +
    `(${PER_VOLUNTEER} per volunteer)`,
  run: async (o) => {
    const bad = SIZES.find((n) => !Number.isInteger(n) || n < PER_VOLUNTEER);
    if (bad !== undefined) throw new Error(`BENCH_RECORDS: sizes are integers of at least ${PER_VOLUNTEER}`);
    const results: SizeResult[] = [];
    const rows: PhaseResult[] = [];
    for (const records of SIZES) {
      const r = await runSize(o, records);
      results.push(r.size);
      rows.push(...r.rows);
    }
    const lines = compare(results, o.connections);
    // Printed under the runner's table, with the notes.
    if (lines.length) rows[rows.length - 1]!.note += `\n    ${lines.join('\n      ')}`;
    return rows;
  },
};
