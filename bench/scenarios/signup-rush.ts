// Scenario "signup-rush": BENCH_RUSH_PEOPLE (5,000) volunteers sign up at once for one shift with
// BENCH_RUSH_PLACES (500) places: POST /api/shifts/:id/signups through the API (autocannon, each request
// once, a different volunteer each), then the database is checked (exactly the places accepted, the rest
// waitlisted, nobody lost or twice). The SQL side is the statements one sign-up sends, captured from
// authenticate() and signUp() themselves (Kysely's log option) for an accepted and a waitlisted sign-up,
// run by pgbench as the same number of sign-ups of prepared volunteers for a fresh shift of the same size
// (setup and capture: signup-rush.setup.ts).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type CompiledQuery } from 'kysely';
import type { Database } from '../../server/src/db/database.ts';
import { loadConfig } from '../../server/src/lib/config.ts';
import { runAutocannon, runPgbench, startApi, withBenchDatabase, type Scenario } from '../lib.ts';
import { inline, swapper } from '../sql.ts';
import { APP_ROLE, goal, refreshSessions, sessionTouches, verify, type Check } from './activities.ts';
import { captureScript, prepareRush, signups, WARMUP } from './signup-rush.setup.ts';

const PEOPLE = Number(process.env.BENCH_RUSH_PEOPLE ?? 5000);
const PLACES = Number(process.env.BENCH_RUSH_PLACES ?? 500);

/** Sign-up outcomes by status (2xx) or error code, and the waitlist positions returned. */
function tally() {
  const by = new Map<string, number>();
  const positions: number[] = [];
  const add = (key: string) => by.set(key, (by.get(key) ?? 0) + 1);
  return {
    by,
    positions,
    count: (key: string) => by.get(key) ?? 0,
    onResponse: (status: number, body: string) => {
      try {
        const r = JSON.parse(body) as {
          status?: string;
          waitlistPosition?: number;
          error?: { code: string };
        };
        if (status === 200 && r.waitlistPosition) positions.push(r.waitlistPosition);
        add(status === 200 ? r.status! : `${status} ${r.error?.code}`);
      } catch {
        add(`${status} (no JSON)`);
      }
    },
  };
}

