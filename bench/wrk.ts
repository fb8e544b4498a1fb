// Each request of a set sent once (a sign-up per person), with wrk: a C load generator, the fair
// counterpart of pgbench, whose client costs microseconds per transaction. autocannon runs its JavaScript
// in the bench's own process, on the cores the API and PostgreSQL share (about a quarter of the API's own
// CPU per request on the two-core machine), so the API side paid for a dearer client than the SQL side
// (decision 0075).
// wrk runs bench/wrk-requests.lua: the requests come from a file written here, each once, and every
// response (request index, status, times, body) comes back in a file per wrk thread; the scenario's own
// response callback is then called for each, as autocannon would have. Without wrk (not installed, or
// BENCH_WRK=none) the same set goes through autocannon's `amount`, and the result says so.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cpuMeter, percentile, profileWindow, runAutocannon, type HttpResult } from './lib.ts';

export interface OnceRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** In a body, replaced by the `live` option's value at the moment the request is sent. */
export const LIVE = '{{live}}';

const SCRIPT = fileURLToPath(new URL('./wrk-requests.lua', import.meta.url));

let found: Promise<string | undefined> | undefined;
/** wrk's path (BENCH_WRK, default `wrk` on PATH), or undefined when it cannot run or BENCH_WRK=none. */
export function findWrk(): Promise<string | undefined> {
  const path = process.env.BENCH_WRK ?? 'wrk';
  // `wrk -v` prints its version and then its usage, and exits 1.
  found ??=
    path === 'none'
      ? Promise.resolve(undefined)
      : promisify(execFile)(path, ['-v']).then(
          () => path,
          (e: { stdout?: string }) => (/^wrk /.test(e.stdout ?? '') ? path : undefined),
        );
  return found;
}

/**
 * Sends every request once over `connections` and returns when each has been answered (or wrk's time
 * limit passed). The rate is 2xx responses over the wall time from the first request sent to the last
 * response; latencies are each response's own (sent → answered); `errors` counts requests that got no
 * answer. wrk threads: BENCH_WRK_THREADS (default 1; connections must divide by them).
 */
export async function sendEach(options: {
  origin: string;
  connections: number;
  requests: OnceRequest[];
  onResponse?: (status: number, body: string) => void;
  /** The API's pid: CPU per request is measured over the run (HttpResult.cpu). */
  pid?: number;
  /** The value of LIVE in bodies, asked again every 0.5 s during the run (e.g. the QR code on a screen). */
  live?: () => string;
}): Promise<HttpResult> {
  const wrk = await findWrk();
  if (!wrk) return { ...(await autocannonEach(options)), loadGenerator: 'autocannon' };
  const dir = await mkdtemp(join(tmpdir(), 'yiqi-wrk-'));
  let refresh: NodeJS.Timeout | undefined;
  try {
    return await runWrk(wrk, dir, options, (timer) => (refresh = timer));
  } finally {
    clearInterval(refresh);
    await rm(dir, { recursive: true, force: true });
  }
}

