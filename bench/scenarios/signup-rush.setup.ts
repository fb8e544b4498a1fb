// Setup of "signup-rush" (signup-rush.ts): the shifts and their volunteers, the pgbench script captured
// from an accepted and a waitlisted sign-up, and the requests.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database } from '../../server/src/db/database.ts';
import type { Config } from '../../server/src/lib/config.ts';
import { signUp } from '../../server/src/modules/activities/signups.service.ts';
import { authenticate } from '../../server/src/modules/auth/auth.service.ts';
import { openCapture, scriptLine, swapper, writeScript } from '../sql.ts';
import {
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
  /** The measured shift and its volunteers (tag a<tag>). */
  measured: Shift;
  people: Person[];
  warm: Shift;
  warmPeople: Person[];
  /** A shift with one place, and two volunteers whose sign-ups are captured (accepted, waitlisted). */
  captureShift: Shift;
  capturers: Person[];
  /** The fresh shift pgbench signs up for, with `perClient × clients` prepared volunteers (bench_rush). */
  raw: Shift;
  perClient: number;
}

/** Shifts of `places` starting in two days, and volunteers with sessions. */
export async function prepareRush(
  db: Database,
  appKey: Buffer,
  people: number,
  places: number,
  clients: number,
) {
  const org = await createOrganizer(db, appKey, 'rush');
  const startsAt = new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 60_000) * 60_000);
  const shift = (title: string, quota: number) => createShift(db, org, { title, startsAt, hours: 4, quota });
  // pgbench runs -t per client: every client the same number, so slightly more than `people` may be needed.
  const perClient = Math.ceil(people / clients);
  const tag = randomBytes(3).toString('hex');
  const rush: Rush = {
    tag,
    measured: await shift('抢报名（API）', places),
    people: await volunteers(db, people, `a${tag}`),
    warm: await shift('抢报名（预热）', places),
    warmPeople: await volunteers(db, WARMUP, `w${tag}`),
    captureShift: await shift('抢报名（捕获）', 1),
    capturers: await volunteers(db, 2, `c${tag}`),
    raw: await shift('抢报名（pgbench）', places),
    perClient,
  };
  await volunteers(db, perClient * clients, `p${tag}`);
  await preparedTable(db, 'rush', `p${tag}`);
  await sql`ANALYZE`.execute(db);
  return rush;
}

/**
 * The pgbench script of one sign-up: the accepted and the waitlisted capture share every statement up to
 * the shift lock; after it, the branch follows the places the lock read, as signUp() decides.
 */
function rushScript(
  captured: CompiledQuery[][],
  swaps: ((v: unknown) => string | undefined)[],
  postSwaps: ((v: unknown) => string | undefined)[],
) {
  const gset = (q: CompiledQuery) =>
    /for no key update/i.test(q.sql) ? 'shift_' : /^insert into "signups"/i.test(q.sql) ? 'row_' : undefined;
  const [a, w] = captured.map((qs, i) => {
    const lock = qs.findIndex((q) => /for no key update/i.test(q.sql));
    const commit = qs.findIndex((q) => /^commit$/i.test(q.sql));
    if (lock < 0 || commit < 0) throw new Error('sign-up: no shift lock or no COMMIT captured');
    // Statements after the commit (the waitlist position) run outside the lock, as in signUp().
    const lines = qs.map((q, k) => scriptLine(q, (k > commit ? postSwaps : swaps)[i]!, gset(q)));
    return {
      before: lines.slice(0, lock + 1),
      after: lines.slice(lock + 1, commit),
      post: lines.slice(commit + 1),
    };
  }) as [
    { before: string[]; after: string[]; post: string[] },
    { before: string[]; after: string[]; post: string[] },
  ];
  if (a.before.join('\n') !== w.before.join('\n'))
    throw new Error('sign-up: the accepted and the waitlisted capture differ before the shift lock');
  const title = `-- POST /api/shifts/:id/signups: the statements of one sign-up, captured with Kysely's log option`;
  const branches = [
    '\\if :shift_taken < :shift_quota',
    ...a.after,
    'COMMIT;',
    ...a.post,
    '\\else',
    ...w.after,
    'COMMIT;',
    ...w.post,
    '\\endif',
  ];
  return [title, pickLine('rush'), ...a.before, ...branches].join('\n') + '\n';
}

/** A sign-up's arrival number. */
async function seqOf(url: string, signupId: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ seq: string }>('SELECT seq FROM signups WHERE id = $1', [signupId]);
    return Number(r.rows[0]!.seq);
  } finally {
    await c.end();
  }
}

/**
 * Captures the sign-ups of the two capture volunteers (the first takes the one place, the second is
 * waitlisted) and writes the pgbench script for the pgbench shift: per-person values become the variables
 * of pickLine() and of the rows the statements return (shift_: the locked shift, row_: the new sign-up).
 * Returns it with the waitlist-position query and the waitlisted capture's id, for EXPLAIN.
 */
export async function captureScript(url: string, config: Config, r: Rush, dir: string) {
  const capture = openCapture(url, config);
  const values = {
    [r.captureShift.shiftId]: r.raw.shiftId,
    [r.captureShift.activityId]: r.raw.activityId,
    [r.captureShift.positionId]: r.raw.positionId,
  };
  const captured: CompiledQuery[][] = [];
  const swaps: ((v: unknown) => string | undefined)[] = [];
  const postSwaps: ((v: unknown) => string | undefined)[] = [];
  const results: { id: string; status: string }[] = [];
  for (const p of r.capturers) {
    const actor = await authenticate(capture.ctx, p.cookie.slice('yiqi_sid='.length));
    const result = await signUp({ ...capture.ctx, actor }, r.captureShift.shiftId, undefined);
    captured.push(capture.take());
    const swap = swapper({ ...personVariables(p), [result.id]: 'row_id' }, values);
    swaps.push(swap);
    // The waitlist position is counted up to the new sign-up's arrival number (row_seq from the insert).
    const seq = await seqOf(url, result.id);
    postSwaps.push((v) => (v === seq ? ':row_seq' : swap(v)));
    results.push(result);
  }
  await capture.close();
  const statuses = results.map((x) => x.status).join();
  if (statuses !== 'accepted,waitlisted') throw new Error(`capture sign-ups: ${statuses}`);
  const script = join(dir, 'signup.sql');
  await writeScript(script, rushScript(captured, swaps, postSwaps));
  const [accepted, waitlisted] = captured as [CompiledQuery[], CompiledQuery[]];
  const extra = waitlisted.filter((q) => !accepted.some((a) => a.sql === q.sql));
  console.log(`   accepted sign-up: ${accepted.map(describe).join(', ')}`);
  console.log(`   waitlisted also: ${extra.map(describe).join(', ')}`);
  return {
    script,
    waitlistQuery: extra.find((q) => /"seq" <=/.test(q.sql)),
    waitlistedSeq: await seqOf(url, results[1]!.id),
  };
}

/** One POST per person, each with their own session. */
export function signups(
  shiftId: string,
  people: Person[],
  onResponse?: (status: number, body: string) => void,
) {
  let i = 0;
  return [
    {
      method: 'POST',
      path: `/api/shifts/${shiftId}/signups`,
      body: '{}',
      setupRequest: (req: object) => ({
        ...req,
        headers: { 'content-type': 'application/json', cookie: people[i++ % people.length]!.cookie },
      }),
      ...(onResponse ? { onResponse } : {}),
    },
  ];
}
