import { execFile, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { openPostgres, withUser, type OpenDatabase } from '../server/src/db/database.ts';
import { prepare } from '../server/src/prepare.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));

/** What a scenario gets from the runner. */
export interface BenchOptions {
  /** A database on the cluster to connect to for CREATE/DROP DATABASE (the bench never touches it otherwise). */
  adminUrl: string;
  /** Length of each measured phase. */
  seconds: number;
  /** HTTP connections for autocannon, and clients for pgbench: the same concurrency on both sides. */
  connections: number;
}

export interface HttpResult {
  /** 2xx responses per second: failed requests do not count as throughput. */
  reqPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Socket errors and timeouts. */
  errors: number;
  non2xx: number;
  total: number;
  /** Wall time of the measured run. */
  seconds?: number;
  /** CPU time per request during the measured run, when the API's pid was given (cpuMeter). */
  cpu?: CpuPerRequest;
  /** What sent the requests, when a scenario can use more than one (bench/wrk.ts): `wrk` or `autocannon`. */
  loadGenerator?: string;
}

/**
 * Milliseconds of CPU per request: the API process (user + system, from /proc/<pid>/stat), the load
 * generator (this process, where autocannon runs, or wrk's process: bench/wrk.ts) and the whole machine
 * (every core's busy time from /proc/stat: PostgreSQL's backends, and whatever else runs beside the bench).
 */
export interface CpuPerRequest {
  apiMs: number;
  /** Of apiMs, the time in the kernel (socket reads and writes: to PostgreSQL over TCP, the HTTP answers). */
  apiSystemMs: number;
  benchMs: number;
  /** Of benchMs, the time in the kernel (on loopback, sending also delivers to the receiving socket). */
  benchSystemMs: number;
  machineMs: number;
  /** The load generator's name when it is not autocannon in this process. */
  generator?: string;
}

/** Ticks of /proc (USER_HZ: 100 on Linux everywhere in practice). */
const TICK_MS = 10;

async function processCpuMs(pid: number): Promise<{ total: number; system: number }> {
  // Fields after the command name (which may contain spaces): state is the 3rd field, utime the 14th.
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const system = Number(f[12]) * TICK_MS;
  return { total: Number(f[11]) * TICK_MS + system, system };
}

async function machineBusyMs(): Promise<number> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!;
  // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
  const [user, nice, system, , , irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) * TICK_MS;
}

/**
 * Starts measuring CPU (see CpuPerRequest); `stop(requests)` gives the time per request since start. With
 * `generator`, the load generator is that process, started after the meter (all its CPU time counts), and
 * `stop` must be called while it still runs.
 */
export async function cpuMeter(pid: number) {
  const start = { api: await processCpuMs(pid), bench: process.cpuUsage(), machine: await machineBusyMs() };
  return {
    async stop(requests: number, generator?: { pid: number; name: string }): Promise<CpuPerRequest> {
      const self = process.cpuUsage(start.bench);
      const bench = generator
        ? await processCpuMs(generator.pid)
        : { total: (self.user + self.system) / 1000, system: self.system / 1000 };
      const n = Math.max(1, requests);
      const api = await processCpuMs(pid);
      return {
        apiMs: (api.total - start.api.total) / n,
        apiSystemMs: (api.system - start.api.system) / n,
        benchMs: bench.total / n,
        benchSystemMs: bench.system / n,
        machineMs: ((await machineBusyMs()) - start.machine) / n,
        ...(generator ? { generator: generator.name } : {}),
      };
    },
  };
}

/** The CPU line of a scenario's note. */
export function cpuNote(cpu: CpuPerRequest | undefined): string {
  if (!cpu) return '';
  return (
    `CPU per request: API process ${cpu.apiMs.toFixed(2)} ms (kernel ${cpu.apiSystemMs.toFixed(2)}), load generator${cpu.generator ? ` (${cpu.generator})` : ''} ${cpu.benchMs.toFixed(2)} ms (kernel ${cpu.benchSystemMs.toFixed(2)}), ` +
    `whole machine ${cpu.machineMs.toFixed(2)} ms (PostgreSQL and anything else running)`
  );
}