async function runWrk(
  wrk: string,
  dir: string,
  o: Parameters<typeof sendEach>[0],
  keep: (timer: NodeJS.Timeout) => void,
): Promise<HttpResult> {
  const n = o.requests.length;
  const wanted = Number(process.env.BENCH_WRK_THREADS ?? 1);
  const threads = Math.min(n, wanted);
  if (!(threads >= 1) || o.connections % threads)
    throw new Error(`BENCH_WRK_THREADS=${wanted}: ${o.connections} connections must divide by it`);
  const file = join(dir, 'requests.tsv');
  const lines = o.requests.map((r, i) => {
    const fields = [r.method, r.path, r.body ?? ''];
    for (const [k, v] of Object.entries({ ...r.headers, 'x-request-id': String(i) }))
      fields.push(`${k}: ${v}`);
    if (fields.some((f) => /[\t\r\n]/.test(f))) throw new Error(`request ${i}: a tab or line break`);
    return fields.join('\t');
  });
  await writeFile(file, lines.join('\n') + '\n');
  const live = join(dir, 'live.txt');
  if (o.live) {
    const write = async () => {
      await writeFile(`${live}.new`, o.live!());
      await rename(`${live}.new`, live); // whole, never half written, when wrk reads it
    };
    await write();
    keep(setInterval(() => void write().catch(console.error), 500));
  }

  const meter = o.pid === undefined ? undefined : await cpuMeter(o.pid);
  const startTicks = process.hrtime.bigint();
  // wrk stops only at the end of -d: a bound (20 requests/s at least), since the Lua script stops its
  // threads when their requests are answered and this process then ends the wait with SIGINT.
  const limit = Math.max(120, Math.ceil(n / 20));
  const args = [
    '-t', String(threads), '-c', String(o.connections), '-d', `${limit}s`, '--timeout', '10s', '-s', SCRIPT,
    o.origin, '--', `requests=${file}`, `out=${dir}`, `threads=${threads}`, ...(o.live ? [`live=${live}`] : []),
  ]; // prettier-ignore
  const child = spawn(wrk, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const name = `wrk, ${threads} thread${threads > 1 ? 's' : ''}`;
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const answered = new Promise<boolean>((resolve) =>
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      if (stderr.split('wrk-requests: thread done').length - 1 === threads) resolve(true);
    }),
  );
  const allAnswered = await Promise.race([answered, exited.then(() => false)]);
  // Read before wrk exits: its /proc entry holds the CPU time of its threads, finished ones included.
  const cpu = allAnswered ? await meter?.stop(n, { pid: child.pid!, name }) : undefined;
  profileWindow(startTicks);
  child.kill('SIGINT'); // ends wrk's wait for -d; it then prints done()'s summary
  const code = await exited;
  const summary = /wrk-requests-summary (\{.*\})/.exec(stdout)?.[1];
  if (!summary)
    throw new Error(`wrk exited with ${code}: ${stderr.replace(/wrk-requests: thread done\n/g, '')}`);
  const own = JSON.parse(summary) as Record<
    'requests' | 'connect' | 'read' | 'write' | 'p50Us' | 'p99Us',
    number
  >;

  const seen = new Set<number>();
  const times: number[] = [];
  let first = Infinity;
  let last = -Infinity;
  let non2xx = 0;
  for (let k = 0; k < threads; k++) {
    const text = await readFile(join(dir, `responses-${k}.tsv`), 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line) continue;
      const fields = line.split('\t');
      const [id = NaN, status = NaN, sent = NaN, received = NaN] = fields.slice(0, 4).map(Number);
      const body = fields.slice(4).join('\t');
      // The script hands out each request once and the API echoes its x-request-id: anything else is a bug here.
      if (!(id >= 0 && id < n) || seen.has(id) || !(sent > 0))
        throw new Error(`wrk: a response for request ${id} that was not sent, or twice`);
      seen.add(id);
      times.push((received - sent) / 1000);
      first = Math.min(first, sent);
      last = Math.max(last, received);
      if (!(status >= 200 && status <= 299)) non2xx++;
      o.onResponse?.(status, body);
    }
  }
  // wrk's own percentiles add samples for coordinated omission (its stats_correct()), so they are printed
  // beside the result, not used: the result's are each response's own time, as autocannon's and pgbench's.
  console.log(
    `   ${name}, ${o.connections} connections: ${seen.size} of ${n} answered` +
      `${allAnswered ? '' : ` when its ${limit} s limit passed`}; socket errors ${own.connect + own.read + own.write}; ` +
      `wrk's own p50 / p99 ${(own.p50Us / 1000).toFixed(1)} / ${(own.p99Us / 1000).toFixed(1)} ms`,
  );
  times.sort((a, b) => a - b);
  const seconds = (last - first) / 1e6;
  return {
    reqPerSec: (seen.size - non2xx) / seconds,
    p50Ms: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    p99Ms: percentile(times, 0.99),
    errors: n - seen.size,
    non2xx,
    total: n,
    seconds,
    ...(cpu ? { cpu } : {}),
    loadGenerator: 'wrk',
  };
}

/** A row's phase suffix: none with wrk, " (autocannon)" when the figures come from the fallback. */
export function generatorLabel(r: HttpResult): string {
  return r.loadGenerator === 'autocannon' ? ' (autocannon)' : '';
}

/** The same set through autocannon (`amount`: each request once, the next one whenever a connection is free). */
function autocannonEach(o: Parameters<typeof sendEach>[0]): Promise<HttpResult> {
  let i = 0;
  const first = o.requests[0]!;
  return runAutocannon({
    origin: o.origin,
    connections: o.connections,
    amount: o.requests.length,
    ...(o.pid === undefined ? {} : { pid: o.pid }),
    requests: [
      {
        method: first.method,
        path: first.path,
        setupRequest: (req) => {
          const r = o.requests[i++ % o.requests.length]!;
          const body = o.live && r.body ? r.body.replace(LIVE, () => o.live!()) : r.body;
          return {
            ...req,
            method: r.method,
            path: r.path,
            headers: r.headers,
            ...(body === undefined ? {} : { body }),
          };
        },
        ...(o.onResponse ? { onResponse: o.onResponse } : {}),
      },
    ],
  });
}
