// Scenario "dashboard-reads" (issue 15: console home p95 < 200 ms at province scale), the reads alone.
// The console home reads only the statistics rollups (stat_unit_counts, stat_unit_totals, stat_unit_running,
// stat_unit_periods, stat_unit_categories), never the records; their size depends on the region tree, the months of history
// and the metrics, not on the number of volunteers (a count is a number in a row). So instead of generating
// 22.3 M volunteers (hours; the `dashboard` scenario does that) this fills the rollups directly in the shape
// the refresh and the rollup consumer give a province whose every unit has every metric every month: every
// city and district of Guangdong (the parents and children the province and city pages read), ten years of
// months, every metric including the gender and birth-year breakdowns (jy:/ly: 1940–2010), values scaled
// to BENCH_DASHBOARD_VOLUNTEERS (default 22,300,000). Streets and communities are left out: the pages of the
// province and a city never read them. Then, in one run:
//   1. EXPLAIN (ANALYZE, BUFFERS) of each statement the overview issues, for the province (44) and a city
//      (4413 惠州): plan shape and execution time, and their sum (the ranking's read of decision 0061 first,
//      for comparison with its per-child lookups of decision 0064);
//   2. the API: GET /api/statistics/overview for the last 12 whole months as the province's and the city's
//      region admins (autocannon, BENCH_SECONDS, --connections);
//   3. pgbench of the same statements (one transaction = one page's reads) as yiqi_app;
// and prints p50/p95/p99 of both and the ratio API ÷ SQL.
import { randomBytes } from 'node:crypto';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openPostgres } from '../../server/src/db/database.ts';
import { prefixEnd } from '../../server/src/modules/statistics/statistics.repository.ts';
import { runAutocannon, runPgbench, startApi, withBenchDatabase, type Scenario } from '../lib.ts';
import { createStaff, staffSession } from './staff.ts';
import { APP_ROLE } from './activities.ts';
import { writeScript } from '../sql.ts';

const GOAL_MS = 200;

const PERIOD = () => {
  const now = new Date(Date.now() + 8 * 3600_000);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const from = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
  return { from, to };
};
const month = (d: string) => d.slice(0, 7);
const shift = (m: string, n: number) => {
  const d = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
};

/** The rollups of a province whose every city and district has every metric in every month. */
const FILL = (volunteers: number) => `
  CREATE TEMP TABLE u AS
    SELECT left(code, CASE level WHEN 1 THEN 2 WHEN 2 THEN 4 ELSE 6 END) AS unit, level
      FROM regions WHERE code LIKE '44%' AND level <= 3;
  CREATE TEMP TABLE m AS
    SELECT to_char(d, 'YYYY-MM') AS month FROM generate_series(date '2017-01-01',
           date_trunc('month', now()) - interval '1 month', interval '1 month') d;
  CREATE TEMP TABLE k AS
    SELECT unnest(ARRAY['joined','left','verified','verified_left','activities_held','positions_offered',
      'positions_filled','certificates_issued','orders_received','orders_decided','orders_completed_of',
      'orders_dispatched','orders_completed','ratings','ratings_good','civic_filed','civic_rectified_of',
      'civic_rectified','jg:male','jg:female','jg:unknown','lg:male','lg:female','lg:unknown',
      'orgs:social','orgs:government','orgs:enterprise','orgs:school','teams:social','teams:government',
      'teams:enterprise','teams:school']) AS metric
    UNION ALL SELECT 'jy:' || y FROM generate_series(1940, 2010) y
    UNION ALL SELECT 'ly:' || y FROM generate_series(1940, 2010) y;
  -- Per unit: a share of the province's volunteers (the province 1, a city 1/21, a district 1/125), spread
  -- over the months and metrics.
  INSERT INTO stat_unit_counts (unit, level, month, metric, value)
  SELECT u.unit, u.level, m.month, k.metric,
         greatest(1, round(${volunteers}::numeric / CASE u.level WHEN 1 THEN 1 WHEN 2 THEN 21 ELSE 125 END
                           / 120 / CASE WHEN k.metric ~ '^[jl]y:' THEN 71 ELSE 3 END))::bigint
    FROM u CROSS JOIN m CROSS JOIN k;
  INSERT INTO stat_unit_periods (unit, level, period, minutes, records, active, active_orgs, on_time, overdue)
  SELECT u.unit, u.level, p.period, 1000 + length(u.unit) * 7, 100, 50, 5, 10, 1
    FROM u CROSS JOIN (SELECT month AS period FROM m UNION SELECT DISTINCT left(month, 4) FROM m) p;
  INSERT INTO stat_unit_categories (unit, period, category, minutes, records)
  SELECT u.unit, p.period, c, 600, 10
    FROM u CROSS JOIN (SELECT month AS period FROM m UNION SELECT DISTINCT left(month, 4) FROM m) p
    CROSS JOIN unnest(ARRAY['community','environment','elderly','education','culture','health','emergency',
                            'civic','sports','none']) c;
  INSERT INTO stat_refreshes (name, refreshed_at) VALUES ('statistics.refresh', now())
    ON CONFLICT (name) DO UPDATE SET refreshed_at = now();
  INSERT INTO stat_unit_totals (unit, level, metric, value)
  SELECT unit, level, metric, sum(value) FROM stat_unit_counts GROUP BY 1, 2, 3;
  INSERT INTO stat_unit_running (unit, metric, month, value)
  SELECT unit, metric, month, sum(sum(value)) OVER (PARTITION BY unit, metric ORDER BY month)
    FROM (SELECT unit, month,
                 CASE WHEN metric IN ('joined', 'left') THEN 'registered'
                      WHEN metric = 'activities_held' THEN 'activities' ELSE 'organizations' END AS metric,
                 CASE WHEN metric = 'left' THEN -value ELSE value END AS value
            FROM stat_unit_counts
           WHERE metric IN ('joined', 'left', 'activities_held') OR metric LIKE 'orgs:%'
              OR metric LIKE 'teams:%') c
   GROUP BY unit, metric, month;`;

