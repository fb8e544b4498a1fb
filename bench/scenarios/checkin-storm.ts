// Scenario "checkin-storm": BENCH_STORM_PEOPLE (10,000) volunteers with accepted sign-ups check in by QR
// code (POST /api/checkins) at once, a different volunteer per request, each request once (wrk, or
// autocannon without it: bench/wrk.ts), the code fetched from the organizer's endpoint and refreshed every
// 15 s as the screen would; then BENCH_STORM_RETRIES (1,000) of them send it again, which must find their
// first record. The database is checked for lost and doubled check-ins. The SQL side is the statements of
// one check-in and of one retry, captured from scanCheckIn() called as the route calls it (it reads the
// session itself; Kysely's log option), run by pgbench (-M prepared when the API prepares them too) with
// prepared volunteers on a fresh shift, and the minimal transaction of a check-in
// (checkin-storm.minimal.sql) likewise. All of it at 8 and at 32 connections/clients (setup and capture:
// checkin-storm.setup.ts).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  type Shift,
} from './activities.ts';
import {
  captureScripts,
  checkins,
  countAttendances,
  MINIMAL_SQL,
  perClient,
  prepareStorm,
  tally,
  WARMUP,
} from './checkin-storm.setup.ts';
import { staffSession } from './staff.ts';
import { generatorLabel, sendEach } from '../wrk.ts';

const PEOPLE = Number(process.env.BENCH_STORM_PEOPLE ?? 10_000);
const RETRIES = Math.min(PEOPLE, Number(process.env.BENCH_STORM_RETRIES ?? 1000));
/** The storm's goal: every check-in done within this. */
const WITHIN_SECONDS = 60;

