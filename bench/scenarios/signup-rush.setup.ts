// Setup of "signup-rush" (signup-rush.ts): the shifts and their volunteers, the pgbench script captured
// from an accepted and a waitlisted sign-up, the copies the minimal transaction writes, and the requests.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type CompiledQuery } from 'kysely';
import type { Database } from '../../server/src/db/database.ts';
import type { Config } from '../../server/src/lib/config.ts';
import { signUp } from '../../server/src/modules/activities/signups.service.ts';
import { modeOf, openCapture, pending, scriptLine, swapper, writeScript } from '../sql.ts';
import type { OnceRequest } from '../wrk.ts';
import {
  APP_ROLE,
  createOrganizer,
  createShift,
  describe,
  personVariables,
  pickLine,
  preparedTable,
  volunteers,
  type Person,
  type Shift,
} from './activities.ts';

/** Sign-ups on another shift first, so the measured ones meet a warm server (JIT, pool connections). */
export const WARMUP = 200;

export interface Rush {
  tag: string;
  /** The measured shift per connection count (on a day of its own) and its volunteers (tag a<tag>). */
  measured: Map<number, Shift>;
  people: Person[];
  warm: Shift;
  warmPeople: Person[];
  /** A shift with one place, and two volunteers whose sign-ups are captured (accepted, waitlisted). */
  captureShift: Shift;
  capturers: Person[];
  /**
   * The fresh shifts pgbench signs up for per connection count: `raw` with the API's captured statements,
   * `minimal` (a copy in bench_min, see MINIMAL_SQL) with the minimal transaction; prepared volunteers in
   * bench_rush, enough for `perClient(c) × c` at every count.
   */
  raw: Map<number, Shift>;
  minimal: Map<number, Shift>;
}

/** pgbench runs -t per client: every client the same number, so slightly more than `people` may be needed. */
export const perClient = (people: number, clients: number) => Math.ceil(people / clients);

/**
 * Shifts of `places` starting in two days and later (one day each, so the same volunteers may sign up for
 * the measured shift of every connection count without overlapping), and volunteers with sessions.
 */
export async function prepareRush(
  db: Database,
  appKey: Buffer,
  people: number,
  places: number,
  connections: number[],
) {
  const org = await createOrganizer(db, appKey, 'rush');
  const day = (n: number) => new Date(Math.ceil((Date.now() + n * 86_400_000) / 60_000) * 60_000);
  const shift = (title: string, quota: number, days: number) =>
    createShift(db, org, { title, startsAt: day(days), hours: 4, quota });
  const tag = randomBytes(3).toString('hex');
  const measured = new Map<number, Shift>();
  const raw = new Map<number, Shift>();
  const minimal = new Map<number, Shift>();
  for (const [i, c] of connections.entries()) {
    measured.set(c, await shift(`抢报名（API，${c} 连接）`, places, 2 + i));
    raw.set(c, await shift(`抢报名（pgbench，${c}）`, places, 2 + i));
    minimal.set(c, await shift(`抢报名（最小事务，${c}）`, places, 2 + i));
  }
  const rush: Rush = {
    tag,
    measured,
    people: await volunteers(db, people, `a${tag}`),
    warm: await shift('抢报名（预热）', places, 2),
    warmPeople: await volunteers(db, WARMUP, `w${tag}`),
    captureShift: await shift('抢报名（捕获）', 1, 2),
    capturers: await volunteers(db, 2, `c${tag}`),
    raw,
    minimal,
  };
  await volunteers(db, Math.max(...connections.map((c) => perClient(people, c) * c)), `p${tag}`);
  await preparedTable(db, 'rush', `p${tag}`);
  await minimalTables(
    db,
    [...minimal.values()].map((m) => m.shiftId),
  );
  await sql`ANALYZE`.execute(db);
  return rush;
}

/** The minimal transaction of a sign-up, for pgbench (see the file). */
export const MINIMAL_SQL = fileURLToPath(new URL('./signup-rush.minimal.sql', import.meta.url));

