// Setup of "checkin-storm" (checkin-storm.ts): the shifts with their volunteers and accepted sign-ups, the
// pgbench scripts captured from one check-in and one retry, and the request and response helpers.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql, type CompiledQuery } from 'kysely';
import type { Database } from '../../server/src/db/database.ts';
import type { Config } from '../../server/src/lib/config.ts';
import { scanCheckIn } from '../../server/src/modules/activities/attendance.service.ts';
import { authenticate } from '../../server/src/modules/auth/auth.service.ts';
import { openCapture, scriptLine, swapper, writeScript } from '../sql.ts';
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
  /** The measured shift and its volunteers (tag a<tag>). */
  measured: Shift;
  people: Person[];
  warm: Shift;
  warmPeople: Person[];
  /** A shift with one volunteer whose check-in and retry are captured. */
  captureShift: Shift;
  capturer: Person;
  /** The fresh shift pgbench checks in to, with `perClient × clients` prepared volunteers (bench_storm). */
  raw: Shift;
  perClient: number;
}

/** Shifts starting in 10 minutes (check-in opens an hour before), each with accepted volunteers. */
export async function prepareStorm(db: Database, appKey: Buffer, people: number, clients: number) {
  const org = await createOrganizer(db, appKey, 'storm');
  const startsAt = new Date(Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000);
  const perClient = Math.ceil(people / clients);
  const tag = randomBytes(3).toString('hex');
  const group = async (title: string, n: number, letter: string): Promise<[Shift, Person[]]> => {
    const s = await createShift(db, org, { title, startsAt, hours: 4, quota: n });
    const list = await volunteers(db, n, `${letter}${tag}`);
    await acceptedSignups(db, s, list);
    return [s, list];
  };
  const [measured, list] = await group('签到风暴（API）', people, 'a');
  const [warm, warmPeople] = await group('签到风暴（预热）', WARMUP, 'w');
  const [captureShift, [capturer]] = await group('签到风暴（捕获）', 1, 'c');
  const [raw] = await group('签到风暴（pgbench）', perClient * clients, 'p');
  await preparedTable(db, 'storm', `p${tag}`);
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
    perClient,
  };
  return storm;
}

/** The pgbench script of one captured check-in (or retry), for the prepared volunteers of `bench_storm`. */
function checkinScript(title: string, qs: CompiledQuery[], swap: (v: unknown) => string | undefined) {
  const gset = (q: CompiledQuery) =>
    /from "signups" as "g" left join "attendances"/i.test(q.sql)
      ? 'g_'
      : /^insert into "attendances"/i.test(q.sql)
        ? 't_'
        : undefined;
  const lines = [`-- ${title}, captured with Kysely's log option`, pickLine('storm')];
  return [...lines, ...qs.map((q) => scriptLine(q, swap, gset(q)))].join('\n') + '\n';
}

/**
 * Captures a check-in of the capture volunteer and their retry (each request authenticates again, as in
 * the API), and writes them as pgbench scripts for the pgbench shift: per-person values become the
 * variables of pickLine() and of the rows the statements return (g_: the sign-up, t_: the attendance).
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
  const checkIn = async () => {
    const actor = await authenticate(capture.ctx, s.capturer.cookie.slice('yiqi_sid='.length));
    return scanCheckIn({ ...capture.ctx, actor }, { token }, undefined);
  };
  const first = await checkIn();
  const firstQs = capture.take();
  const again = await checkIn();
  const retryQs = capture.take();
  await capture.close();
  if (first.repeated || !again.repeated || again.attendanceId !== first.attendanceId)
    throw new Error(`capture check-ins: ${JSON.stringify([first, again])}`);
  const range = await sql<{ range: string }>`SELECT shift_range::text AS range FROM signups
    WHERE id = ${first.signupId}`.execute(db);
  const values = { [s.captureShift.shiftId]: s.raw.shiftId, [s.captureShift.activityId]: s.raw.activityId };
  const person = {
    ...personVariables(s.capturer),
    [first.signupId]: 'g_id',
    [range.rows[0]!.range]: 'g_shift_range',
  };
  const checkin = join(dir, 'checkin.sql');
  const retry = join(dir, 'retry.sql');
  const swapFirst = swapper({ ...person, [first.attendanceId]: 't_id' }, values);
  const swapRetry = swapper({ ...person, [first.attendanceId]: 'g_attendance_id' }, values);
  await writeScript(checkin, checkinScript('POST /api/checkins: one check-in', firstQs, swapFirst));
  await writeScript(retry, checkinScript('POST /api/checkins: a retry', retryQs, swapRetry));
  console.log(`   check-in: ${firstQs.map(describe).join(', ')}`);
  console.log(`   retry: ${retryQs.map(describe).join(', ')}`);
  return { checkin, retry };
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

/** One POST per person with their session and whatever code the screen shows at that moment. */
export function checkins(
  people: Person[],
  token: () => string,
  onResponse?: (status: number, body: string) => void,
) {
  let i = 0;
  return [
    {
      method: 'POST',
      path: '/api/checkins',
      setupRequest: (req: object) => ({
        ...req,
        headers: { 'content-type': 'application/json', cookie: people[i++ % people.length]!.cookie },
        body: JSON.stringify({ token: token() }),
      }),
      ...(onResponse ? { onResponse } : {}),
    },
  ];
}
