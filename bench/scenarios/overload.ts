// Scenario "overload" (issue 12): the public activity list, GET /api/activities, with 100 connections
// (BENCH_OVERLOAD_CONNECTIONS) against one API process on PostgreSQL (pool of 20), once with load shedding
// off (LOAD_SHEDDING=0: every request queues for a connection) and once with it on (the defaults, or the
// SHED_* variables given to the bench). Prints p50/p99 of all responses and of the 200s alone, and the
// share of 503s and of timeouts (no answer within autocannon's 10 s); any other status fails the run
// ("never 500"). Then twice saturation (issue 12): the rate served without shedding is the saturation
// point; BENCH_OVERLOAD_FACTOR (2) times that rate is offered by 10 × as many connections, once without
// shedding (the queue grows as far as the clients allow) and once with it (refused at once, the served
// requests' wait bounded by SHED_MAX_DB_WAIT_MS).
import autocannon from 'autocannon';
import { percentile, startApi, withBenchDatabase, type PhaseResult, type Scenario } from '../lib.ts';

const CONNECTIONS = Number(process.env.BENCH_OVERLOAD_CONNECTIONS ?? 100);
const FACTOR = Number(process.env.BENCH_OVERLOAD_FACTOR ?? 2);
const SHED_ENV = [
  'SHED_MAX_IN_FLIGHT',
  'SHED_MAX_DB_WAITING',
  'SHED_MAX_DB_WAIT_MS',
  'SHED_MAX_EVENT_LOOP_DELAY_MS',
];

interface Phase {
  name: string;
  shedding: boolean;
  connections: number;
  /** Requests per second offered by all connections together (open rate); none: as fast as answered. */
  rate?: number;
}

interface Run {
  all: number[];
  served: number[];
  byStatus: Map<number, number>;
  errors: number;
  seconds: number;
}

async function hammer(origin: string, seconds: number, phase: Phase): Promise<Run> {
  const requests = [{ method: 'GET' as const, path: '/api/activities' }];
  const shape = {
    url: origin,
    connections: phase.connections,
    requests,
    ...(phase.rate ? { overallRate: Math.round(phase.rate) } : {}),
  };
  // Warm-up (JIT, the pool's connections), not recorded.
  await autocannon({ ...shape, duration: 1 });
  const out: Run = { all: [], served: [], byStatus: new Map(), errors: 0, seconds };
  const run = autocannon({ ...shape, duration: seconds });
  run.on('response', (_client, status, _bytes, ms) => {
    out.all.push(ms);
    if (status === 200) out.served.push(ms);
    out.byStatus.set(status, (out.byStatus.get(status) ?? 0) + 1);
  });
  const r = await run;
  out.errors = r.errors + r.timeouts;
  out.seconds = r.duration;
  out.all.sort((a, b) => a - b);
  out.served.sort((a, b) => a - b);
  return out;
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '-');

export const overload: Scenario = {
  name: 'overload',
  description: `public activity list, ${CONNECTIONS} connections, then ${FACTOR} × saturation, load shedding off and on`,
  async run(options) {
    return withBenchDatabase(options.adminUrl, async ({ url }) => {
      const rows: PhaseResult[] = [];
      const shedEnv = Object.fromEntries(
        SHED_ENV.filter((k) => process.env[k]).map((k) => [k, process.env[k]!]),
      );
      console.log(
        '   phase          requests  req/s(200)  p50/p99 all ms    p50/p99 200s ms   503 share  other',
      );
      const phases: Phase[] = [
        { name: 'no-shedding', shedding: false, connections: CONNECTIONS },
        { name: 'shedding', shedding: true, connections: CONNECTIONS },
      ];
      let saturation = 0;
      for (let i = 0; i < phases.length; i++) {
        const p = phases[i]!;
        const phase = p.name;
        const api = await startApi(url, {
          env: { LOAD_SHEDDING: p.shedding ? '1' : '0', ...shedEnv },
        });
        try {
          const r = await hammer(api.origin, options.seconds, p);
          const total = r.all.length;
          const ok = r.byStatus.get(200) ?? 0;
          const shed = r.byStatus.get(503) ?? 0;
          const other = [...r.byStatus].filter(([s]) => s !== 200 && s !== 503);
          console.log(
            `   ${phase.padEnd(13)} ${String(total).padStart(9)} ${(ok / r.seconds).toFixed(1).padStart(11)}` +
              `  ${`${ms(percentile(r.all, 0.5))} / ${ms(percentile(r.all, 0.99))}`.padStart(15)}` +
              `  ${`${ms(percentile(r.served, 0.5))} / ${ms(percentile(r.served, 0.99))}`.padStart(16)}` +
              `  ${((shed / Math.max(1, total)) * 100).toFixed(1).padStart(8)} %` +
              `  ${other.map(([s, n]) => `${s}×${n}`).join(' ') || '0'}${r.errors ? `  timeouts/errors ${r.errors}` : ''}`,
          );
          // Timeouts (autocannon's 10 s) are reported, not fatal: without shedding they are the queue's cost.
          if (other.length)
            throw new Error(
              `${phase}: only 200 and 503 may answer (got ${other.map(([s, n]) => `${s}×${n}`).join(' ')})`,
            );
          if (i === 0) {
            // The rate served with every request let in and queued: the saturation point.
            saturation = ok / r.seconds;
            const offered = { connections: CONNECTIONS * 10, rate: saturation * FACTOR };
            phases.push(
              { name: `${FACTOR}x-no-shedding`, shedding: false, ...offered },
              { name: `${FACTOR}x-shedding`, shedding: true, ...offered },
            );
          }
          const alive = await fetch(`${api.origin}/healthz`);
          if (!alive.ok) throw new Error(`${phase}: /healthz answered ${alive.status} after the run`);
          rows.push({
            scenario: 'overload',
            phase,
            api: {
              reqPerSec: ok / r.seconds,
              p50Ms: percentile(r.all, 0.5),
              p95Ms: percentile(r.all, 0.95),
              p99Ms: percentile(r.all, 0.99),
              errors: r.errors,
              non2xx: total - ok,
              total,
              seconds: r.seconds,
            },
            sql: { tps: NaN, p50Ms: NaN, p95Ms: NaN, p99Ms: NaN, avgMs: NaN, failed: 0, transactions: 0 },
            ratio: NaN,
            extra: {
              share503: shed / Math.max(1, total),
              servedP50Ms: percentile(r.served, 0.5),
              servedP99Ms: percentile(r.served, 0.99),
            },
            note:
              (p.rate
                ? `offered ${p.rate.toFixed(0)}/s (${FACTOR} × ${saturation.toFixed(0)}/s) by ${p.connections} connections; `
                : '') +
              `${((shed / Math.max(1, total)) * 100).toFixed(1)} % answered 503 SERVER_BUSY; ` +
              `200s alone p50/p99 ${ms(percentile(r.served, 0.5))} / ${ms(percentile(r.served, 0.99))} ms (no pgbench side)`,
          });
        } finally {
          await api.stop();
        }
      }
      return rows;
    });
  },
};
