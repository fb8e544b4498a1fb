// Scenario "web-vitals": how long the first pages take on a phone (issue 17). Headless Chromium
// (playwright-core, /usr/bin/chromium or CHROMIUM_PATH) loads each page from the API serving web/dist, with
// Chromium's slow-4G profile over CDP (1.6 Mbps down, 750 Kbps up, 150 ms latency) and the CPU slowed 4×.
// Cold: a new browser context (empty cache and cookies). Warm: a second visit in the same context.
// "Usable" is when the page's own element is visible (the list heading, the activity title, the check's
// result, the sign-in button) and no request is still in flight: the later of the two, from navigation
// start. Bytes are what crossed the network (CDP encodedDataLength: compressed size plus headers). "JS ms"
// is the main thread's time in JavaScript (CDP ScriptDuration: compiling, parsing and running, at the 4×
// slowdown; the machine's load still stretches it). "JS KB" is the JavaScript a cold visit received,
// uncompressed: what the engine parses, the same on any machine.
// Goal: cold < 3 s, warm < 1 s. No pgbench side: the figure is the browser's, printed in its own table.
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { loadConfig } from '../../server/src/lib/config.ts';
import { seedDemoActivities } from '../../server/src/demo/demo-activities.seed.ts';
import { startApi, withBenchDatabase, type PageResult, type Scenario } from '../lib.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Math.max(1, Number(process.env.BENCH_WEB_RUNS ?? 3));
const GOAL = { coldMs: 3000, warmMs: 1000 };

/** Chromium DevTools' "Slow 4G" preset, and a mid-range phone's CPU. */
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const CPU_SLOWDOWN = 4;
/** BENCH_WEB_TRACE=1: each page's first cold and warm visits print their requests (start → end ms, path), a waterfall. */
const TRACE = process.env.BENCH_WEB_TRACE === '1';
/** BENCH_WEB_PROFILE=1: each page's first warm visit is traced and its main-thread time printed by kind and script. */
const PROFILE = process.env.BENCH_WEB_PROFILE === '1';
/** BENCH_WEB_SW=0: the browser blocks service workers (to see what the shell cache is worth). */
const SERVICE_WORKERS = process.env.BENCH_WEB_SW === '0' ? 'block' : 'allow';
/** BENCH_WEB_PAGES=login,verify: only the pages whose name contains one of these. */
const ONLY = (process.env.BENCH_WEB_PAGES ?? '').split(',').filter(Boolean);

interface PageSpec {
  name: string;
  path: string;
  /** Visible once the page can be used. */
  ready: string;
}

interface Visit {
  ms: number;
  bytes: number;
  requests: number;
  /** Main-thread time running JavaScript (compile, parse and run; CDP ScriptDuration), CPU slowdown included. */
  scriptMs: number;
  /** JavaScript the page received, uncompressed (what the engine parses; the same on any machine). */
  jsBytes: number;
}

