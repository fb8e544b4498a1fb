// Scenario "signup-rush": BENCH_RUSH_PEOPLE (5,000) volunteers sign up at once for one shift with
// BENCH_RUSH_PLACES (500) places: POST /api/shifts/:id/signups through the API (wrk, or autocannon without
// it: bench/wrk.ts; each request once, a different volunteer each), then the database is checked (exactly
// the places accepted, the rest waitlisted, nobody lost or twice). Two SQL sides, both run by pgbench as
// the same number of sign-ups of prepared volunteers for a fresh shift of the same size: the statements
// one sign-up sends, captured from signUp() called as the route calls it (it reads the session itself;
// Kysely's log option; pgbench -M prepared when the API prepares them too), and the minimal transaction
// of the same work (signup-rush.minimal.sql). All three at 8 and at 32 connections/clients (setup and
// capture: signup-rush.setup.ts).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../../server/src/db/database.ts';
import { loadConfig } from '../../server/src/lib/config.ts';
import { cpuNote, runPgbench, startApi, withBenchDatabase, type PhaseResult, type Scenario } from '../lib.ts';
import {
  APP_ROLE,
  goal,
  refreshSessions,
  restartSequence,
  scaling,
  scalingNote,
  sessionTouches,
  verify,
  type Check,
} from './activities.ts';
import {
  captureScript,
  MINIMAL_SQL,
  minimalVariables,
  perClient,
  prepareRush,
  signups,
  WARMUP,
} from './signup-rush.setup.ts';
import { generatorLabel, sendEach } from '../wrk.ts';

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