/**
 * The statements one overview page issues (statistics.repository.ts, statistics.service.ts), literal, for
 * EXPLAIN and pgbench. `children`: the child regions' units (the ranking's per-child lookups).
 */
function statements(code: string, level: number, from: string, to: string, children: string[]): string[] {
  const unit = code.slice(0, [0, 2, 4, 6, 9, 12][level]);
  const child = level + 1;
  const months = Array.from({ length: 12 }, (_, i) => shift(month(to), i - 11));
  const prev = Array.from({ length: 12 }, (_, i) => shift(month(to), i - 23));
  const year = month(to).slice(0, 4);
  const keys = [...new Set([...months, ...prev, year, String(Number(year) - 1)])];
  const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ');
  const since = [prev[0]!, shift(prev[11]!, -12)].sort()[0]!;
  const end = prefixEnd(unit);
  const range = `unit >= '${unit}' AND unit LIKE '${unit}%'${end ? ` AND unit < '${end}'` : ''}`;
  const running = (metric: string, cmp: string) =>
    `coalesce((SELECT r.value FROM stat_unit_running r WHERE r.unit = c.unit AND r.metric = '${metric}' AND r.month ${cmp} ORDER BY r.month DESC LIMIT 1), 0)`;
  const childCodes = children.map((u) => `('${u.padEnd(12, '0')}', ${child}::smallint)`).join(', ');
  return [
    `SELECT code, level, name, parent_code, parent_level FROM regions WHERE code = '${code}' AND level = ${level};`,
    `SELECT unit, period, minutes::float8 AS minutes, records, active, active_orgs, on_time, overdue FROM stat_unit_periods WHERE unit IN ('${unit}') AND period IN (${list(keys)});`,
    `SELECT month, metric, value::float8 AS value, false AS total FROM stat_unit_counts WHERE unit = '${unit}' AND month >= '${since}' AND metric !~ '^[jl][gy]:' UNION ALL SELECT month, metric, value::float8, false FROM stat_unit_counts WHERE unit = '${unit}' AND month > '${month(to)}' AND metric ~ '^[jl][gy]:' UNION ALL SELECT '0000-00', metric, value::float8, true FROM stat_unit_totals WHERE unit = '${unit}';`,
    `SELECT category, sum(minutes)::float8 AS minutes, sum(records)::int AS records FROM stat_unit_categories WHERE unit = '${unit}' AND period IN (${list(months)}) GROUP BY category HAVING sum(records) <> 0 ORDER BY sum(minutes) DESC, category;`,
    `SELECT DISTINCT ON (region_code, level) region_code AS code, level, population::float8 AS population FROM region_population WHERE (region_code, level) IN (('${code}', ${level}::smallint)) AND year <= ${year} ORDER BY region_code, level, year DESC;`,
    `SELECT DISTINCT ON (region_code, level) region_code AS code, level, population::float8 AS population FROM region_population WHERE (region_code, level) IN (('${code}', ${level}::smallint)) AND year <= ${Number(year) - 1} ORDER BY region_code, level, year DESC;`,
    `SELECT code, level, name FROM regions WHERE parent_code = '${code}' AND parent_level = ${level} ORDER BY code;`,
    `SELECT unit, sum(minutes)::float8 AS minutes, sum(records)::int AS records, sum(active)::int AS active FROM stat_unit_periods WHERE level = ${child} AND period IN (${list(months)}) AND ${range} GROUP BY unit;`,
    `SELECT unit, sum(minutes)::float8 AS minutes, sum(records)::int AS records, sum(active)::int AS active FROM stat_unit_periods WHERE level = ${child} AND period IN ('${year}') AND ${range} GROUP BY unit;`,
    `SELECT c.unit, ${running('registered', `<= '${month(to)}'`)}::float8 AS registered, ${running('organizations', `<= '${month(to)}'`)}::float8 AS organizations, (${running('activities', `<= '${month(to)}'`)} - ${running('activities', `< '${month(from)}'`)})::float8 AS activities FROM unnest(ARRAY[${list(children)}]::text[]) AS c(unit);`,
    `SELECT DISTINCT ON (region_code, level) region_code AS code, level, population::float8 AS population FROM region_population WHERE (region_code, level) IN (${childCodes}) AND year <= ${year} ORDER BY region_code, level, year DESC;`,
    `SELECT e.at FROM (SELECT coalesce((SELECT last_tx_id FROM record_event_consumers WHERE name = 'statistics.rollup'), '0'::xid8) AS tx, coalesce((SELECT last_id FROM record_event_consumers WHERE name = 'statistics.rollup'), 0) AS id) p JOIN record_events e ON (e.tx_id, e.id) > (p.tx, p.id) ORDER BY e.tx_id, e.id LIMIT 1;`,
    `SELECT refreshed_at FROM stat_refreshes WHERE name = 'statistics.refresh';`,
  ];
}

