import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ERRORS } from '@yiqi/shared/errors';
import { startTestApp, type TestApp } from '../test/harness.ts';

/**
 * Load shedding without timing: the test holds every database connection in open transactions, so the
 * requests it lets in stay in flight (waiting for a connection) for as long as it wants; the ones past
 * the limit must be refused at once, while the held ones are still waiting, and the held ones must
 * succeed once the connections are given back.
 */
const LIST = '/api/activities';

/** Holds all of the app's connections (PGlite has one; the PostgreSQL test pool ten) until release(). */
async function holdConnections(t: TestApp): Promise<{ release(): Promise<void> }> {
  const n = t.handle.kind === 'pglite' ? 1 : 10;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const held: Promise<void>[] = [];
  const acquired: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    let signal!: () => void;
    acquired.push(new Promise<void>((resolve) => (signal = resolve)));
    held.push(
      t.handle.db.transaction().execute(async (tx) => {
        await sql`SELECT 1`.execute(tx);
        signal();
        await gate;
      }),
    );
  }
  await Promise.all(acquired);
  return {
    release: async () => {
      open();
      await Promise.all(held);
    },
  };
}

/** Waits (by turns of the event loop, not by a clock) until more than `n` queries wait for a connection. */
async function untilWaitingMore(t: TestApp, n: number) {
  for (let i = 0; i < 100_000 && t.handle.waiting() <= n; i++)
    await new Promise((resolve) => setTimeout(resolve, 1));
  assert.ok(t.handle.waiting() > n, 'the request should wait for a connection');
}

/**
 * Sends `n` requests one after the other, each once the one before waits for a connection (so it has
 * passed the shedding check and is in flight); returns their responses, which come after release.
 */
async function admit(t: TestApp, n: number) {
  const out: ReturnType<typeof get>[] = [];
  for (let i = 0; i < n; i++) {
    const before = t.handle.waiting();
    out.push(get(t));
    await untilWaitingMore(t, before);
  }
  return out;
}

/** `n` queries straight to the database, queued behind the held connections. */
function queueQueries(t: TestApp, n: number) {
  return Array.from({ length: n }, () => sql`SELECT 1`.execute(t.handle.db));
}

const get = (t: TestApp, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: LIST, headers });

function assertShed(res: Awaited<ReturnType<typeof get>>, message: string) {
  assert.equal(res.statusCode, 503, res.body);
  assert.equal(res.headers['retry-after'], '2');
  assert.deepEqual(res.json(), { error: { code: 'SERVER_BUSY', message } });
}

const OFF = {
  SHED_MAX_IN_FLIGHT: '0',
  SHED_MAX_DB_WAITING: '0',
  SHED_MAX_DB_WAIT_MS: '0',
  SHED_MAX_EVENT_LOOP_DELAY_MS: '0',
};

/** Waits (by turns of the event loop) until the oldest query waiting for a connection is `ms` old. */
async function untilOldestWaited(t: TestApp, ms: number) {
  for (let i = 0; i < 100_000 && t.handle.oldestWaitMs() < ms; i++)
    await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(t.handle.oldestWaitMs() >= ms, `a query should have waited ${ms} ms`);
}

test('past the in-flight limit, requests get 503 SERVER_BUSY with retry-after at once; health stays up', async () => {
  const t = await startTestApp({ env: { LOAD_SHEDDING: '1', ...OFF, SHED_MAX_IN_FLIGHT: '3' } });
  try {
    const hold = await holdConnections(t);
    const admitted = await admit(t, 3);
    const waiting = t.handle.waiting();
    // These answer while the three admitted requests are still waiting.
    const shed = await Promise.all([get(t), get(t), get(t, { 'accept-language': 'en' })]);
    assertShed(shed[0]!, ERRORS.SERVER_BUSY.text['zh-CN']);
    assertShed(shed[1]!, ERRORS.SERVER_BUSY.text['zh-CN']);
    assertShed(shed[2]!, ERRORS.SERVER_BUSY.text.en);
    assert.equal(t.handle.waiting(), waiting, 'a refused request queued no query');
    // Liveness is never shed.
    assert.equal((await t.app.inject('/healthz')).statusCode, 200);
    await hold.release();
    for (const res of await Promise.all(admitted)) assert.equal(res.statusCode, 200, res.body);
    // The process is up and its count of requests in flight is back to zero: three at once pass again.
    for (const res of await Promise.all([get(t), get(t), get(t)])) assert.equal(res.statusCode, 200);
  } finally {
    await t.close();
  }
});

