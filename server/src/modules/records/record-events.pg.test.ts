import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { execAsOwner, onPostgres } from '../../test/database.ts';
import { confirmRecord } from './confirmation.ts';
import { consumeRecordEvents, consumerPosition, type RecordEvent } from './record-events.ts';
import {
  all,
  ctxOf,
  decide,
  decider,
  eventsOf,
  people,
  rec,
  records,
  startEventsApp,
  t,
} from './record-events.testkit.ts';

/**
 * Record event consumers under concurrency (PostgreSQL only: PGlite runs one transaction at a time): order
 * with transactions committing out of id order, workers racing on one consumer, and a consumer process
 * killed with SIGKILL half-way through a batch and restarted.
 */

const skipPg = !onPostgres() ? 'PostgreSQL only (DATABASE_URL)' : false;

/**
 * Reads until `done()`: an empty read is not the end, since events of transactions newer than one still
 * running anywhere in the cluster (another test file's, in parallel) become readable only once it ends.
 */
async function readUntil(step: () => Promise<number>, done: () => Promise<boolean> | boolean) {
  const deadline = Date.now() + 60_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('events did not become readable within 60 s');
    if ((await step()) === 0) await new Promise((r) => setTimeout(r, 50));
  }
}

describe('record event consumers on PostgreSQL', { skip: skipPg }, () => {
  before(startEventsApp);
  after(() => t?.close());

  it('an event of a transaction still open is not passed over by a later one that committed first', async () => {
    // Drain so far.
    while ((await consumeRecordEvents(ctxOf(), 'test.order', async () => {}, { batch: 1000 })).applied > 0);
    const [a, b] = await people(2);
    const [ra, rb] = await records([
      { volunteerId: a!.volunteerId, minutes: 60 },
      { volunteerId: b!.volunteerId, minutes: 60 },
    ]);
    const actor = { ...ctxOf(), actor: { userId: decider.id } as never };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let appended!: () => void;
    const inserted = new Promise<void>((r) => (appended = r));
    // The first transaction appends its event (the lower id) and stays open.
    const slow = t.handle.db.transaction().execute(async (trx) => {
      await confirmRecord({ ...actor, db: trx }, await rec(ra!), 60);
      appended();
      await gate;
    });
    await inserted;
    // The second appends a higher id and commits first.
    await t.handle.db
      .transaction()
      .execute(async (trx) => confirmRecord({ ...actor, db: trx }, await rec(rb!), 60));
    const ids = await eventsOf([ra!, rb!]);
    assert.equal(ids.length, 1, 'only the committed event is visible yet');
    const early: RecordEvent[] = [];
    await consumeRecordEvents(ctxOf(), 'test.order', async (e) => void early.push(...e), { batch: 1000 });
    // Reading by id alone would have taken rb's event and moved past ra's lower id for good.
    assert.deepEqual(
      early.map((e) => e.recordId),
      [],
    );
    release();
    await slow;
    const late: RecordEvent[] = [];
    await readUntil(
      async () =>
        (await consumeRecordEvents(ctxOf(), 'test.order', async (e) => void late.push(...e), { batch: 1000 }))
          .applied,
      () => late.length >= 2,
    );
    assert.deepEqual(
      late.map((e) => e.recordId),
      [ra, rb],
    );
  });

  it('three workers (connections) on one consumer never apply the same events', async () => {
    await execAsOwner(
      t.handle,
      `CREATE TABLE consumer_twice (event_id bigint NOT NULL, worker integer NOT NULL);
       GRANT SELECT, INSERT ON consumer_twice TO yiqi_app;`,
    );
    const total = await all();
    const worker = (n: number) =>
      readUntil(
        async () =>
          (
            await consumeRecordEvents(
              ctxOf(),
              'test.twice',
              async (events, tx) => {
                for (const e of events) {
                  await sql`INSERT INTO consumer_twice VALUES (${e.id}, ${n})`.execute(tx.db);
                  await new Promise((res) => setTimeout(res, 2));
                }
              },
              { batch: 7 },
            )
          ).applied,
        async () => ((await consumerPosition(ctxOf(), 'test.twice'))?.applied ?? 0) >= total,
      );
    await Promise.all([worker(1), worker(2), worker(3)]);
    const r = await sql<{ n: number; d: number }>`
      SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM consumer_twice`.execute(t.handle.db);
    assert.deepEqual(r.rows[0], { n: total, d: total });
  });

  it('a consumer killed half-way and restarted applies every event exactly once', async () => {
    await execAsOwner(
      t.handle,
      `CREATE TABLE consumer_applied (event_id bigint NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp());
       GRANT SELECT, INSERT ON consumer_applied TO yiqi_app;`,
    );
    // Enough events that the child needs several batches.
    const vs = await people(30);
    const ids = await records(
      vs.map((v) => ({ volunteerId: v.volunteerId, minutes: 30, day: '2026-10-05' })),
    );
    for (const id of ids) assert.equal((await decide(id, 'approve')).statusCode, 200);
    const total = await all();
    const url = (t.handle as { url?: string }).url!;
    const child = fileURLToPath(new URL('./record-events.kill.testkit.ts', import.meta.url));
    const run = (mode: 'slow' | 'drain') =>
      spawn(process.execPath, ['--import', 'tsx', child, url, mode, String(total)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });

    const first = run('slow');
    let committed = 0;
    let applying = 0;
    await new Promise<void>((resolve, reject) => {
      first.stdout.setEncoding('utf8');
      first.stdout.on('data', (d: string) => {
        committed += (d.match(/committed/g) ?? []).length;
        applying += (d.match(/applying/g) ?? []).length;
        // Two batches in, with the third half applied: kill it.
        if (committed >= 2) {
          setTimeout(() => {
            first.kill('SIGKILL');
            resolve();
          }, 120);
        }
      });
      first.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child ended before the kill: ${code}`));
      });
    });
    await new Promise((r) => first.once('exit', r).once('close', r));
    const mid = Number(
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM consumer_applied`.execute(t.handle.db))
        .rows[0]!.n,
    );
    assert.ok(mid > 0 && mid < total, `killed half-way: ${mid} of ${total}`);
    // It died inside a batch: effects it had written were rolled back, and the position is where the
    // committed effects end.
    assert.ok(applying > mid, `${applying} written, ${mid} committed`);
    assert.equal((await consumerPosition(ctxOf(), 'test.killed'))?.applied, mid);

    const second = run('drain');
    const code = await new Promise<number | null>((r) => second.on('exit', r));
    assert.equal(code, 0);
    const r = await sql<{ n: number; d: number; missing: number }>`
      SELECT (SELECT count(*)::int FROM consumer_applied) AS n,
             (SELECT count(DISTINCT event_id)::int FROM consumer_applied) AS d,
             (SELECT count(*)::int FROM record_events e
               WHERE NOT EXISTS (SELECT 1 FROM consumer_applied a WHERE a.event_id = e.id)) AS missing`.execute(
      t.handle.db,
    );
    assert.deepEqual(r.rows[0], { n: total, d: total, missing: 0 });
    const last = await sql<{ tx: string; id: number }>`
      SELECT tx_id::text AS tx, id FROM record_events ORDER BY tx_id DESC, id DESC LIMIT 1`.execute(
      t.handle.db,
    );
    const pos = await consumerPosition(ctxOf(), 'test.killed');
    assert.deepEqual(pos, { txId: last.rows[0]!.tx, id: Number(last.rows[0]!.id), applied: total });
  });
});