async function visit(
  context: BrowserContext,
  origin: string,
  spec: PageSpec,
  trace: 'cold' | 'warm' | false = false,
  profile = false,
): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  let bytes = 0;
  let requests = 0;
  let inFlight = 0;
  let lastDone = 0;
  const sent = new Map<string, { url: string; at: number }>();
  const scripts = new Set<string>();
  let jsBytes = 0;
  /** Where each answer came from (BENCH_WEB_TRACE): the service worker, the HTTP cache or the network. */
  const source = new Map<string, string>();
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script') scripts.add(e.requestId);
    if (trace) source.set(e.requestId, answerSource(e.response as unknown as AnswerFacts));
  });
  cdp.on('Network.dataReceived', (e: { requestId: string; dataLength: number }) => {
    if (scripts.has(e.requestId)) jsBytes += e.dataLength;
  });
  const waterfall: string[] = [];
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
    inFlight++;
    requests++;
    if (trace) sent.set(e.requestId, { url: new URL(e.request.url).pathname, at: performance.now() });
  });
  const traced = (e: { requestId: string }) => {
    const r = sent.get(e.requestId);
    if (r)
      waterfall.push(
        `${(r.at - t0).toFixed(0).padStart(6)} → ${(performance.now() - t0).toFixed(0).padStart(6)}  ${r.url}  ${source.get(e.requestId) ?? ''}`,
      );
  };
  let t0 = performance.now();
  const done = () => {
    inFlight = Math.max(0, inFlight - 1);
    lastDone = performance.now();
  };
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    traced(e);
    done();
  });
  cdp.on('Network.loadingFailed', (e: { requestId: string }) => {
    traced(e);
    done();
  });
  try {
    // When the page showed its element, seen by the page itself: Playwright's own check polls from outside
    // (at growing intervals, its script also slowed 4×), which added up to a few hundred ms after the fact.
    await page.addInitScript((selector: string) => {
      const w = window as unknown as { __yiqiShownAt?: number };
      const check = () => {
        if (w.__yiqiShownAt !== undefined) return;
        const el = document.querySelector(selector);
        const box = el?.getBoundingClientRect();
        if (box && box.width > 0 && box.height > 0)
          w.__yiqiShownAt = performance.timeOrigin + performance.now();
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
    }, spec.ready);
    const start = performance.now();
    const startWall = Date.now();
    t0 = start;
    await page.goto(origin + spec.path, { waitUntil: 'commit', timeout: 60_000 });
    await page.locator(spec.ready).first().waitFor({ state: 'visible', timeout: 60_000 });
    const shownAt = await page.evaluate(
      () => (window as unknown as { __yiqiShownAt?: number }).__yiqiShownAt,
    );
    const visible = shownAt === undefined ? performance.now() : start + (shownAt - startWall);
    // Quiet for 300 ms: what the page asked for has arrived (late chunks, the page's API call).
    for (let quiet = 0; quiet < 300;) {
      await new Promise((r) => setTimeout(r, 50));
      quiet = inFlight === 0 ? quiet + 50 : 0;
    }
    if (trace)
      console.log(
        `   ${spec.name}, ${trace}: visible at ${(visible - start).toFixed(0)} ms\n${waterfall.join('\n')}`,
      );
    if (profile) printProfile(spec.name, (await cdp.send('Profiler.stop')).profile as never);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const scriptMs = (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
    return { ms: Math.max(visible, lastDone) - start, bytes, requests, scriptMs, jsBytes };
  } finally {
    await cdp.detach().catch(() => {});
    await page.close();
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/**
 * A sampled CPU profile of one visit (the page's JavaScript, at the CPU slowdown): self time per script
 * and the heaviest functions, so the JavaScript a warm visit runs can be attributed.
 */
function printProfile(
  page: string,
  profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] },
) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000),
  );
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const f = byId.get(id)!.callFrame;
    const script = f.url.replace(/^https?:\/\/[^/]+/, '') || `(${f.functionName || 'program'})`;
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    const fn = `${f.functionName || '(anonymous)'} ${script}:${f.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `     ${ms.toFixed(0).padStart(6)} ms  ${k}`)
      .join('\n');
  console.log(
    `   ${page}, warm, JavaScript self time by script:\n${top(byScript, 10)}\n   by function:\n${top(byFunction, 16)}`,
  );
}

interface AnswerFacts {
  fromServiceWorker?: boolean;
  fromDiskCache?: boolean;
  fromPrefetchCache?: boolean;
  timing?: Record<string, number>;
}

/** "sw", "disk cache", "memory" or "network", with the service worker's and the request's phases in ms. */
function answerSource(res: AnswerFacts): string {
  const t = res.timing;
  const phase = (a: string, b: string) =>
    t && t[a]! >= 0 && t[b]! >= 0 ? `${a}→${b} ${(t[b]! - t[a]!).toFixed(0)}` : '';
  const where = res.fromServiceWorker
    ? 'sw'
    : res.fromDiskCache
      ? 'disk cache'
      : res.fromPrefetchCache
        ? 'prefetch'
        : 'network';
  return [
    where,
    phase('workerStart', 'workerReady'),
    phase('workerFetchStart', 'workerRespondWithSettled'),
    phase('sendStart', 'receiveHeadersEnd'),
  ]
    .filter(Boolean)
    .join(', ');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const webVitals: Scenario = {
  name: 'web-vitals',
  description: `first pages on a phone: slow 4G (1.6 Mbps / 750 Kbps / 150 ms) and 4× CPU, cold and warm, median of ${RUNS}`,
  async run(options) {
    if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
    if (!existsSync(WEB_DIST + 'index.html') || process.env.BENCH_WEB_BUILD === '1') {
      console.log('   building web/dist');
      execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: REPO, stdio: 'ignore' });
    }
    const assets = readdirSync(WEB_DIST + 'assets');
    console.log(
      `   web/dist/assets: ${assets.filter((f) => /\.(js|css)$/.test(f)).length} files, ` +
        `${assets.filter((f) => f.endsWith('.br')).length} precompressed .br`,
    );
    return withBenchDatabase(options.adminUrl, async ({ url, handle }) => {
      // Published activities need the application key (their notes are sealed): the API gets the same one.
      const appKey = randomBytes(32).toString('base64');
      const config = loadConfig({ ...process.env, DATABASE_URL: url, YIQI_APP_KEY: appKey });
      await seedDemoActivities(handle.db, config);
      const activity = await handle.db
        .selectFrom('activities')
        .select('id')
        .where('status', '=', 'published')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const certificate = await handle.db.selectFrom('certificates').select('number').executeTakeFirst();
      const pages: PageSpec[] = [
        // The public home (decision 0044): its list of activities; before it, the sign-in page (h3 or the button).
        { name: 'home /', path: '/', ready: '[data-testid=activity-card], [data-testid=login-submit], h3' },
        { name: '/m/activities', path: '/m/activities', ready: 'h3' },
        {
          name: 'activity detail',
          path: `/m/activities/${activity.id}`,
          ready: '[data-testid=activity-title]',
        },
        {
          // The demo has no issued certificate: a well-formed unknown number still loads the page and
          // asks the API (the "not found" result).
          name: 'verify/<number>',
          path: `/verify/${certificate?.number ?? 'YQ-2026-0000000000'}`,
          ready: '[data-testid=verify-result], [data-testid=verify-missing], .ant-result',
        },
        { name: '/login', path: '/login', ready: '[data-testid=login-submit]' },
      ];
      const api = await startApi(url, { env: { YIQI_APP_KEY: appKey } });
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking'],
      });
      const rows: PageResult[] = [];
      try {
        for (const spec of pages.filter((p) => !ONLY.length || ONLY.some((o) => p.name.includes(o)))) {
          const cold: Visit[] = [];
          const warm: Visit[] = [];
          for (let i = 0; i < RUNS; i++) {
            const context = await browser.newContext({
              locale: 'zh-CN',
              viewport: { width: 390, height: 844 },
              isMobile: true,
              hasTouch: true,
              serviceWorkers: SERVICE_WORKERS,
            });
            try {
              cold.push(await visit(context, api.origin, spec, TRACE && i === 0 && 'cold'));
              warm.push(
                await visit(context, api.origin, spec, TRACE && i === 0 && 'warm', PROFILE && i === 0),
              );
            } finally {
              await context.close();
            }
          }
          rows.push({
            scenario: 'web-vitals',
            phase: spec.name,
            coldMs: median(cold.map((v) => v.ms)),
            warmMs: median(warm.map((v) => v.ms)),
            coldBytes: median(cold.map((v) => v.bytes)),
            warmBytes: median(warm.map((v) => v.bytes)),
            coldRequests: median(cold.map((v) => v.requests)),
            warmRequests: median(warm.map((v) => v.requests)),
            coldScriptMs: median(cold.map((v) => v.scriptMs)),
            jsBytes: median(cold.map((v) => v.jsBytes)),
            warmScriptMs: median(warm.map((v) => v.scriptMs)),
          });
        }
      } finally {
        await browser.close();
        await api.stop();
      }
      printPages(rows);
      return rows;
    });
  },
};

function printPages(rows: PageResult[]) {
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  const ok = (ms: number, goal: number) => `${ms.toFixed(0)}${ms < goal ? ' ✓' : ' ✗'}`;
  const header = [
    'page',
    'cold ms',
    'warm ms',
    'cold bytes',
    'warm bytes',
    'cold/warm requests',
    'JS ms cold/warm',
    'JS KB',
  ];
  const lines = rows.map((r) => [
    r.phase,
    ok(r.coldMs, GOAL.coldMs),
    ok(r.warmMs, GOAL.warmMs),
    kb(r.coldBytes),
    kb(r.warmBytes),
    `${r.coldRequests} / ${r.warmRequests}`,
    `${(r.coldScriptMs ?? 0).toFixed(0)} / ${(r.warmScriptMs ?? 0).toFixed(0)}`,
    kb(r.jsBytes ?? 0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(
    [
      '',
      fmt(header),
      widths.map((w) => '-'.repeat(w)).join('  '),
      ...lines.map(fmt),
      `goal: cold < ${GOAL.coldMs} ms, warm < ${GOAL.warmMs} ms (✓ met, ✗ not)`,
    ].join('\n'),
  );
}
