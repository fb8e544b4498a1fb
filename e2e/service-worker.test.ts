// The service worker of the light public pages (issue 17, docs/decisions/0057-warm-visits.md): after a
// first visit it serves their shell (index.html and its files) from its cache, so a return visit starts
// without the network (shown here by stopping the server); it never keeps an API answer; and a deploy's
// index.html replaces the old one: the first visit after it still gets the old shell (stale while the
// browser fetches the new sw.js), the next one the new index.html, and the old shell is deleted.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { closeAllBrowsers, launchBrowser, ROOT, type Browser } from './support.ts';

/** A copy of web/dist as it would be after deploying a build whose index.html differs (a marker added). */
function nextBuild(from: string): { dir: string; version: string } {
  const dir = mkdtempSync(join(tmpdir(), 'yiqi-dist-next-'));
  cpSync(from, dir, { recursive: true });
  const html = readFileSync(join(dir, 'index.html'), 'utf8').replace(
    '<head>',
    '<head><meta name="yiqi-build" content="next">',
  );
  writeFileSync(join(dir, 'index.html'), html);
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const shell = JSON.parse(/const SHELL = (\{.*\});/.exec(sw)![1]!) as { version: string; indexHash: string };
  const next = {
    ...shell,
    version: shell.version + 'n',
    indexHash: createHash('sha256').update(html).digest('hex'),
  };
  writeFileSync(
    join(dir, 'sw.js'),
    sw.replace(/const SHELL = \{.*\};/, `const SHELL = ${JSON.stringify(next)};`),
  );
  // The server would send the precompressed copies of the old build's files.
  for (const f of ['index.html.br', 'index.html.gz', 'sw.js.br', 'sw.js.gz'])
    rmSync(join(dir, f), { force: true });
  return { dir, version: next.version };
}

const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

/** Which worker and cache answered a navigation, and what the server and the caches hold now (a failure's evidence). */
async function whoAnswered(page: Page, res: Response | null): Promise<string> {
  const state = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    const caches_ = await Promise.all(
      (await caches.keys()).map(async (name) => {
        const cache = await caches.open(name);
        const index = await cache.match('/');
        const text = index ? await index.text() : '';
        return `${name}: ${(await cache.keys()).length} entries, index ${text.includes('yiqi-build') ? 'next' : text ? 'first' : 'none'}`;
      }),
    );
    const server = await fetch('/', { cache: 'no-store' }).then((r) => r.text());
    return {
      controller: navigator.serviceWorker.controller?.state ?? 'none',
      active: reg?.active?.state ?? 'none',
      waiting: reg?.waiting?.state ?? 'none',
      installing: reg?.installing?.state ?? 'none',
      caches: caches_,
      server: server.includes('yiqi-build') ? 'next' : 'first',
    };
  });
  return JSON.stringify({
    status: res?.status(),
    fromServiceWorker: res?.fromServiceWorker(),
    etag: res?.headers()['etag'],
    ...state,
  });
}
const build = (page: Page) =>
  page.evaluate(() => document.querySelector('meta[name=yiqi-build]')?.getAttribute('content') ?? 'first');

