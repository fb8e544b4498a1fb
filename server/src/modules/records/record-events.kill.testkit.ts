import { sql } from 'kysely';
import type { Ctx } from '../../core/ctx.ts';
import { openPostgres, withUser } from '../../db/database.ts';
import { consumeRecordEvents, consumerPosition } from './record-events.ts';

/**
 * A consumer process for record-events.test.ts (PostgreSQL): applies record events into consumer_applied,
 * 5 a batch. `slow` sleeps 100 ms after each event inside the batch's transaction (the test kills it with
 * SIGKILL half-way through one) and runs until killed; `drain` applies the rest and exits 0 once the position
 * counts `expected` events (an empty read alone does not mean the end: events of a transaction newer than one
 * still running anywhere in the cluster, e.g. another test's, become readable only once it ends), or 1 after
 * 60 s.
 * Prints "applying <id>" after each event's effect is written (not yet committed) and "committed <n>" after
 * each batch commits.
 */
const [url, mode, expected] = process.argv.slice(2);
if (!url || (mode !== 'slow' && mode !== 'drain'))
  throw new Error('usage: <database url> slow|drain [expected]');
const deadline = Date.now() + 60_000;
const handle = await openPostgres(withUser(url, 'yiqi_app'), { max: 1 });
const ctx = { db: handle.db, actor: null, clock: () => new Date() } as unknown as Ctx;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (;;) {
  const r = await consumeRecordEvents(
    ctx,
    'test.killed',
    async (events, tx) => {
      for (const e of events) {
        await sql`INSERT INTO consumer_applied (event_id) VALUES (${e.id})`.execute(tx.db);
        process.stdout.write(`applying ${e.id}\n`);
        if (mode === 'slow') await sleep(100);
      }
    },
    { batch: 5 },
  );
  process.stdout.write(`committed ${r.applied}\n`);
  if (mode === 'drain' && ((await consumerPosition(ctx, 'test.killed'))?.applied ?? 0) >= Number(expected))
    break;
  if (mode === 'drain' && Date.now() > deadline) process.exit(1);
  if (r.applied === 0) await sleep(100);
}
await handle.close();