/** The ranking's read as decision 0061 left it (for the EXPLAIN comparison only). */
function before(code: string, level: number, from: string, to: string): string[] {
  const unit = code.slice(0, [0, 2, 4, 6, 9, 12][level]);
  const child = level + 1;
  const end = prefixEnd(unit);
  const range = `unit >= '${unit}' AND unit LIKE '${unit}%'${end ? ` AND unit < '${end}'` : ''}`;
  return [
    `SELECT t.unit, t.metric, (t.value - coalesce(m.after, 0))::float8 AS upto, coalesce(m.within, 0)::float8 AS within FROM stat_unit_totals t LEFT JOIN (SELECT unit, metric, sum(value) FILTER (WHERE month > '${month(to)}') AS after, sum(value) FILTER (WHERE month <= '${month(to)}') AS within FROM stat_unit_counts WHERE level = ${child} AND ${range} AND month >= '${month(from)}' AND metric !~ '^[jl][gy]:' AND (metric IN ('joined', 'left', 'activities_held') OR metric LIKE 'orgs:%' OR metric LIKE 'teams:%') GROUP BY unit, metric) m ON m.unit = t.unit AND m.metric = t.metric WHERE t.level = ${child} AND ${range.replaceAll('unit', 't.unit')} AND (t.metric IN ('joined', 'left', 'activities_held') OR t.metric LIKE 'orgs:%' OR t.metric LIKE 'teams:%');`,
  ];
}

