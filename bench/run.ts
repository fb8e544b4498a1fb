// Benchmark harness: each scenario drives endpoints through the API with autocannon (wrk for the write
// scenarios: bench/wrk.ts) and the same SQL with pgbench on the same PostgreSQL, then prints both and
// their ratio.
//   npm run bench [-- <scenario>]     (default: every scenario)
// Environment: BENCH_PG_URL (a database to connect to for CREATE/DROP DATABASE, default
// postgres://postgres@127.0.0.1:5432/postgres), BENCH_SECONDS per phase (default 10, at most 20),
// BENCH_CONNECTIONS (default 8), PGBENCH (path of pgbench when not on PATH), BENCH_SHOW_SCRIPTS=1 (print
// the pgbench scripts generated from captured statements); sizes per scenario: bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchOptions, JobResult, PhaseResult, Scenario } from './lib.ts';
import { auditAppend } from './scenarios/audit-append.ts';
import { importBench } from './scenarios/import-100k.ts';
import { importHoursBench } from './scenarios/import-hours-100k.ts';
import { loginMe } from './scenarios/login-me.ts';
import { checkinStorm } from './scenarios/checkin-storm.ts';
import { recordsTotals } from './scenarios/records-totals.ts';
import { certificatePdf } from './scenarios/certificate-pdf.ts';
import { searchBench } from './scenarios/search-1m.ts';
import { signupRush } from './scenarios/signup-rush.ts';
import { webVitals } from './scenarios/web-vitals.ts';
import { overload } from './scenarios/overload.ts';
import { notifications } from './scenarios/notifications.ts';
import { dispatchCandidates } from './scenarios/dispatch-candidates.ts';
import { timebankTransfers } from './scenarios/timebank-transfers.ts';
import { dashboard } from './scenarios/dashboard.ts';
import { dashboardReads } from './scenarios/dashboard-reads.ts';
import { stationsNearby } from './scenarios/stations-nearby.ts';

const SCENARIOS: Scenario[] = [
  loginMe,
  importBench,
  importHoursBench,
  searchBench,
  signupRush,
  checkinStorm,
  recordsTotals,
  certificatePdf,
  webVitals,
  auditAppend,
  overload,
  notifications,
  dispatchCandidates,
  timebankTransfers,
  dashboard,
  dashboardReads,
  stationsNearby,
];

const wanted = process.argv[2];
const selected = wanted ? SCENARIOS.filter((s) => s.name === wanted) : SCENARIOS;
if (!selected.length) {
  console.error(`unknown scenario "${wanted}"; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const options: BenchOptions = {
  adminUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  seconds: Math.min(20, Math.max(1, Number(process.env.BENCH_SECONDS ?? 10))),
  connections: Math.max(1, Number(process.env.BENCH_CONNECTIONS ?? 8)),
};

const n = (v: number, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '-');

function printTable(rows: PhaseResult[]) {
  const minimal = rows.some((r) => r.minimal);
  const header = [
    'scenario',
    'API req/s',
    'API p50/p95/p99 ms',
    'errors/non-2xx',
    'pgbench tps',
    'pgbench p50/p95/p99 ms',
    'API/pgbench',
    ...(minimal ? ['minimal tps', 'minimal p50/p95/p99 ms', 'API/minimal'] : []),
    'argon2/s (1 core)',
  ];
  const lines = rows.map((r) => [
    `${r.scenario}:${r.phase}`,
    n(r.api.reqPerSec, 1),
    `${n(r.api.p50Ms, 1)} / ${n(r.api.p95Ms, 1)} / ${n(r.api.p99Ms, 1)}`,
    `${r.api.errors} / ${r.api.non2xx}`,
    n(r.sql.tps, 1),
    `${n(r.sql.p50Ms, 2)} / ${n(r.sql.p95Ms, 2)} / ${n(r.sql.p99Ms, 2)}`,
    `${(r.ratio * 100).toFixed(1)} %`,
    ...(minimal
      ? r.minimal
        ? [
            n(r.minimal.tps, 1),
            `${n(r.minimal.p50Ms, 2)} / ${n(r.minimal.p95Ms, 2)} / ${n(r.minimal.p99Ms, 2)}`,
            `${((100 * r.api.reqPerSec) / r.minimal.tps).toFixed(1)} %`,
          ]
        : ['-', '-', '-']
      : []),
    n(r.extra?.argon2PerSecOneCore ?? NaN, 1),
  ]);
  printLines(header, lines);
  for (const r of rows) {
    if (r.sql.failed) console.log(`  ${r.scenario}:${r.phase}: ${r.sql.failed} pgbench transactions failed`);
    if (r.note) console.log(`  ${r.scenario}:${r.phase}: ${r.note}`);
  }
}

function printLines(header: string[], lines: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(['', fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n'));
}

/** One-shot jobs: wall time and rows/s through the API and directly, and the API process's memory. */
function printJobs(rows: JobResult[]) {
  const header = [
    'scenario',
    'rows',
    'API s',
    'API rows/s',
    'raw SQL s',
    'raw rows/s',
    'API/raw time',
    'API RSS before/peak MB',
  ];
  const lines = rows.map((r) => [
    `${r.scenario}:${r.phase}`,
    String(r.rows),
    n(r.apiSeconds, 1),
    n(r.rows / r.apiSeconds),
    n(r.rawSeconds, 1),
    n(r.rows / r.rawSeconds),
    `${n(r.ratio, 1)} ×`,
    `${n(r.rssBeforeMb)} / ${n(r.peakRssMb)}`,
  ]);
  printLines(header, lines);
  for (const r of rows) if (r.note) console.log(`  ${r.scenario}:${r.phase}: ${r.note}`);
}

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
let failed = false;
for (const scenario of selected) {
  // Other work on the machine skews every figure: the 1-minute load average is printed and kept.
  const loadBefore = Number(loadavg()[0]!.toFixed(2));
  console.log(
    `\n== ${scenario.name}: ${scenario.description}\n   ${options.seconds} s per phase, ${options.connections} connections/clients, ` +
      `${availableParallelism()} cores, load average ${loadBefore}` +
      (process.env.BENCH_TOPOLOGY ? `\n   ${process.env.BENCH_TOPOLOGY}` : ''),
  );
  try {
    const rows = await scenario.run(options);
    const phases = rows.filter((r): r is PhaseResult => 'api' in r);
    const jobs = rows.filter((r): r is JobResult => 'apiSeconds' in r);
    if (phases.length) printTable(phases);
    if (jobs.length) printJobs(jobs);
    const date = new Date().toISOString().replace(/:/g, '-').replace(/\..*/, '');
    const file = `${resultsDir}${scenario.name}-${date}.json`;
    const machine = {
      cpus: availableParallelism(),
      cpu: cpus()[0]?.model,
      node: process.version,
      loadBefore,
      topology:
        process.env.BENCH_TOPOLOGY ?? 'shared: API, load generator, pgbench and PostgreSQL on every core',
    };
    writeFileSync(
      file,
      JSON.stringify(
        { date: new Date().toISOString(), options: { ...options, adminUrl: undefined }, machine, rows },
        null,
        2,
      ) + '\n',
    );
    console.log(`\nwritten ${file}`);
  } catch (e) {
    failed = true;
    console.error(`${scenario.name} failed:`, e);
  }
}
process.exit(failed ? 1 : 0);
