// One-off (decision 0076): EXPLAIN ANALYZE of every statement of the statistics rebuild on a kept bench
// database (BENCH_KEEP_DB=1), through auto_explain as NOTICEs, in a transaction rolled back at the end.
// Usage: tsx bench/explain-rebuild.ts <database url> [counts|rollups|both]
import { openPostgres } from '../server/src/db/database.ts';
import { rebuild } from '../server/src/modules/statistics/refresh.ts';
import { rebuildRollups } from '../server/src/modules/statistics/rollup.ts';

const url = process.argv[2]!;
const what = process.argv[3] ?? 'both';
const handle = await openPostgres(url, { max: 1 });
handle.pool!.on('connect', (client) => {
  client.on('notice', (n) => {
    if (String(n.message).includes('Query Text')) console.log(String(n.message).slice(0, 20_000));
  });
});
class Rollback extends Error {}
const t0 = performance.now();
await handle.db
  .transaction()
  .execute(async (tx) => {
    const { sql } = await import('kysely');
    await sql`LOAD 'auto_explain'`.execute(tx);
    await sql`SET LOCAL auto_explain.log_min_duration = 500`.execute(tx);
    await sql`SET LOCAL auto_explain.log_analyze = on`.execute(tx);
    await sql`SET LOCAL auto_explain.log_buffers = on`.execute(tx);
    await sql`SET LOCAL auto_explain.log_timing = on`.execute(tx);
    await sql`SET LOCAL auto_explain.log_level = notice`.execute(tx);
    await sql`SET LOCAL client_min_messages = notice`.execute(tx);
    // A database made before migration 202612071220 (decision 0076): its two unread indexes dropped here too.
    if (process.env.DROP_UNREAD === '1') {
      await sql`DROP INDEX IF EXISTS stat_unit_counts_children`.execute(tx);
      await sql`DROP INDEX IF EXISTS stat_unit_counts_ranking`.execute(tx);
    }
    const log = (l: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${l}`);
    if (what !== 'counts') await rebuildRollups(tx, new Date(), 0, log);
    if (what !== 'rollups') await rebuild(tx, new Date(), log);
    throw new Rollback();
  })
  .catch((e) => {
    if (!(e instanceof Rollback)) throw e;
  });
console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s (rolled back)`);
await handle.close();