test('past the database wait limit, requests get 503; below it they are served', async () => {
  const t = await startTestApp({ env: { LOAD_SHEDDING: '1', ...OFF, SHED_MAX_DB_WAITING: '2' } });
  try {
    const hold = await holdConnections(t);
    // One query waiting: below the limit, a request is let in (and waits too).
    const queued = queueQueries(t, 1);
    const admitted = await admit(t, 1);
    assert.ok(t.handle.waiting() >= 2);
    for (const res of await Promise.all([get(t), get(t), get(t)]))
      assertShed(res, ERRORS.SERVER_BUSY.text['zh-CN']);
    await hold.release();
    await Promise.all(queued);
    for (const res of await Promise.all(admitted)) assert.equal(res.statusCode, 200, res.body);
    assert.equal(t.handle.waiting(), 0);
    assert.equal((await get(t)).statusCode, 200);
  } finally {
    await t.close();
  }
});

test('many young waiters are served; once the oldest has waited past the limit, requests get 503', async () => {
  const t = await startTestApp({ env: { LOAD_SHEDDING: '1', ...OFF, SHED_MAX_DB_WAIT_MS: '300' } });
  try {
    const hold = await holdConnections(t);
    // Twelve requests queue behind the held connections: a count of waiters alone is no reason to
    // refuse (with a count limit of 40 this refused 85 % of a load served within 65 ms).
    const admitted = await admit(t, 12);
    assert.ok(t.handle.waiting() >= 12);
    // The queue stands: its oldest waiter passes the limit, and a request arriving now is refused.
    await untilOldestWaited(t, 300);
    const waiting = t.handle.waiting();
    const [zh, en] = await Promise.all([get(t), get(t, { 'accept-language': 'en' })]);
    assertShed(zh!, ERRORS.SERVER_BUSY.text['zh-CN']);
    assertShed(en!, ERRORS.SERVER_BUSY.text.en);
    assert.equal(t.handle.waiting(), waiting, 'a refused request queued no query');
    await hold.release();
    for (const res of await Promise.all(admitted)) assert.equal(res.statusCode, 200, res.body);
    // The queue is gone, and with it the refusals.
    assert.equal(t.handle.oldestWaitMs(), 0);
    assert.equal((await get(t)).statusCode, 200);
  } finally {
    await t.close();
  }
});

test('with LOAD_SHEDDING=0 every request waits its turn and is served', async () => {
  const t = await startTestApp({
    env: { LOAD_SHEDDING: '0', SHED_MAX_IN_FLIGHT: '1', SHED_MAX_DB_WAITING: '1' },
  });
  try {
    const hold = await holdConnections(t);
    const all = await admit(t, 8);
    await hold.release();
    for (const res of await Promise.all(all)) assert.equal(res.statusCode, 200, res.body);
  } finally {
    await t.close();
  }
});

test('when the event loop lags past its limit, requests get 503 SERVER_BUSY (under-pressure)', async () => {
  const t = await startTestApp({
    env: { LOAD_SHEDDING: '1', ...OFF, SHED_MAX_EVENT_LOOP_DELAY_MS: '1' },
  });
  try {
    // Blocks the event loop well past the limit; under-pressure's next sample (every second) sees it.
    const until = performance.now() + 1500;
    while (performance.now() < until);
    let shed: Awaited<ReturnType<typeof get>> | undefined;
    for (let i = 0; i < 2000 && !shed; i++) {
      const res = await get(t);
      if (res.statusCode === 503) shed = res;
      else assert.equal(res.statusCode, 200, res.body);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    assert.ok(shed, 'a request was shed while the loop lagged');
    assertShed(shed, ERRORS.SERVER_BUSY.text['zh-CN']);
    assert.equal((await t.app.inject('/healthz')).statusCode, 200);
  } finally {
    await t.close();
  }
});