/**
 * bench_min.shifts and bench_min.signups: copies of the two tables with their columns, defaults, identity,
 * CHECK constraints (taken <= quota) and indexes (one open sign-up per volunteer and shift), without their
 * triggers and foreign keys, so the minimal transaction's guarded UPDATE is the only thing that counts a
 * place. The given shifts are copied in (taken 0).
 */
async function minimalTables(db: Database, shiftIds: string[]) {
  await sql`CREATE SCHEMA bench_min`.execute(db);
  await sql`CREATE TABLE bench_min.shifts (LIKE public.shifts INCLUDING ALL)`.execute(db);
  await sql`CREATE TABLE bench_min.signups (LIKE public.signups INCLUDING ALL)`.execute(db);
  await sql`INSERT INTO bench_min.shifts SELECT * FROM shifts WHERE id = ANY (${shiftIds}::uuid[])`.execute(
    db,
  );
  await sql.raw(`GRANT USAGE ON SCHEMA bench_min TO ${APP_ROLE}`).execute(db);
  await sql.raw(`GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA bench_min TO ${APP_ROLE}`).execute(db);
}

/** The pgbench variables of the minimal transaction for one shift. */
export const minimalVariables = (s: Shift) => ({
  shift_id: s.shiftId,
  position_id: s.positionId,
  activity_id: s.activityId,
  range: s.range,
});

/**
 * Captures the sign-ups of the two capture volunteers (the first takes the one place, the second is
 * waitlisted) and writes the pgbench script of one sign-up per measured connection count: per-person
 * values become the variables of pickLine(), the capture shift's ids the pgbench shift's. signUp() decides
 * accepted or waitlisted inside its one write statement, so both captures send the same statements.
 * Also returns the pgbench mode that matches how the API sends them (modeOf).
 */
export async function captureScript(url: string, config: Config, r: Rush, dir: string) {
  const capture = openCapture(url, config);
  const captured: CompiledQuery[][] = [];
  const results: { id: string; status: string }[] = [];
  for (const p of r.capturers) {
    // As the route calls it: the session cookie left to the service's own first statement.
    const ctx = { ...capture.ctx, actor: null, pendingSession: pending(p.cookie) };
    results.push(await signUp(ctx, r.captureShift.shiftId, undefined));
    captured.push(capture.take());
  }
  await capture.close();
  const statuses = results.map((x) => x.status).join();
  if (statuses !== 'accepted,waitlisted') throw new Error(`capture sign-ups: ${statuses}`);
  const [accepted, waitlisted] = captured as [CompiledQuery[], CompiledQuery[]];
  if (accepted.map((q) => q.sql).join('\n') !== waitlisted.map((q) => q.sql).join('\n'))
    throw new Error('sign-up: the accepted and the waitlisted capture sent different statements');
  const title = `-- POST /api/shifts/:id/signups: the statements of one sign-up, captured with Kysely's log option`;
  const scripts = new Map<number, string>();
  for (const [c, raw] of r.raw) {
    const swapPerson = swapper(personVariables(r.capturers[0]!), {
      [r.captureShift.shiftId]: raw.shiftId,
      [r.captureShift.activityId]: raw.activityId,
      [r.captureShift.positionId]: raw.positionId,
    });
    // The sign-up's id is drawn by the service for each sign-up (it names it to the place trigger): a new
    // one in every pgbench transaction too.
    const swap = (v: unknown) => (v === results[0]!.id ? 'gen_random_uuid()' : swapPerson(v));
    const script = join(dir, `signup-${c}.sql`);
    const lines = accepted.map((q) => scriptLine(q, swap));
    await writeScript(script, [title, pickLine('rush'), ...lines].join('\n') + '\n');
    scripts.set(c, script);
  }
  const mode = modeOf(accepted);
  console.log(
    `   one sign-up (accepted or waitlisted): ${accepted.map(describe).join(', ')} (pgbench -M ${mode})`,
  );
  return { scripts, mode };
}

/** One POST per person, each with their own session (sent once each: bench/wrk.ts). */
export function signups(shiftId: string, people: Person[]): OnceRequest[] {
  return people.map((p) => ({
    method: 'POST',
    path: `/api/shifts/${shiftId}/signups`,
    headers: { 'content-type': 'application/json', cookie: p.cookie },
    body: '{}',
  }));
}
