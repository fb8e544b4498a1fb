import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './api.ts';
import { preloadedOr } from './preload.ts';

// lib/preload.ts reads what index.html's boot script left on window.
const g = globalThis as unknown as { window: { __yiqiPreload?: Record<string, Promise<Response>> } };
g.window = {};
const json = (status: number, body: unknown) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );

test("a preloaded answer serves the page's first call only; later calls ask the server", async () => {
  g.window.__yiqiPreload = { '/api/me': json(200, { id: 'u1' }) };
  let calls = 0;
  const call = async () => ({ id: `server-${++calls}` });
  assert.deepEqual(await preloadedOr('/api/me', call), { id: 'u1' });
  assert.equal(calls, 0);
  assert.deepEqual(await preloadedOr('/api/me', call), { id: 'server-1' });
  // Another URL than the one preloaded: the ordinary call.
  g.window.__yiqiPreload = { '/api/activities?page=1&pageSize=10': json(200, { items: [] }) };
  assert.deepEqual(await preloadedOr('/api/activities?page=2&pageSize=10', call), { id: 'server-2' });
});

test('a preloaded error is the same ApiError the ordinary call throws; a failed connection retries', async () => {
  g.window.__yiqiPreload = {
    '/api/me': json(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } }),
    '/api/activities/x': Promise.reject(new TypeError('Failed to fetch')),
  };
  await assert.rejects(
    preloadedOr('/api/me', async () => 'unused'),
    (e: unknown) => e instanceof ApiError && e.status === 401 && e.code === 'UNAUTHENTICATED',
  );
  assert.equal(await preloadedOr('/api/activities/x', async () => 'retried'), 'retried');
});
