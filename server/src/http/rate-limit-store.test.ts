import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { startTestApp, type TestApp } from '../test/harness.ts';

/**
 * Rate-limit counters in Redis (REDIS_URL): two apps count the same requests; with Redis unreachable,
 * limited routes still answer (no 500) and the outage is logged. Needs Redis at 127.0.0.1:6379
 * (TEST_REDIS_URL otherwise); the key prefix is this run's own.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `yiqi-test-${randomBytes(6).toString('hex')}:`;

after(async () => {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const login = (t: TestApp, i: number) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `nobody${i}`, password: 'wrong-password-1' },
  });

test('two apps on one Redis share the login limit', async () => {
  const env = { REDIS_URL, REDIS_PREFIX: prefix, LOGIN_RATE_PER_MINUTE: '3' };
  const [a, b] = await Promise.all([startTestApp({ env }), startTestApp({ env })]);
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(i % 2 ? b : a, i)).statusCode);
    // In-process counters would allow three on each.
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}rate-limit:*`);
    await redis.quit();
    assert.equal(keys.length, 1, 'one counter, under this run’s prefix');
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('with Redis unreachable, limited routes still answer (no 500)', async () => {
  // A port nothing listens on.
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const t = await startTestApp({
    env: { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: prefix, LOGIN_RATE_PER_MINUTE: '2' },
  });
  try {
    for (let i = 0; i < 4; i++) assert.equal((await login(t, i)).statusCode, 401);
  } finally {
    await t.close();
  }
});