export const dashboardReads: Scenario = {
  name: 'dashboard-reads',
  description:
    'console home reads at province shape: EXPLAIN ANALYZE, API p95 and a pgbench of the same SQL (ratio)',
  async run(options) {
    const volunteers = Number(process.env.BENCH_DASHBOARD_VOLUNTEERS ?? 22_300_000);
    const key = randomBytes(32);
    console.log(
      `uptime: load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(
          ' ',
        )}; rollups of Guangdong's cities and districts, values for ${volunteers.toLocaleString('en')} volunteers`,
    );
    await withBenchDatabase(options.adminUrl, async ({ url, handle }) => {
      const owner = await openPostgres(url, { max: 1 });
      const t0 = performance.now();
      try {
        await sql.raw(FILL(volunteers)).execute(owner.db);
        // The steady state: autovacuum has visited the tables (index-only scans need the visibility map).
        for (const table of [
          'stat_unit_counts',
          'stat_unit_totals',
          'stat_unit_running',
          'stat_unit_periods',
          'stat_unit_categories',
        ])
          await sql.raw(`VACUUM (ANALYZE) ${table}`).execute(owner.db);
        const n = await sql<{ rows: string; size: string }>`
          SELECT count(*)::text AS rows, pg_size_pretty(pg_total_relation_size('stat_unit_counts')) AS size
            FROM stat_unit_counts`.execute(owner.db);
        console.log(
          `   filled in ${((performance.now() - t0) / 1000).toFixed(0)} s: stat_unit_counts ${Number(n.rows[0]!.rows).toLocaleString('en')} rows, ${n.rows[0]!.size}`,
        );
        const { from, to } = PERIOD();
        // The child regions' units, as the ranking passes them (statistics.service.ts childRanking).
        const childrenOf = async (code: string, level: number) =>
          (
            await sql<{ code: string }>`
              SELECT code FROM regions WHERE parent_code = ${code} AND parent_level = ${level}
               ORDER BY code`.execute(owner.db)
          ).rows.map((r) => r.code.slice(0, [0, 2, 4, 6, 9, 12][level + 1]));
        const children = {
          1: await childrenOf('440000000000', 1),
          2: await childrenOf('441300000000', 2),
        };
        for (const [code, level, name] of [
          ['440000000000', 1, 'province 44'],
          ['441300000000', 2, 'city 4413'],
        ] as const) {
          console.log(
            `   EXPLAIN ANALYZE, ${name} (first: the ranking's read as decision 0061 left it; then the page's ${statements(code, level, from, to, children[level]).length} statements):`,
          );
          let total = 0;
          let first = true;
          for (const q of [
            ...before(code, level, from, to),
            ...statements(code, level, from, to, children[level]),
          ]) {
            const plan = await sql
              .raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q}`)
              .execute(owner.db);
            const lines = plan.rows.map((r) => r['QUERY PLAN']);
            const exec = lines.find((l) => l.startsWith('Execution Time')) ?? '';
            if (!first) total += Number(/([\d.]+) ms/.exec(exec)?.[1] ?? 0);
            first = false;
            const scan = lines.find((l) => /Scan/.test(l))?.trim() ?? lines[0]!.trim();
            console.log(`     ${exec.padEnd(28)} ${scan.slice(0, 110)}  ← ${q.slice(0, 60)}…`);
          }
          console.log(`     the page's statements together: ${total.toFixed(1)} ms of execution`);
        }
        const province = await createStaff(handle.db, key, 'bench-gd', 'region_admin', {
          region: '440000000000',
        });
        const city = await createStaff(handle.db, key, 'bench-hz', 'region_admin', {
          region: '441300000000',
        });
        const api = await startApi(url, { env: { YIQI_APP_KEY: key.toString('base64') } });
        const rows: string[] = [];
        try {
          for (const [code, level, staff, name] of [
            ['440000000000', 1, province, 'province 44'],
            ['441300000000', 2, city, 'city 4413'],
          ] as const) {
            const cookie = await staffSession(api.origin, staff);
            const path = `/api/statistics/overview?region=${code}&level=${level}&from=${from}&to=${to}`;
            const probe = await fetch(api.origin + path, { headers: { cookie } });
            if (!probe.ok) throw new Error(`overview: ${probe.status} ${await probe.text()}`);
            const a = await runAutocannon({
              origin: api.origin,
              connections: options.connections,
              seconds: options.seconds,
              requests: [{ method: 'GET', path, headers: { cookie } }],
            });
            const script = join(tmpdir(), `yiqi-dashboard-reads-${level}.sql`);
            await writeScript(script, statements(code, level, from, to, children[level]).join('\n'));
            const s = await runPgbench({
              databaseUrl: url,
              script,
              seconds: options.seconds,
              clients: options.connections,
              role: APP_ROLE,
            });
            const f = (v: number) => v.toFixed(1);
            rows.push(
              [
                name,
                `${f(a.p50Ms)} / ${f(a.p95Ms)} / ${f(a.p99Ms)} (${a.reqPerSec.toFixed(0)}/s, non-2xx ${a.non2xx + a.errors})`,
                `${f(s.p50Ms)} / ${f(s.p95Ms)} / ${f(s.p99Ms)} (${s.tps.toFixed(0)}/s)`,
                `${(a.reqPerSec / s.tps).toFixed(2)} (throughput), ${(a.p95Ms / s.p95Ms).toFixed(2)} (p95)`,
                `${a.p95Ms < GOAL_MS ? '✓' : '✗'} p95 < ${GOAL_MS} ms`,
              ].join(' | '),
            );
          }
        } finally {
          await api.stop();
        }
        console.log(
          `\npage | API p50/p95/p99 ms | SQL (pgbench, same statements) p50/p95/p99 ms | API ÷ SQL | goal`,
        );
        for (const r of rows) console.log(r);
        console.log(`load average at the end: ${loadavg()[0]!.toFixed(2)}`);
      } finally {
        await owner.close();
      }
    });
    return [];
  },
};
