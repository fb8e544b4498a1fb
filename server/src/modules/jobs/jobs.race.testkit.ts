/**
 * A separate process for jobs.test.ts on PostgreSQL: a job runner on its own connections, as a second API
 * process would be. Waits until every racer is up (rows in job_race_ready), runs due 'test.race-process'
 * jobs until none is left, and records each run in job_race_effects with its process id.
 * Usage: node --import tsx jobs.race.testkit.ts <database url> <racers>
 */
import { sql } from 'kysely';
import pino from 'pino';
import { openPostgres } from '../../db/database.ts';
import { testConfig } from '../../test/harness.ts';
import { createJobRunner } from './jobs.runner.ts';

const [url, racers] = process.argv.slice(2);
const handle = await openPostgres(url!, { max: 2 });
const runner = createJobRunner(
  { db: handle.db, config: testConfig(), clock: () => new Date() },
  [
    {
      name: 'test.race-process',
      run: async (ctx, p: { n: number }) => {
        await sql`INSERT INTO job_race_effects (n, pid) VALUES (${p.n}, ${process.pid})`.execute(ctx.db);
      },
    },
  ],
  pino({ level: 'silent' }),
);
await sql`INSERT INTO job_race_ready (pid) VALUES (${process.pid})`.execute(handle.db);
for (;;) {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM job_race_ready`.execute(handle.db);
  if (r.rows[0]!.n >= Number(racers)) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const runs = await runner.tick();
await handle.close();
process.stdout.write(JSON.stringify({ pid: process.pid, runs }));