/** A shift's sign-ups by status, rows, distinct volunteers, and its places taken (in `schema`'s tables). */
async function countShift(db: Database, shiftId: string, schema = 'public') {
  const r = await sql<{ accepted: number; waitlisted: number; rows: number; people: number; taken: number }>`
    SELECT count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
      count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted, count(*)::int AS rows,
      count(DISTINCT volunteer_id)::int AS people,
      (SELECT taken FROM ${sql.table(`${schema}.shifts`)} WHERE id = ${shiftId}) AS taken
    FROM ${sql.table(`${schema}.signups`)} WHERE shift_id = ${shiftId}`.execute(db);
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
      const connections = scaling(o);
      const t = performance.now();
      const r = await prepareRush(db, appKey, PEOPLE, PLACES, connections);
      const pgPeople = Math.max(...connections.map((c) => perClient(PEOPLE, c) * c));
      console.log(
        `   ${PEOPLE + WARMUP + 2 + pgPeople} volunteers with sessions in ` +
          `${((performance.now() - t) / 1000).toFixed(1)} s (API ${PEOPLE}, warm-up ${WARMUP}, pgbench ${pgPeople})`,
      );
      const dir = await mkdtemp(join(tmpdir(), 'yiqi-rush-'));
      let api: Awaited<ReturnType<typeof startApi>> | undefined;
      const rows: PhaseResult[] = [];
      try {
        // The statements of one accepted and one waitlisted sign-up, as the services send them.
        const { scripts, mode } = await captureScript(url, config, r, dir);
        api = await startApi(url, { env: { YIQI_APP_KEY: appKey.toString('base64') } });
        await sendEach({
          origin: api.origin,
          connections: o.connections,
          requests: signups(r.warm.shiftId, r.warmPeople),
        });
        for (const c of connections) {
          const measured = r.measured.get(c)!;
          const seen = await refreshSessions(db, `a${r.tag}`);
          const outcome = tally();
          const http = await sendEach({
            origin: api.origin,
            connections: c,
            pid: api.pid,
            requests: signups(measured.shiftId, r.people),
            onResponse: outcome.onResponse,
          });
          const touches = await sessionTouches(db, `a${r.tag}`, seen);
          const pgbench = (script: string, variables?: Record<string, string>, prepared = false) =>
            runPgbench({
              databaseUrl: url,
              script,
              transactions: perClient(PEOPLE, c),
              clients: c,
              role: APP_ROLE,
              ...(variables ? { variables } : {}),
              ...(prepared ? { mode: 'prepared' as const } : {}),
            });
          await restartSequence(db, 'rush');
          const apiSql = await pgbench(scripts.get(c)!, undefined, mode === 'prepared');
          await restartSequence(db, 'rush');
          const minimal = await pgbench(MINIMAL_SQL, minimalVariables(r.minimal.get(c)!));

          const places = Math.min(PLACES, PEOPLE);
          const inApi = await countShift(db, measured.shiftId);
          const inRaw = await countShift(db, r.raw.get(c)!.shiftId);
          const inMin = await countShift(db, r.minimal.get(c)!.shiftId, 'bench_min');
          const positions = new Set(outcome.positions);
          const gapFree =
            positions.size === PEOPLE - places &&
            outcome.positions.every((n) => n >= 1 && n <= PEOPLE - places);
          console.log(
            `\n   ${c} connections — API (${http.loadGenerator}): ${http.total} requests in ${http.seconds!.toFixed(1)} s; responses ${JSON.stringify(Object.fromEntries(outcome.by))}`,
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
            ['pgbench failed transactions', apiSql.failed, 0],
            [
              'pgbench shift: rows = distinct volunteers = transactions',
              `${inRaw.rows} = ${inRaw.people}`,
              `${apiSql.transactions} = ${apiSql.transactions}`,
            ],
            [
              'pgbench shift: accepted / taken',
              `${inRaw.accepted} / ${inRaw.taken}`,
              `${places} / ${places}`,
            ],
            ['minimal: failed transactions', minimal.failed, 0],
            [
              'minimal shift: rows = distinct volunteers = transactions',
              `${inMin.rows} = ${inMin.people}`,
              `${minimal.transactions} = ${minimal.transactions}`,
            ],
            [
              'minimal shift: accepted / taken',
              `${inMin.accepted} / ${inMin.taken}`,
              `${places} / ${places}`,
            ],
          ];
          verify(`checks (${c} connections)`, checks);

          const ratio = http.reqPerSec / apiSql.tps;
          const ofMinimal = http.reqPerSec / minimal.tps;
          rows.push({
            scenario: 'signup-rush',
            phase: `signup×${c}${generatorLabel(http)}`,
            api: http,
            sql: apiSql,
            ratio,
            minimal,
            extra: {
              connections: c,
              people: PEOPLE,
              places,
              accepted: inApi.accepted,
              waitlisted: inApi.waitlisted,
              taken: inApi.taken,
              wallSeconds: http.seconds!,
              sessionTouches: touches,
              pgbenchPerClient: perClient(PEOPLE, c),
              apiOfMinimal: ofMinimal,
            },
            note: [
              `${PEOPLE} sign-ups for ${PLACES} places in ${http.seconds!.toFixed(1)} s at ${c} connections; pgbench ${apiSql.transactions} each (${perClient(PEOPLE, c)} × ${c} clients)`,
              `rates: API ${http.reqPerSec.toFixed(1)}/s, pgbench API SQL ${apiSql.tps.toFixed(1)} tps, pgbench minimal ${minimal.tps.toFixed(1)} tps`,
              `goals: ${goal(inApi.accepted === places, `exactly ${places} accepted`)}, ${goal(inApi.rows === PEOPLE && http.non2xx + http.errors === 0, '0 lost')}, ` +
                `${goal(ofMinimal >= 0.25, `API ≥ 25 % of minimal (${(ofMinimal * 100).toFixed(1)} %)`)}, ` +
                `${goal(ratio >= 0.75, `API ≥ 75 % of its SQL (${(ratio * 100).toFixed(1)} %)`)}` +
                (c === 8
                  ? `, ${goal(http.p99Ms < 50, `p99 < 50 ms (${http.p99Ms.toFixed(0)} ms)`)}`
                  : `, p99 ${http.p99Ms.toFixed(0)} ms`),
              `sessions touched by the API during the run (last seen over a minute before): ${touches}`,
              cpuNote(http.cpu),
            ].join('\n    '),
          });
        }
        if (rows.length > 1) console.log(`\n   ${scalingNote(rows)}`);
        return rows;
      } finally {
        await api?.stop();
        await rm(dir, { recursive: true, force: true });
      }
    }),
};