export const checkinStorm: Scenario = {
  name: 'checkin-storm',
  description: `${PEOPLE.toLocaleString('en')} QR check-ins at once for one shift, then ${RETRIES.toLocaleString('en')} retries`,
  run: (o) =>
    withBenchDatabase(o.adminUrl, async ({ url, handle }) => {
      const db = handle.db;
      const appKey = randomBytes(32);
      const config = loadConfig({ YIQI_APP_KEY: appKey.toString('base64') });
      const connections = scaling(o);
      let t = performance.now();
      const s = await prepareStorm(db, appKey, PEOPLE, connections);
      const pgPeople = Math.max(...connections.map((c) => perClient(PEOPLE, c) * c));
      console.log(
        `   ${PEOPLE + WARMUP + 1 + pgPeople} volunteers with sessions and accepted sign-ups in ` +
          `${((performance.now() - t) / 1000).toFixed(1)} s (API ${PEOPLE}, warm-up ${WARMUP}, pgbench ${pgPeople})`,
      );

      const api = await startApi(url, { env: { YIQI_APP_KEY: appKey.toString('base64') } });
      const dir = await mkdtemp(join(tmpdir(), 'yiqi-storm-'));
      let refresh: NodeJS.Timeout | undefined;
      const rows: PhaseResult[] = [];
      try {
        // The organizer's screen: the current code, through the API as an org admin with TOTP.
        const staff = await staffSession(api.origin, s.org.staff);
        const qr = async (shift: Shift) => {
          const r = await fetch(
            `${api.origin}/api/activities/${shift.activityId}/shifts/${shift.shiftId}/qr`,
            {
              headers: { cookie: staff },
            },
          );
          if (!r.ok) throw new Error(`QR code: ${r.status} ${await r.text()}`);
          return ((await r.json()) as { token: string }).token;
        };
        const { scripts, mode } = await captureScripts(db, url, config, s, await qr(s.captureShift), dir);

        const warmToken = await qr(s.warm);
        await sendEach({
          origin: api.origin,
          connections: o.connections,
          requests: checkins(s.warmPeople),
          live: () => warmToken,
        });
        for (const c of connections) {
          const measured = s.measured.get(c)!;
          const requests = { origin: api.origin, connections: c, pid: api.pid };
          // A code passes for its 30-second step and one either side: refreshed every 15 s, as a screen does.
          let current = await qr(measured);
          refresh = setInterval(
            () => void qr(measured).then((token) => (current = token), console.error),
            15_000,
          );
          const seen = await refreshSessions(db, `a${s.tag}`);
          const storm = tally();
          t = performance.now();
          const http = await sendEach({
            ...requests,
            requests: checkins(s.people),
            live: () => current,
            onResponse: storm.onResponse,
          });
          const touches = await sessionTouches(db, `a${s.tag}`, seen);
          const afterStorm = await countAttendances(db, measured.shiftId);
          await refreshSessions(db, `a${s.tag}`);
          const retried = tally();
          const retryHttp = await sendEach({
            ...requests,
            requests: checkins(s.people.slice(0, RETRIES)),
            live: () => current,
            onResponse: retried.onResponse,
          });
          clearInterval(refresh);
          const afterRetries = await countAttendances(db, measured.shiftId);

          const pgbench = (
            script: string,
            transactions: number,
            variables?: Record<string, string>,
            prepared = false,
          ) =>
            runPgbench({
              databaseUrl: url,
              script,
              transactions,
              clients: c,
              role: APP_ROLE,
              ...(variables ? { variables } : {}),
              ...(prepared ? { mode: 'prepared' as const } : {}),
            });
          const raw = s.raw.get(c)!;
          await restartSequence(db, 'storm');
          const checkinSql = await pgbench(
            scripts.get(c)!.checkin,
            perClient(PEOPLE, c),
            undefined,
            mode === 'prepared',
          );
          const rawAfter = await countAttendances(db, raw.shiftId);
          // The retries: the first volunteers of the prepared table again.
          await restartSequence(db, 'storm');
          const retrySql = await pgbench(
            scripts.get(c)!.retry,
            perClient(RETRIES, c),
            undefined,
            mode === 'prepared',
          );
          const rawAfterRetries = await countAttendances(db, raw.shiftId);
          const min = s.minimal.get(c)!;
          await restartSequence(db, 'storm');
          const minimal = await pgbench(MINIMAL_SQL, perClient(PEOPLE, c), { shift_id: min.shiftId });
          const minAfter = await countAttendances(db, min.shiftId);

          const sameIds = [...retried.ids].filter((id) => storm.ids.has(id)).length;
          console.log(
            `\n   ${c} connections — API (${http.loadGenerator}): ${http.total} check-ins in ${http.seconds!.toFixed(1)} s, then ${retryHttp.total} retries in ${retryHttp.seconds!.toFixed(1)} s`,
          );
          if (storm.errors.size || retried.errors.size)
            console.log(`   errors: ${JSON.stringify([...storm.errors, ...retried.errors])}`);
          const ok2xx = (r: typeof http) => r.total - r.non2xx - r.errors;
          const checks: Check[] = [
            ['API check-ins: 2xx responses', ok2xx(http), PEOPLE],
            ['API check-ins: non-2xx responses and errors', http.non2xx + http.errors, 0],
            ['API check-ins: new records (repeated=false)', storm.created, PEOPLE],
            ['API check-ins: distinct attendance ids', storm.ids.size, PEOPLE],
            ['DB attendances after the storm', afterStorm.n, PEOPLE],
            ['DB distinct sign-ups checked in', afterStorm.signups, PEOPLE],
            ['API retries: 2xx responses', ok2xx(retryHttp), RETRIES],
            ['API retries: repeated=true', retried.repeated, RETRIES],
            ['API retries: the first record’s id', sameIds, RETRIES],
            ['DB attendances after the retries (no rows added)', afterRetries.n, PEOPLE],
            ['pgbench failed transactions', checkinSql.failed + retrySql.failed, 0],
            [
              'pgbench shift: rows = distinct sign-ups = transactions',
              `${rawAfter.n} = ${rawAfter.signups}`,
              `${checkinSql.transactions} = ${checkinSql.transactions}`,
            ],
            ['pgbench shift after the retries', rawAfterRetries.n, checkinSql.transactions],
            ['minimal: failed transactions', minimal.failed, 0],
            [
              'minimal shift: rows = distinct sign-ups = transactions',
              `${minAfter.n} = ${minAfter.signups}`,
              `${minimal.transactions} = ${minimal.transactions}`,
            ],
          ];
          verify(`checks (${c} connections)`, checks);

          const ratio = http.reqPerSec / checkinSql.tps;
          const ofMinimal = http.reqPerSec / minimal.tps;
          const p99 = (r: typeof http) =>
            c === 8
              ? goal(r.p99Ms < 50, `p99 < 50 ms (${r.p99Ms.toFixed(0)} ms)`)
              : `p99 ${r.p99Ms.toFixed(0)} ms`;
          rows.push(
            {
              scenario: 'checkin-storm',
              phase: `checkin×${c}${generatorLabel(http)}`,
              api: http,
              sql: checkinSql,
              ratio,
              minimal,
              extra: {
                connections: c,
                people: PEOPLE,
                wallSeconds: http.seconds!,
                attendances: afterStorm.n,
                sessionTouches: touches,
                pgbenchPerClient: perClient(PEOPLE, c),
                apiOfMinimal: ofMinimal,
              },
              note: [
                `${PEOPLE} check-ins in ${http.seconds!.toFixed(1)} s at ${c} connections; pgbench ${checkinSql.transactions} each (${perClient(PEOPLE, c)} × ${c} clients)`,
                `rates: API ${http.reqPerSec.toFixed(1)}/s, pgbench API SQL ${checkinSql.tps.toFixed(1)} tps, pgbench minimal ${minimal.tps.toFixed(1)} tps`,
                `goals: ${goal(http.seconds! <= WITHIN_SECONDS, `all within ${WITHIN_SECONDS} s`)}, ${goal(afterStorm.n === PEOPLE, '0 lost')}, ` +
                  `${goal(afterStorm.signups === afterStorm.n && afterRetries.n === PEOPLE, '0 duplicates')}, ` +
                  `${goal(ofMinimal >= 0.25, `API ≥ 25 % of minimal (${(ofMinimal * 100).toFixed(1)} %)`)}, ` +
                  `${goal(ratio >= 0.75, `API ≥ 75 % of its SQL (${(ratio * 100).toFixed(1)} %)`)}, ${p99(http)}`,
                `sessions touched by the API during the run (last seen over a minute before): ${touches}`,
                cpuNote(http.cpu),
              ].join('\n    '),
            },
            {
              scenario: 'checkin-storm',
              phase: `retry×${c}${generatorLabel(retryHttp)}`,
              api: retryHttp,
              sql: retrySql,
              ratio: retryHttp.reqPerSec / retrySql.tps,
              extra: {
                connections: c,
                retries: RETRIES,
                repeated: retried.repeated,
                pgbenchPerClient: perClient(RETRIES, c),
              },
              note: [
                `${RETRIES} volunteers check in again: all get their first record back, no row added; ${p99(retryHttp)}`,
                cpuNote(retryHttp.cpu),
              ].join('\n    '),
            },
          );
        }
        const checkinRows = rows.filter((r) => r.phase.startsWith('checkin'));
        if (checkinRows.length > 1) console.log(`\n   ${scalingNote(checkinRows)}`);
        return rows;
      } finally {
        clearInterval(refresh);
        await api.stop();
        await rm(dir, { recursive: true, force: true });
      }
    }),
};
