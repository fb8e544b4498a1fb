// Setup of "checkin-storm" (checkin-storm.ts): the shifts with their volunteers and accepted sign-ups, the
// pgbench scripts captured from one check-in and one retry, and the request and response helpers. The
// minimal transaction of a check-in is checkin-storm.minimal.sql.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type CompiledQuery } from 'kysely';
import type { Database } from '../../server/src/db/database.ts';
import type { Config } from '../../server/src/lib/config.ts';
import { scanCheckIn } from '../../server/src/modules/activities/attendance.service.ts';
import { modeOf, openCapture, pending, scriptLine, swapper, writeScript } from '../sql.ts';
import { LIVE, type OnceRequest } from '../wrk.ts';
import {
  acceptedSignups,
  createOrganizer,
  createShift,
  describe,
  personVariables,
  pickLine,
  preparedTable,
  volunteers,
  type Organizer,
  type Person,
  type Shift,
} from './activities.ts';

/** Check-ins on another shift first, so the measured ones meet a warm server (JIT, pool connections). */
export const WARMUP = 200;

export interface Storm {
  org: Organizer;
  tag: string;
  /** The measured shift per connection count and its volunteers (tag a<tag>), the same people on each. */
  measured: Map<number, Shift>;
  people: Person[];
  warm: Shift;
  warmPeople: Person[];
  /** A shift with one volunteer whose check-in and retry are captured. */
  captureShift: Shift;
  capturer: Person;
  /**
   * The fresh shifts pgbench checks in to per connection count, with accepted sign-ups of the prepared
   * volunteers (bench_storm, enough for `perClient(c) × c` at every count): `raw` for the API's captured
   * statements, `minimal` for the minimal transaction (checkin-storm.minimal.sql).
   */
  raw: Map<number, Shift>;
  minimal: Map<number, Shift>;
}

/** pgbench runs -t per client: every client the same number, so slightly more than `people` may be needed. */
export const perClient = (people: number, clients: number) => Math.ceil(people / clients);

/** The minimal transaction of a check-in, for pgbench (see the file). */
export const MINIMAL_SQL = fileURLToPath(new URL('./checkin-storm.minimal.sql', import.meta.url));

/**
 * Shifts each with accepted volunteers. Check-in opens an hour before a shift and closes when it ends, and
 * a volunteer is never checked in to two overlapping shifts: the measured shifts (the same volunteers at
 * every connection count) follow one another in 25-minute slots from 5 minutes from now, all open for
 * check-in now; the pgbench shifts (never checked by the clock) follow one another on the next day.
 */
export async function prepareStorm(db: Database, appKey: Buffer, people: number, connections: number[]) {
  const org = await createOrganizer(db, appKey, 'storm');
  const base = Math.ceil((Date.now() + 5 * 60_000) / 60_000) * 60_000;
  const slot = (k: number, offset = 0) => new Date(base + offset + k * 25 * 60_000);
  const pgPeople = Math.max(...connections.map((c) => perClient(people, c) * c));
  const tag = randomBytes(3).toString('hex');
  const shift = (title: string, n: number, startsAt: Date) =>
    createShift(db, org, { title, startsAt, hours: 25 / 60, quota: n });
  const list = await volunteers(db, people, `a${tag}`);
  const measured = new Map<number, Shift>();
  for (const [i, c] of connections.entries()) {
    const s = await shift(`签到风暴（API，${c} 连接）`, people, slot(i));
    await acceptedSignups(db, s, list);
    measured.set(c, s);
  }
  const warm = await shift('签到风暴（预热）', WARMUP, slot(0));
  const warmPeople = await volunteers(db, WARMUP, `w${tag}`);
  await acceptedSignups(db, warm, warmPeople);
  const captureShift = await shift('签到风暴（捕获）', 1, slot(0));
  const [capturer] = await volunteers(db, 1, `c${tag}`);
  await acceptedSignups(db, captureShift, [capturer!]);
  const pgList = await volunteers(db, pgPeople, `p${tag}`);
  const raw = new Map<number, Shift>();
  const minimal = new Map<number, Shift>();
  let k = 0;
  for (const c of connections)
    for (const [map, title] of [
      [raw, `签到风暴（pgbench，${c}）`],
      [minimal, `签到风暴（最小事务，${c}）`],
    ] as const) {
      const s = await shift(title, pgPeople, slot(k++, 86_400_000));
      await acceptedSignups(db, s, pgList);
      map.set(c, s);
    }
  await preparedTable(db, 'storm', `p${tag}`);
  // The shifts start minutes from now, so the API's reminder sweep (notifications.reminders, every 5 min,
  // SHIFT_REMINDER_HOURS ahead) would remind all their volunteers during the measured storm: work a real
  // storm does not share, its reminders having gone out a day before. They are marked sent, as then.
  await sql`INSERT INTO shift_reminders (signup_id, sent_at)
    SELECT g.id, now() - interval '1 day' FROM signups g JOIN activities a ON a.id = g.activity_id
    WHERE a.org_id = ${org.orgId} ON CONFLICT (signup_id) DO NOTHING`.execute(db);
  await sql`ANALYZE`.execute(db);
  const storm: Storm = {
    org,
    tag,
    measured,
    people: list,
    warm,
    warmPeople,
    captureShift,
    capturer: capturer!,
    raw,
    minimal,
  };
  return storm;
}

