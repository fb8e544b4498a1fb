/**
 * Issue 17, decision 0057: warm visits. The public reads a first page makes (the activity list, an activity,
 * the home page's figures) may be kept by a visitor's browser for a short while, but only answers to a
 * request without a session, never with Set-Cookie, never an error, and with `vary: cookie` so a browser
 * that signs in asks again. The readable "maybe signed in" cookie comes and goes with the session cookie.
 * The service worker file is revalidated on every visit like index.html (a deploy must replace it).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser, signIn, startTestApp, type TestApp } from '../test/harness.ts';
import { createActivity, createOrganizer } from '../modules/activities/activities.testkit.ts';
import { SIGNED_IN_HINT, VISITOR_CACHE } from './visitor-cache.ts';

const INDEX =
  '<!doctype html><html><head><script src="/assets/boot-1a2b3c4d.js" defer></script></head></html>';
let t: TestApp;
let dist: string;
let activityId: string;

before(async () => {
  dist = mkdtempSync(join(tmpdir(), 'yiqi-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'sw.js'), 'const SHELL = {};\n');
  writeFileSync(join(dist, 'assets', 'boot-1a2b3c4d.js'), '(function(){})()\n');
  t = await startTestApp({ webDist: dist });
  activityId = (await createActivity(t, await createOrganizer(t))).activityId;
});
after(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, cookie?: string) =>
  t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const hintOf = (res: { cookies: { name: string; value: string; maxAge?: number }[] }) =>
  res.cookies.find((c) => c.name === SIGNED_IN_HINT);

describe('public reads a visitor’s browser may keep', () => {
  const reads = () => [
    '/api/activities?page=1&pageSize=10',
    `/api/activities/${activityId}`,
    '/api/public/figures?region=440300000000',
  ];

  it('without a session: briefly cacheable, varying by cookie and language, no Set-Cookie', async () => {
    for (const url of reads()) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['cache-control'], VISITOR_CACHE, url);
      assert.match(String(res.headers['vary']), /cookie/i, url);
      assert.match(String(res.headers['vary']), /accept-language/i, url);
      assert.equal(res.headers['set-cookie'], undefined, url);
    }
  });

  it('with a session cookie (valid or not): not stored anywhere, as every other API answer', async () => {
    const user = await createUser(t, 'visitor-cache-user');
    const cookie = await signIn(t, user);
    for (const c of [cookie, 'yiqi_sid=not-a-session', '__Host-yiqi_sid=x'])
      for (const url of reads()) {
        const res = await get(url, c);
        assert.equal(res.statusCode, 200, `${url} ${c}`);
        assert.equal(res.headers['cache-control'], 'no-store', `${url} ${c}`);
      }
  });

  it('errors and other API answers are never cached', async () => {
    const missing = await get('/api/activities/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.headers['cache-control'], 'no-store');
    const bad = await get('/api/public/figures?region=nope');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.headers['cache-control'], 'no-store');
    // Except "no such certificate": the same for everyone, kept 30 s, by language.
    const unknown = await get('/api/certificates/YQ-2026-0000000000/verify');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.headers['cache-control'], 'public, max-age=30');
    assert.match(String(unknown.headers['vary']), /accept-language/i);
    assert.equal(unknown.headers['set-cookie'], undefined);
    const me = await get('/api/me');
    assert.equal(me.statusCode, 401);
    assert.equal(me.headers['cache-control'], 'no-store');
  });
});

describe('the readable "maybe signed in" cookie', () => {
  it('comes with the session cookie at sign-in and is not HttpOnly', async () => {
    const user = await createUser(t, 'hint-user');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: 'Test-password-1' },
    });
    assert.equal(res.statusCode, 200);
    const session = res.cookies.find((c) => c.name === 'yiqi_sid')!;
    const hint = hintOf(res as never) as { value: string; maxAge?: number; httpOnly?: boolean } | undefined;
    assert.ok(hint, 'the hint is set');
    assert.equal(hint.value, '1', 'it carries no secret');
    assert.notEqual(hint.httpOnly, true);
    assert.equal(hint.maxAge, (session as { maxAge?: number }).maxAge);
    // Signing out clears both.
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: `yiqi_sid=${session.value}` },
    });
    assert.equal(out.statusCode, 200);
    const cleared = hintOf(out as never) as { value: string; maxAge?: number } | undefined;
    assert.ok(cleared, 'the hint is cleared on sign-out');
    assert.equal(cleared.value, '');
  });

  it('a page load with a session cookie from before the hint existed gets one; others do not', async () => {
    const page = await get('/m/activities', 'yiqi_sid=old-session');
    assert.equal(page.statusCode, 200);
    assert.equal(hintOf(page as never)?.value, '1');
    assert.equal(hintOf((await get('/m/activities')) as never), undefined, 'a visitor gets none');
    const both = await get('/m/activities', `yiqi_sid=old-session; ${SIGNED_IN_HINT}=1`);
    assert.equal(hintOf(both as never), undefined, 'already there: not set again');
    const api = await get('/api/activities?page=1&pageSize=10', 'yiqi_sid=old-session');
    assert.equal(hintOf(api as never), undefined, 'API answers do not set it');
  });
});

describe('the service worker file', () => {
  it('is revalidated on every visit (a deploy replaces it), never cached as an asset', async () => {
    const res = await get('/sw.js');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(String(res.headers['content-type']), /javascript/);
    // The shell it caches: index.html at '/', also revalidated.
    const index = await get('/');
    assert.equal(index.statusCode, 200);
    assert.equal(index.headers['cache-control'], 'no-cache');
    assert.equal(index.body, INDEX);
  });
});