/** EXPLAIN ANALYZE of the waitlist-position query for the last sign-up of a shift. */
async function explainLast(
  db: Database,
  q: CompiledQuery,
  seq: number,
  captureShiftId: string,
  shiftId: string,
) {
  const last = await sql<{ seq: number }>`SELECT seq FROM signups WHERE shift_id = ${shiftId}
    AND status = 'waitlisted' ORDER BY seq DESC LIMIT 1`.execute(db);
  if (!last.rows[0]) return;
  const swap = swapper({}, { [captureShiftId]: shiftId });
  const statement = inline(q, (v) => (v === seq ? String(last.rows[0]!.seq) : swap(v)));
  const plan = await sql
    .raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${statement}`)
    .execute(db);
  console.log('\n   EXPLAIN ANALYZE waitlist position of the last sign-up:');
  for (const r of plan.rows) console.log(`     ${r['QUERY PLAN']}`);
}

/** A shift's sign-ups by status, rows, distinct volunteers, and its places taken. */
async function countShift(db: Database, shiftId: string) {
  const r = await sql<{ accepted: number; waitlisted: number; rows: number; people: number; taken: number }>`
    SELECT count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
      count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted, count(*)::int AS rows,
      count(DISTINCT volunteer_id)::int AS people, (SELECT taken FROM shifts WHERE id = ${shiftId}) AS taken
    FROM signups WHERE shift_id = ${shiftId}`.execute(db);
  return r.rows[0]!;
}

export const signupRush: Scenario = {
  name: 'signup-rush',
  description: `${PEOPLE.toLocaleString('en')} volunteers sign up at once for one shift with ${PLACES} places`,
  run: (o) =>
    withBenchDatabase(o.adminUrl, async ({ url, handle }) => {
      const db = handle.db;
      const appKey = randomBytes(32);
      const config = loadConfig({ YIQI_APP_KEY: appKey.toString('base64') });
      const t = performance.now();
      const r = await prepareRush(db, appKey, PEOPLE, PLACES, o.connections);
      const pgPeople = r.perClient * o.connections;
      console.log(
        `   ${PEOPLE + WARMUP + 2 + pgPeople} volunteers with sessions in ` +
          `${((performance.now() - t) / 1000).toFixed(1)} s (API ${PEOPLE}, warm-up ${WARMUP}, pgbench ${pgPeople})`,
      );
      const dir = await mkdtemp(join(tmpdir(), 'yiqi-rush-'));
      let api: Awaited<ReturnType<typeof startApi>> | undefined;
      try {
        // The statements of one accepted and one waitlisted sign-up, as the services send them.
        const captured = await captureScript(url, config, r, dir);
        api = await startApi(url, { env: { YIQI_APP_KEY: appKey.toString('base64') } });
        await runAutocannon({
          origin: api.origin,
          connections: o.connections,
          amount: WARMUP,
          requests: signups(r.warm.shiftId, r.warmPeople),
        });
        const seen = await refreshSessions(db, `a${r.tag}`);
        const outcome = tally();
        const http = await runAutocannon({
          origin: api.origin,
          connections: o.connections,
          amount: PEOPLE,
          requests: signups(r.measured.shiftId, r.people, outcome.onResponse),
        });
        const touches = await sessionTouches(db, `a${r.tag}`, seen);
        const pgbench = await runPgbench({
          databaseUrl: url,
          script: captured.script,
          transactions: r.perClient,
          clients: o.connections,
          role: APP_ROLE,
        });

        // The waitlist position counts the waitlist up to the new sign-up (after the commit).
        if (captured.waitlistQuery)
          await explainLast(
            db,
            captured.waitlistQuery,
            captured.waitlistedSeq,
            r.captureShift.shiftId,
            r.measured.shiftId,
          );
        const places = Math.min(PLACES, PEOPLE);
        const inApi = await countShift(db, r.measured.shiftId);
        const inRaw = await countShift(db, r.raw.shiftId);
        const positions = new Set(outcome.positions);
        const gapFree =
          positions.size === PEOPLE - places &&
          outcome.positions.every((n) => n >= 1 && n <= PEOPLE - places);
        console.log(
          `   API: ${http.total} requests in ${http.seconds!.toFixed(1)} s; responses ${JSON.stringify(Object.fromEntries(outcome.by))}`,
        );
        const checks: Check[] = [
          ['API 2xx responses', http.total - http.non2xx - http.errors, PEOPLE],
          ['API non-2xx responses and errors', http.non2xx + http.errors, 0],
          ['API responses accepted', outcome.count('accepted'), places],
          ['API responses waitlisted', outcome.count('waitlisted'), PEOPLE - places],
          ['waitlist positions returned are 1…N, each once', String(gapFree), 'true'],
          ['DB sign-up rows', inApi.rows, PEOPLE],
          ['DB distinct volunteers', inApi.people, PEOPLE],
          ['DB accepted', inApi.accepted, places],
          ['DB waitlisted', inApi.waitlisted, PEOPLE - places],
          ['DB shifts.taken', inApi.taken, places],
          ['pgbench failed transactions', pgbench.failed, 0],
          [
            'pgbench shift: rows = distinct volunteers = transactions',
            `${inRaw.rows} = ${inRaw.people}`,
            `${pgbench.transactions} = ${pgbench.transactions}`,
          ],
          ['pgbench shift: accepted / taken', `${inRaw.accepted} / ${inRaw.taken}`, `${places} / ${places}`],
        ];
        verify('checks', checks);

        const ratio = http.reqPerSec / pgbench.tps;
        const note = [
          `${PEOPLE} sign-ups for ${PLACES} places in ${http.seconds!.toFixed(1)} s; pgbench ${pgbench.transactions} (${r.perClient} × ${o.connections} clients)`,
          `goals: ${goal(inApi.accepted === places, `exactly ${places} accepted`)}, ${goal(inApi.rows === PEOPLE && http.non2xx + http.errors === 0, '0 lost')}, ` +
            `${goal(ratio >= 0.5, `API ≥ 50 % of raw SQL (${(ratio * 100).toFixed(1)} %)`)}, ${goal(http.p99Ms < 100, `p99 < 100 ms (${http.p99Ms.toFixed(0)} ms)`)}`,
          `sessions touched by the API during the run (last seen over a minute before): ${touches}`,
        ].join('\n    ');
        return [
          {
            scenario: 'signup-rush',
            phase: 'signup',
            api: http,
            sql: pgbench,
            ratio,
            extra: {
              people: PEOPLE,
              places,
              accepted: inApi.accepted,
              waitlisted: inApi.waitlisted,
              taken: inApi.taken,
              wallSeconds: http.seconds!,
              sessionTouches: touches,
              pgbenchPerClient: r.perClient,
            },
            note,
          },
        ];
      } finally {
        await api?.stop();
        await rm(dir, { recursive: true, force: true });
      }
    }),
};