describe('service worker', () => {
  const dist = join(ROOT, 'web', 'dist');
  let app: TestApp | undefined;
  let browser: Browser;
  let next: { dir: string; version: string };
  let port = 0;
  /** The visitor's tab, kept from the first test to the deploy. */
  let page: Page | undefined;
  let templateDir: string | undefined;

  /** A server on the same address each time (the service worker belongs to its origin). */
  /** Every request each server saw, in order (a failure's evidence: which build answered what, and when). */
  const served: string[] = [];
  const t0 = Date.now();
  async function serve(webDist: string) {
    app = await startTestApp({ webDist });
    const build = webDist === dist ? 'first' : 'next';
    const server = app.app.server;
    server.on('request', (req: { url?: string }) =>
      served.push(
        `+${Date.now() - t0} ms ${build} server: ${req.url}${server.listening ? '' : ' (after close)'}`,
      ),
    );
    const url = await app.app.listen({ port, host: '127.0.0.1' });
    port = Number(new URL(url).port);
    return url;
  }

  before(async () => {
    // An in-process server on an embedded database (the API is barely used): the test harness's
    // migrated template, made here since `npm run e2e` makes none.
    if (!process.env.YIQI_TEST_PGLITE_TEMPLATE) {
      templateDir = mkdtempSync(join(tmpdir(), 'yiqi-sw-'));
      const file = join(templateDir, 'template.tar');
      const made = spawnSync('npx', ['tsx', 'scripts/test-template.ts', 'pglite', file], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      assert.equal(made.status, 0, 'the database template');
      process.env.YIQI_TEST_PGLITE_TEMPLATE = file;
    }
    next = nextBuild(dist);
    browser = await launchBrowser({ width: 390, height: 844 });
  });
  after(async () => {
    await closeAllBrowsers();
    await app?.close();
    rmSync(next.dir, { recursive: true, force: true });
    if (templateDir) rmSync(templateDir, { recursive: true, force: true });
  });

  let origin = '';

  test('keeps the light pages’ shell and no API answer; opens a light page with the server down', async () => {
    origin = await serve(dist);
    page = await browser.context.newPage();
    await page.goto(origin + '/m/activities');
    await page.locator('h3').first().waitFor();
    // Registered after the page loaded; it installs (caching the shell) and takes over this page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    const [first] = await cacheNames(page);
    assert.match(first ?? '', /^yiqi-shell-/);
    const kept = await page.evaluate(async (name) => {
      const cache = await caches.open(name);
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    }, first!);
    assert.ok(kept.includes('/'), 'index.html is kept');
    assert.ok(
      kept.some((p) => /^\/assets\/public-.+\.js$/.test(p)),
      'the light pages’ chunk is kept',
    );
    assert.deepEqual(
      kept.filter((p) => p.startsWith('/api/')),
      [],
      'no API answer is kept',
    );

    // The server is down: a light page still opens, from the kept shell (a visitor needs no API to sign in).
    await app!.close();
    app = undefined;
    await page.goto(origin + '/login');
    await page.getByTestId('login-submit').waitFor();
    assert.equal(await build(page), 'first');
  });

  test('takes a deploy’s index.html', async () => {
    assert.ok(page, 'the first test left the visitor’s tab');
    // A deploy: the first visit after it gets the kept shell while the browser installs the new one …
    await serve(next.dir);
    await page.goto(origin + '/login');
    await page.getByTestId('login-submit').waitFor();
    // Awaited here, not with waitForFunction: it does not wait for an async predicate's answer (a Promise
    // is truthy), so the step went on before the new worker was there, and in a whole journey run, where
    // the update came later, every visit still had the old shell (the cause of this step's to-do until
    // 2026-12-07: the printed caches showed the old shell at the moment it "saw" the new one).
    const settled = (v: string) =>
      page!.evaluate(async (version) => {
        const keys = await caches.keys();
        // The new worker has finished activating (old shell deleted, clients claimed), not only cached.
        const reg = await navigator.serviceWorker.getRegistration();
        const active = reg?.active?.state === 'activated' && !reg.installing && !reg.waiting;
        return active && keys.length === 1 && keys[0] === `yiqi-shell-${version}`;
      }, v);
    for (let tries = 0; !(await settled(next.version)); tries++) {
      assert.ok(
        tries < 150,
        `the new worker did not settle within 30 s: ${JSON.stringify(await cacheNames(page))}`,
      );
      await page.waitForTimeout(200);
    }
    const settledOn = `settled on the next build's shell yiqi-shell-${next.version} at +${Date.now() - t0} ms (requests so far: ${served.length}); caches then: ${JSON.stringify(await cacheNames(page))}`;
    // … and the next one the new index.html; the old shell is gone. A few visits are allowed (five at most:
    // a worker that keeps the old shell fails).
    let seen = 'first';
    const seenBy: string[] = [];
    for (let visit = 0; visit < 5 && seen !== 'next'; visit++) {
      if (visit > 0) await page.waitForTimeout(500);
      const res = await page.goto(origin + '/login');
      await page.getByTestId('login-submit').waitFor();
      seen = await build(page);
      seenBy.push(`${seen} (${await whoAnswered(page, res)})`);
    }
    if (seen !== 'next')
      console.log(
        'service worker deploy, ' +
          settledOn +
          '\nvisits after activation:\n' +
          seenBy.join('\n') +
          '\nrequests the two servers saw:\n' +
          served.join('\n'),
      );
    assert.equal(seen, 'next');
    assert.deepEqual(await cacheNames(page), [`yiqi-shell-${next.version}`]);
    await page.close();
  });
});