export interface SqlResult {
  tps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  avgMs: number;
  failed: number;
  transactions: number;
}

/** One line of the report: an endpoint through the API, and the same SQL through pgbench. */
export interface PhaseResult {
  scenario: string;
  phase: string;
  api: HttpResult;
  sql: SqlResult;
  /** api.reqPerSec / sql.tps. */
  ratio: number;
  /**
   * The minimal transaction of the same work through pgbench (`<scenario>.minimal.sql`, next to the
   * scenario): what the database alone could do, the floor for the API's own SQL.
   */
  minimal?: SqlResult;
  /** Work outside SQL that bounds the API, e.g. argon2 verifications per second on one core. */
  extra?: Record<string, number>;
  /** One line printed under the table: how to read this row. */
  note?: string;
}

/** A one-shot job measured end to end through the API (e.g. an import), and the same SQL done directly. */
export interface JobResult {
  scenario: string;
  phase: string;
  rows: number;
  apiSeconds: number;
  /** The job's SQL alone, done directly with the same statements. */
  rawSeconds: number;
  /** apiSeconds / rawSeconds. */
  ratio: number;
  /** Peak resident memory of the API process (VmHWM), and what it was before the job. */
  peakRssMb: number;
  rssBeforeMb: number;
  extra?: Record<string, number>;
  note?: string;
}

/** A page loaded in a throttled browser (web-vitals): time until usable and bytes over the network. */
export interface PageResult {
  scenario: string;
  phase: string;
  coldMs: number;
  warmMs: number;
  coldBytes: number;
  warmBytes: number;
  coldRequests: number;
  warmRequests: number;
  /** Main-thread JavaScript time (CDP Performance ScriptDuration, with the CPU slowdown), when measured. */
  coldScriptMs?: number;
  warmScriptMs?: number;
  /** JavaScript a cold visit received, uncompressed. */
  jsBytes?: number;
}

/** The same pgbench script on the schema before and after a change (printed by its scenario). */
export interface BeforeAfterResult {
  scenario: string;
  phase: string;
  clients: number;
  before: SqlResult;
  after: SqlResult;
  /** after.tps / before.tps. */
  ratio: number;
  note?: string;
}

export interface Scenario {
  name: string;
  description: string;
  /**
   * Rows of the shared tables; PageResult and BeforeAfterResult rows are printed by their scenario and
   * only kept in the JSON.
   */
  run(options: BenchOptions): Promise<(PhaseResult | JobResult | PageResult | BeforeAfterResult)[]>;
}

// Ctrl-C must not leave a database or a server behind: cleanups also run on SIGINT, newest first (the
// server stops before its database is dropped). Each runs once, whoever calls it first.
const cleanups = new Set<() => Promise<void>>();
export function onCleanup(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  const once = () => (running ??= fn().finally(() => cleanups.delete(once)));
  cleanups.add(once);
  return once;
}
process.once('SIGINT', async () => {
  console.error('\ninterrupted: cleaning up');
  for (const cleanup of [...cleanups].reverse()) await cleanup().catch((e) => console.error(e));
  process.exit(130);
});

/**
 * Creates yiqi_bench_<random>, migrates it and loads regions and the demo accounts (as the owner), runs
 * `fn`, then drops the database whatever happened.
 */
export async function withBenchDatabase<T>(
  adminUrl: string,
  fn: (db: { url: string; handle: OpenDatabase }) => Promise<T>,
): Promise<T> {
  let handle: OpenDatabase | undefined;
  const { url, drop } = await throwawayDatabase(adminUrl, 'yiqi_bench', () => handle);
  try {
    handle = await openPostgres(url, { max: 4 });
    await prepare(handle, { demo: true });
    return await fn({ url, handle });
  } finally {
    await drop();
  }
}

