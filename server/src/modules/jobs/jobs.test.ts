import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pino from 'pino';
import { buildApp, type App } from '../../app.ts';
import type { JobDefinition } from '../../core/jobs.ts';
import { systemCtx } from '../../core/system-ctx.ts';
import { withTransaction } from '../../core/tx.ts';
import { openPostgres, withUser, type OpenDatabase } from '../../db/database.ts';
import { TestClock, testConfig } from '../../test/harness.ts';
import { APP_ROLE, execAsOwner, onPostgres, openTestDatabase } from '../../test/database.ts';
import { enqueueJob } from './jobs.service.ts';
import { createJobRunner } from './jobs.runner.ts';

type Job = JobDefinition<never>;
const log = pino({ level: 'silent' });
const config = testConfig();
const MIN = 60_000;

let handle: OpenDatabase & { url?: string };
const clock = new TestClock();
const open: { close(): Promise<void> }[] = [];

before(async () => {
  handle = await openTestDatabase();
});
after(async () => {
  for (const x of open.reverse()) await x.close();
  await handle.close();
});

/** Another connection to the test database, as another process would have (PGlite has only the one). */
async function anotherConnection(max = 2): Promise<OpenDatabase> {
  if (!handle.url) return { ...handle, close: async () => {} };
  const h = await openPostgres(withUser(handle.url, APP_ROLE), { max });
  open.push(h);
  return h;
}

async function appOn(db: OpenDatabase, jobs: Job[], env: Record<string, string> = {}): Promise<App> {
  const app = await buildApp({ db: db.db, config: testConfig(env), clock: clock.now, jobs });
  await app.ready();
  return app;
}

const ctxOn = (db: OpenDatabase) =>
  systemCtx({ db: db.db, config, clock: clock.now }, { requestId: 'test', log });