/** The pgbench script of one captured check-in (or retry), for the prepared volunteers of `bench_storm`. */
function checkinScript(title: string, qs: CompiledQuery[], swap: (v: unknown) => string | undefined) {
  // The check-in's read gives the sign-up (g_signup_id, g_signup_shift_range) its write inserts for.
  const gset = (q: CompiledQuery) => (/left join "attendances"/i.test(q.sql) ? 'g_' : undefined);
  const lines = [`-- ${title}, captured with Kysely's log option`, pickLine('storm')];
  return [...lines, ...qs.map((q) => scriptLine(q, swap, gset(q)))].join('\n') + '\n';
}

/**
 * Captures a check-in of the capture volunteer and their retry (each reads the session again, as in the
 * API), and writes them as pgbench scripts per connection count, for that count's pgbench shift:
 * per-person values become the variables of pickLine() and of the sign-up the read returns (g_).
 */
export async function captureScripts(
  db: Database,
  url: string,
  config: Config,
  s: Storm,
  token: string,
  dir: string,
) {
  const capture = openCapture(url, config);
  // As the route calls it: the session cookie left to the service's own first statement.
  const checkIn = () =>
    scanCheckIn(
      { ...capture.ctx, actor: null, pendingSession: pending(s.capturer.cookie) },
      { token },
      undefined,
    );
  const first = await checkIn();
  const firstQs = capture.take();
  const again = await checkIn();
  const retryQs = capture.take();
  await capture.close();
  if (first.repeated || !again.repeated || again.attendanceId !== first.attendanceId)
    throw new Error(`capture check-ins: ${JSON.stringify([first, again])}`);
  const range = await sql<{ range: string }>`SELECT shift_range::text AS range FROM signups
    WHERE id = ${first.signupId}`.execute(db);
  const person = {
    ...personVariables(s.capturer),
    [first.signupId]: 'g_signup_id',
    [range.rows[0]!.range]: 'g_signup_shift_range',
  };
  const scripts = new Map<number, { checkin: string; retry: string }>();
  for (const [c, raw] of s.raw) {
    const values = { [s.captureShift.shiftId]: raw.shiftId, [s.captureShift.activityId]: raw.activityId };
    const checkin = join(dir, `checkin-${c}.sql`);
    const retry = join(dir, `retry-${c}.sql`);
    await writeScript(
      checkin,
      checkinScript('POST /api/checkins: one check-in', firstQs, swapper(person, values)),
    );
    await writeScript(retry, checkinScript('POST /api/checkins: a retry', retryQs, swapper(person, values)));
    scripts.set(c, { checkin, retry });
  }
  const mode = modeOf([...firstQs, ...retryQs]);
  console.log(`   check-in: ${firstQs.map(describe).join(', ')}`);
  console.log(`   retry: ${retryQs.map(describe).join(', ')} (pgbench -M ${mode})`);
  return { scripts, mode };
}

export async function countAttendances(db: Database, shiftId: string) {
  const r = await sql<{ n: number; signups: number }>`SELECT count(*)::int AS n,
    count(DISTINCT signup_id)::int AS signups FROM attendances WHERE shift_id = ${shiftId}`.execute(db);
  return r.rows[0]!;
}

/** Check-in responses: new records, repeated ones, attendance ids, and error codes. */
export function tally() {
  const t = {
    created: 0,
    repeated: 0,
    ids: new Set<string>(),
    errors: new Map<string, number>(),
    onResponse: (status: number, body: string) => {
      let r: { attendanceId?: string; repeated?: boolean; error?: { code: string } } = {};
      try {
        r = JSON.parse(body) as typeof r;
      } catch {
        // counted below as an error without a code
      }
      if (status === 200 && r.attendanceId) {
        t.ids.add(r.attendanceId);
        if (r.repeated) t.repeated++;
        else t.created++;
      } else
        t.errors.set(`${status} ${r.error?.code}`, (t.errors.get(`${status} ${r.error?.code}`) ?? 0) + 1);
    },
  };
  return t;
}

/**
 * One POST per person with their session and whatever code the screen shows when it is sent (LIVE: the
 * `live` option of sendEach), each sent once (bench/wrk.ts).
 */
export function checkins(people: Person[]): OnceRequest[] {
  return people.map((p) => ({
    method: 'POST',
    path: '/api/checkins',
    headers: { 'content-type': 'application/json', cookie: p.cookie },
    body: JSON.stringify({ token: LIVE }),
  }));
}