/**
 * Creates the empty database `<prefix>_<random>` on the admin URL's server; `drop` (also run on Ctrl-C)
 * closes the handle `opened` gives, if any, and drops the database.
 */
export async function throwawayDatabase(
  adminUrl: string,
  prefix: string,
  opened: () => OpenDatabase | undefined,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  // BENCH_KEEP_DB=1 (not on Ctrl-C): the database stays for EXPLAIN afterwards; drop it by hand.
  const keep = process.env.BENCH_KEEP_DB === '1';
  let interrupted = true;
  const drop = onCleanup(async () => {
    // Closing waits for queries in flight, so not forever; FORCE ends whatever connection is still open.
    await Promise.race([opened()?.close(), delay(3000)]).catch(() => {});
    if (keep && !interrupted) {
      console.log(`   BENCH_KEEP_DB=1: database ${name} kept (DROP DATABASE ${name} when done)`);
      return;
    }
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  const finish = async () => {
    interrupted = false;
    await drop();
  };
  return { url: url.href, drop: finish };
}

/**
 * Starts the API in a child process (bench/server.ts) on a free port. A child rather than in-process so
 * the server's event loop does not share a thread with autocannon, which would cap and skew both.
 */
export async function startApi(
  databaseUrl: string,
  options: { env?: Record<string, string> } = {},
): Promise<{ origin: string; pid: number; stop(): Promise<void> }> {
  const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
    cwd: REPO,
    // BENCH_API_NODE_ARGS, e.g. --max-old-space-size=256, to see how the API fares with a smaller heap.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      // The API logs in as its own role, as in production (the bench's URL is the owner's).
      DATABASE_URL: withUser(databaseUrl, 'yiqi_app'),
      // Login is rate limited per IP, and every bench request comes from 127.0.0.1.
      LOGIN_RATE_PER_MINUTE: '100000000',
      // A throwaway key, so the server does not create data/app.key.
      YIQI_APP_KEY: randomBytes(32).toString('base64'),
      // The scenarios measure how fast every request is served, and check that none failed: no shedding,
      // except where a scenario turns it on (overload).
      LOAD_SHEDDING: '0',
      ...options.env,
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`API server exited early (code ${code})`)));
    });
    return { origin: `http://127.0.0.1:${port}`, pid: child.pid!, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Resident memory of a process from /proc (Linux): current (VmRSS) and peak (VmHWM), in MB. */
export async function processMemory(pid: number): Promise<{ rssMb: number; peakMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/**
 * Runs autocannon for `seconds` after an unrecorded one-second warm-up (JIT, pool connections); or, with
 * `amount`, sends exactly that many requests and stops. Requests that may be sent only once (a sign-up per
 * person) cannot be spent on a warm-up, so with `amount` there is none: the caller warms up with others.
 * The rate is then 2xx responses over the wall time from the start to the last response (autocannon's
 * own duration waits for its next one-second tick).
 */
export async function runAutocannon(options: {
  origin: string;
  connections: number;
  requests: autocannon.Request[];
  seconds?: number;
  amount?: number;
  /** The API's pid: CPU per request is measured over the run (HttpResult.cpu). */
  pid?: number;
}): Promise<HttpResult> {
  const base = { url: options.origin, connections: options.connections, requests: options.requests };
  if (options.amount === undefined) await autocannon({ ...base, duration: 1 });
  // Every response time, for percentiles autocannon does not report (p95).
  const times: number[] = [];
  const meter = options.pid === undefined ? undefined : await cpuMeter(options.pid);
  const startTicks = process.hrtime.bigint();
  const start = performance.now();
  let last = start;
  const run = autocannon(
    options.amount === undefined
      ? { ...base, duration: options.seconds ?? 10 }
      : { ...base, amount: options.amount, timeout: 60 },
  );
  run.on('response', (_client, _status, _bytes, ms) => {
    times.push(ms);
    last = performance.now();
  });
  const r = await run;
  const cpu = await meter?.stop(r.requests.total);
  profileWindow(startTicks);
  times.sort((a, b) => a - b);
  const seconds = options.amount === undefined ? r.duration : (last - start) / 1000;
  return {
    reqPerSec: r['2xx'] / seconds,
    p50Ms: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    p99Ms: percentile(times, 0.99),
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
    seconds,
    ...(cpu ? { cpu } : {}),
  };
}

/**
 * With BENCH_API_NODE_ARGS=--cpu-prof: prints the run's window (from `startTicks`, process.hrtime.bigint(),
 * to now) on the monotonic clock V8's profiles use (µs), to keep only the measured requests of the API's
 * profile (start-up and the pgbench phases left out).
 */
export function profileWindow(startTicks: bigint) {
  const micros = (ns: bigint) => String(ns / 1000n);
  if (process.env.BENCH_API_NODE_ARGS?.includes('--cpu-prof'))
    console.log(`   profile window ${micros(startTicks)}-${micros(process.hrtime.bigint())}`);
}

export function percentile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
}

/**
 * Runs a pgbench custom script in extended query mode (parse/bind/execute per statement, as node-postgres
 * sends parameterised queries). Percentiles come from pgbench's per-transaction log.
 */
export async function runPgbench(options: {
  databaseUrl: string;
  script: string;
  /** Run for this long (-T), or: */
  seconds?: number;
  /** this many transactions per client (-t), e.g. when each transaction uses up a prepared row. */
  transactions?: number;
  clients: number;
  variables?: Record<string, string | number>;
  /** Role to SET at connection start, like the API's pool does. */
  role?: string;
  /**
   * pgbench's query mode: `extended` (default: each statement parsed and planned every time, as an
   * unnamed statement) or `prepared` (each parsed once per client), for scripts of statements the API
   * itself sends as named prepared statements (db/compiled.ts), so both sides pay the same.
   */
  mode?: 'extended' | 'prepared';
}): Promise<SqlResult> {
  const url = new URL(options.databaseUrl);
  const logDir = await mkdtemp(join(tmpdir(), 'yiqi-pgbench-'));
  const args = [
    '-n',
    '-M', options.mode ?? 'extended',
    '-c', String(options.clients),
    '-j', '1',
    ...(options.transactions ? ['-t', String(options.transactions)] : ['-T', String(options.seconds ?? 10)]),
    '-f', options.script,
    '-l', `--log-prefix=${join(logDir, 'tx')}`,
    ...Object.entries(options.variables ?? {}).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
    '-h', url.hostname,
    '-p', url.port || '5432',
    '-U', decodeURIComponent(url.username || 'postgres'),
    decodeURIComponent(url.pathname.slice(1)),
  ]; // prettier-ignore
  const env = {
    ...process.env,
    ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}),
    ...(options.role ? { PGOPTIONS: `-c role=${options.role}` } : {}),
  };
  try {
    const { stdout } = await promisify(execFile)(process.env.PGBENCH ?? 'pgbench', args, { env });
    const num = (re: RegExp) => Number(re.exec(stdout)?.[1] ?? NaN);
    const latencies: number[] = [];
    for (const file of await readdir(logDir)) {
      // Each line: client_id transaction_no time_us script_no epoch epoch_us
      for (const line of (await readFile(join(logDir, file), 'utf8')).split('\n')) {
        const micros = line.split(' ')[2];
        if (micros && /^\d+$/.test(micros)) latencies.push(Number(micros) / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    return {
      tps: num(/tps = ([\d.]+)/),
      p50Ms: percentile(latencies, 0.5),
      p95Ms: percentile(latencies, 0.95),
      p99Ms: percentile(latencies, 0.99),
      avgMs: num(/latency average = ([\d.]+) ms/),
      failed: num(/number of failed transactions: (\d+)/),
      transactions: num(/number of transactions actually processed: (\d+)/),
    };
  } finally {
    await rm(logDir, { recursive: true, force: true });
  }
}