const jobRow = (id: number) =>
  handle.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('durable jobs', () => {
  it('a job enqueued before a restart runs once after it, with a system context', async () => {
    const seen: unknown[] = [];
    const jobs: Job[] = [
      {
        name: 'test.once',
        run: async (ctx, payload) => {
          seen.push({ payload, actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip });
        },
      },
    ];
    const first = await appOn(handle, jobs);
    const ctx = ctxOn(handle);
    // Enqueued in a use case's transaction: a rollback takes the job with it.
    await assert.rejects(
      withTransaction(ctx, async (tx) => {
        await enqueueJob(tx, 'test.once', { n: 0 });
        throw new Error('the use case failed');
      }),
      /the use case failed/,
    );
    const id = await withTransaction(ctx, (tx) =>
      enqueueJob(tx, 'test.once', { n: 1 }, { runAt: new Date(clock.t + MIN), key: 'k1' }),
    );
    // The same key again is the same job.
    assert.equal(await enqueueJob(ctx, 'test.once', { n: 2 }, { key: 'k1' }), id);
    assert.equal(await first.jobs.tick(), 0, 'not due yet');
    await first.close();

    clock.advance(MIN);
    const second = await appOn(await anotherConnection(), jobs);
    assert.equal(await second.jobs.tick(), 1);
    assert.equal(await second.jobs.tick(), 0);
    await second.close();
    assert.deepEqual(seen, [
      { payload: { n: 1 }, actor: null, requestId: `job:test.once:${id}`, ip: 'system' },
    ]);
    const row = await jobRow(id);
    assert.deepEqual([row.status, row.attempts, row.locked_by, row.last_error], ['done', 1, null, null]);
    assert.equal(
      Number(
        (
          await handle.db
            .selectFrom('jobs')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('name', '=', 'test.once')
            .executeTakeFirstOrThrow()
        ).n,
      ),
      1,
      'the rolled-back job and the repeated key made no row',
    );
  });

  it('a recurring job runs once per period, across a restart and several processes', async () => {
    clock.t = Math.ceil(clock.t / (5 * MIN)) * 5 * MIN + 1000;
    const periods: string[] = [];
    const jobs: Job[] = [
      {
        name: 'test.every',
        everySeconds: 300,
        run: async (_ctx, p: { period: string }) => void periods.push(p.period),
      },
    ];
    const p0 = new Date(clock.t - 1000).toISOString();
    const first = await appOn(handle, jobs);
    assert.equal(await first.jobs.tick(), 1);
    assert.equal(await first.jobs.tick(), 0);
    await first.close();

    clock.advance(2 * MIN);
    const second = await appOn(await anotherConnection(), jobs);
    const third = await appOn(await anotherConnection(), jobs);
    assert.deepEqual(await Promise.all([second.jobs.tick(), third.jobs.tick()]), [0, 0], 'same period');
    clock.advance(3 * MIN);
    const [a, b] = await Promise.all([second.jobs.tick(), third.jobs.tick()]);
    assert.equal(a + b, 1, 'the next period runs once');
    await second.close();
    await third.close();
    const p1 = new Date(Date.parse(p0) + 5 * MIN).toISOString();
    assert.deepEqual(periods, [p0, p1]);
    const rows = await handle.db
      .selectFrom('jobs')
      .select(['key', 'status'])
      .where('name', '=', 'test.every')
      .orderBy('key')
      .execute();
    assert.deepEqual(rows, [
      { key: p0, status: 'done' },
      { key: p1, status: 'done' },
    ]);
  });

  it('a failing job is retried with backoff, then marked failed with its error', async () => {
    let calls = 0;
    const jobs: Job[] = [
      {
        name: 'test.fails',
        maxAttempts: 3,
        run: async () => {
          calls++;
          throw new Error('printer on fire');
        },
      },
    ];
    const runner = createJobRunner({ db: handle.db, config, clock: clock.now }, jobs, log);
    const id = await enqueueJob(ctxOn(handle), 'test.fails');
    assert.equal(await runner.tick(), 1);
    let row = await jobRow(id);
    assert.deepEqual([row.status, row.attempts, row.last_error], ['queued', 1, 'Error: printer on fire']);
    assert.equal(row.run_at.getTime(), clock.t + 30_000);
    assert.equal(await runner.tick(), 0, 'waits for its backoff');
    clock.advance(30_000);
    assert.equal(await runner.tick(), 1);
    clock.advance(59_000);
    assert.equal(await runner.tick(), 0, 'the second wait is twice as long');
    clock.advance(1_000);
    assert.equal(await runner.tick(), 1);
    row = await jobRow(id);
    assert.deepEqual(
      [row.status, row.attempts, row.last_error, row.finished_at?.getTime()],
      ['failed', 3, 'Error: printer on fire', clock.t],
    );
    clock.advance(24 * 60 * MIN);
    assert.equal(await runner.tick(), 0);
    assert.equal(calls, 3);
  });

  it('a run whose process died is taken up again after its lease, and the dead run cannot finish it', async () => {
    const lease = config.jobsLeaseSeconds * 1000;
    const gate = deferred();
    const started = deferred();
    const lastStarted = deferred();
    let calls = 0;
    const jobs: Job[] = [
      {
        name: 'test.crash',
        run: async () => {
          calls++;
          if (calls === 1) {
            started.resolve();
            await gate.promise;
          }
        },
      },
      // Its only attempt's process died: failed, not run again.
      {
        name: 'test.crash-last',
        maxAttempts: 1,
        run: () => {
          lastStarted.resolve();
          return new Promise(() => {});
        },
      },
    ];
    const dead = createJobRunner({ db: handle.db, config, clock: clock.now }, jobs.slice(0, 1), log);
    const id = await enqueueJob(ctxOn(handle), 'test.crash');
    const deadPass = dead.tick();
    await started.promise;

    const other = await anotherConnection();
    const alive = createJobRunner({ db: other.db, config, clock: clock.now }, jobs.slice(0, 1), log);
    clock.advance(lease - 1);
    assert.equal(await alive.tick(), 0, 'the lease still holds');
    clock.advance(1);
    assert.equal(await alive.tick(), 1);
    assert.equal(calls, 2);
    let row = await jobRow(id);
    assert.deepEqual([row.status, row.attempts], ['done', 2]);
    // The first run comes back (it was only slow): its claim is gone, so it changes nothing.
    gate.resolve();
    assert.equal(await deadPass, 1);
    row = await jobRow(id);
    assert.deepEqual([row.status, row.attempts, row.finished_at?.getTime()], ['done', 2, clock.t]);

    const stuck = createJobRunner({ db: handle.db, config, clock: clock.now }, jobs.slice(1), log);
    const last = await enqueueJob(ctxOn(handle), 'test.crash-last');
    void stuck.tick();
    await lastStarted.promise;
    clock.advance(lease);
    const rescuer = createJobRunner({ db: other.db, config, clock: clock.now }, jobs.slice(1), log);
    assert.equal(await rescuer.tick(), 1);
    row = await jobRow(last);
    assert.equal(row.status, 'failed');
    assert.match(row.last_error ?? '', /lease expired/);
  });

  it('runners racing over 200 jobs run each exactly once', async () => {
    const runs = new Map<number, number>();
    const byRunner = [0, 0, 0];
    const runners = [];
    for (const i of [0, 1, 2]) {
      const db = await anotherConnection();
      const jobs: Job[] = [
        {
          name: 'test.race',
          run: async (ctx, p: { n: number }) => {
            runs.set(p.n, (runs.get(p.n) ?? 0) + 1);
            byRunner[i]!++;
            await sql`SELECT 1`.execute(ctx.db);
          },
        },
      ];
      // Real time here: each runner a process with its own connections.
      runners.push(createJobRunner({ db: db.db, config, clock: () => new Date() }, jobs, log));
    }
    const ctx = ctxOn(handle);
    const past = new Date(Date.now() - MIN);
    for (let n = 0; n < 200; n++) await enqueueJob(ctx, 'test.race', { n }, { runAt: past });
    const passes = await Promise.all(runners.map((r) => r.tick()));
    assert.equal(
      passes.reduce((a, b) => a + b, 0),
      200,
    );
    assert.equal(runs.size, 200);
    assert.deepEqual(
      [...runs.values()].filter((c) => c !== 1),
      [],
    );
    assert.ok(byRunner.filter((c) => c > 0).length > 1, `runners actually raced: ${byRunner.join(', ')}`);
    const statuses = await handle.db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .where('name', '=', 'test.race')
      .groupBy('status')
      .execute();
    assert.deepEqual(
      statuses.map((s) => [s.status, Number(s.n)]),
      [['done', 200]],
    );
  });

  it(
    'on PostgreSQL, two runner processes racing over 200 jobs run each exactly once',
    { skip: !onPostgres(), timeout: 120_000 },
    async () => {
      await execAsOwner(
        handle,
        `CREATE TABLE job_race_effects (n integer NOT NULL, pid integer NOT NULL);
         CREATE TABLE job_race_ready (pid integer NOT NULL);
         GRANT SELECT, INSERT ON job_race_effects, job_race_ready TO ${APP_ROLE};`,
      );
      const ctx = ctxOn(handle);
      const past = new Date(Date.now() - MIN);
      for (let n = 0; n < 200; n++) await enqueueJob(ctx, 'test.race-process', { n }, { runAt: past });
      const script = fileURLToPath(new URL('./jobs.race.testkit.ts', import.meta.url));
      const url = withUser(handle.url!, APP_ROLE);
      const outs = await Promise.all(
        [0, 1].map(() => promisify(execFile)(process.execPath, ['--import', 'tsx', script, url, '2'])),
      );
      const results = outs.map((o) => JSON.parse(o.stdout) as { pid: number; runs: number });
      assert.equal(results[0]!.runs + results[1]!.runs, 200);
      const effects = await sql<{ runs: number; jobs: number; pids: number }>`
        SELECT count(*)::int AS runs, count(DISTINCT n)::int AS jobs, count(DISTINCT pid)::int AS pids
        FROM job_race_effects`.execute(handle.db);
      assert.deepEqual(effects.rows[0], { runs: 200, jobs: 200, pids: 2 });
    },
  );

  it(
    'the app polls for due jobs, and closing it waits for the job running now',
    { timeout: 20_000 },
    async () => {
      const gate = deferred();
      const started = deferred();
      let finished = false;
      const jobs: Job[] = [
        {
          name: 'test.slow',
          run: async () => {
            started.resolve();
            await gate.promise;
            finished = true;
          },
        },
      ];
      const app = await appOn(handle, jobs, { JOBS_POLL_MS: '10' });
      const id = await enqueueJob(ctxOn(handle), 'test.slow');
      await started.promise;
      let closed = false;
      const closing = app.close().then(() => (closed = true));
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(closed, false, 'close waits for the running job');
      gate.resolve();
      await closing;
      assert.equal(finished, true);
      assert.equal((await jobRow(id)).status, 'done');
    },
  );
});
