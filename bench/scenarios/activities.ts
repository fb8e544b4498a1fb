// Setup shared by the activities scenarios (signup-rush, checkin-storm), written directly in the database:
// an approved organization with its admin, published activities with one position and one shift, volunteers
// with live sessions (bulkVolunteers: no password hashing), accepted sign-ups, and the tables of prepared
// volunteers pgbench takes one per transaction. Also the checks printed after a run.
import { sql, type CompiledQuery } from 'kysely';
import type { Database } from '../../server/src/db/database.ts';
import { sha256 } from '../../server/src/lib/crypto.ts';
import { bulkVolunteers } from '../../server/src/modules/activities/bulk.testkit.ts';
import { rangeOf } from '../../server/src/modules/activities/signups.repository.ts';
import { createStaff, type Staff } from './staff.ts';
import type { PhaseResult } from '../lib.ts';

export const NANSHAN = '440305000000';
export const APP_ROLE = 'yiqi_app';

export interface Organizer {
  orgId: string;
  userId: string;
  staff: Staff;
}

/** An approved organization in Nanshan and its org_admin (password + TOTP, for the QR code endpoint). */
export async function createOrganizer(db: Database, appKey: Buffer, name: string): Promise<Organizer> {
  const org = await db
    .insertInto('organizations')
    .values({ name: `压测志愿队 ${name}`, region_code: NANSHAN, status: 'approved' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const staff = await createStaff(db, appKey, `bench.${name}`, 'org_admin', { orgId: org.id });
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', staff.username)
    .executeTakeFirstOrThrow();
  return { orgId: org.id, userId: user.id, staff };
}

export interface Shift {
  activityId: string;
  positionId: string;
  shiftId: string;
  startsAt: Date;
  endsAt: Date;
  /** The shift's tstzrange literal, '[start,end)'. */
  range: string;
}

/** A published activity with one position (no approval, no requirements) and one shift of `quota`. */
export async function createShift(
  db: Database,
  org: Organizer,
  o: { title: string; startsAt: Date; hours: number; quota: number },
): Promise<Shift> {
  const endsAt = new Date(o.startsAt.getTime() + o.hours * 3600_000);
  const a = await db
    .insertInto('activities')
    .values({
      org_id: org.orgId,
      title: o.title,
      description: '压测活动',
      category: 'community',
      region_code: NANSHAN,
      address: '深圳市南山区深圳湾公园',
      lat: 22.5,
      lng: 113.95,
      starts_at: o.startsAt,
      ends_at: endsAt,
      contact_name: '王联系',
      person_in_charge: '李负责',
      status: 'published',
      published_at: new Date(),
      created_by: org.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = await db
    .insertInto('positions')
    .values({ activity_id: a.id, name: '引导员', duties: '引导参与者' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const s = await db
    .insertInto('shifts')
    .values({ position_id: p.id, activity_id: a.id, starts_at: o.startsAt, ends_at: endsAt, quota: o.quota })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    activityId: a.id,
    positionId: p.id,
    shiftId: s.id,
    startsAt: o.startsAt,
    endsAt,
    range: rangeOf(o.startsAt, endsAt),
  };
}

export interface Person {
  userId: string;
  volunteerId: string;
  cookie: string;
  username: string;
}

/** `n` verified volunteers with sessions; their user names are bulk-<tag>-<i>. */
export async function volunteers(db: Database, n: number, tag: string): Promise<Person[]> {
  const list = await bulkVolunteers(db, n, new Date(), tag);
  return list.map((p, i) => ({ ...p, username: `bulk-${tag}-${i}` }));
}

/** Accepted sign-ups for a shift, inserted directly (the trigger counts the places taken). */
export async function acceptedSignups(db: Database, shift: Shift, people: { volunteerId: string }[]) {
  for (let i = 0; i < people.length; i += 1000)
    await db
      .insertInto('signups')
      .values(
        people.slice(i, i + 1000).map((p) => ({
          shift_id: shift.shiftId,
          position_id: shift.positionId,
          activity_id: shift.activityId,
          volunteer_id: p.volunteerId,
          status: 'accepted' as const,
          shift_range: shift.range,
        })),
      )
      .execute();
}

/**
 * Table `bench_<name>` of the volunteers tagged `tag` (n, token_hash, user_id, username, volunteer_id) and
 * sequence `bench_<name>_seq`, readable by the app role pgbench runs as. pickLine() is the script line
 * that takes the next one into variables th, uid, uname and vid.
 */
export async function preparedTable(db: Database, name: string, tag: string): Promise<number> {
  const table = sql.table(`bench_${name}`);
  const seq = sql.table(`bench_${name}_seq`);
  await sql`CREATE TABLE ${table} AS
    SELECT (row_number() OVER (ORDER BY v.volunteer_no))::int AS n, s.token_hash, u.id AS user_id, u.username,
      v.id AS volunteer_id
    FROM users u JOIN volunteers v ON v.user_id = u.id JOIN sessions s ON s.user_id = u.id
    WHERE u.username LIKE ${`bulk-${tag}-%`}`.execute(db);
  await sql`ALTER TABLE ${table} ADD PRIMARY KEY (n)`.execute(db);
  await sql`CREATE SEQUENCE ${seq}`.execute(db);
  await sql.raw(`GRANT SELECT ON bench_${name} TO ${APP_ROLE}`).execute(db);
  await sql.raw(`GRANT USAGE ON SEQUENCE bench_${name}_seq TO ${APP_ROLE}`).execute(db);
  await sql`ANALYZE ${table}`.execute(db);
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${table}`.execute(db);
  return r.rows[0]!.n;
}

export const pickLine = (name: string) =>
  `SELECT token_hash AS th, user_id AS uid, username AS uname, volunteer_id AS vid FROM bench_${name} ` +
  `WHERE n = (SELECT nextval('bench_${name}_seq')) \\gset`;

export async function restartSequence(db: Database, name: string) {
  await sql.raw(`ALTER SEQUENCE bench_${name}_seq RESTART`).execute(db);
}

/** The captured values of a person that become pgbench variables (see pickLine). */
export function personVariables(p: Person): Record<string, string> {
  const hash = sha256(p.cookie.slice('yiqi_sid='.length)).toString('hex');
  return { [`\\x${hash}`]: 'th', [p.userId]: 'uid', [p.username]: 'uname', [p.volunteerId]: 'vid' };
}

/**
 * Marks the sessions of the volunteers tagged `tag` as seen now: authenticate() writes last_seen_at at most
 * once a minute, and the captured statements (fresh sessions) have no such write. Returns the time written,
 * for sessionTouches().
 */
export async function refreshSessions(db: Database, tag: string): Promise<Date> {
  const seen = new Date();
  await sql`UPDATE sessions SET last_seen_at = ${seen}
    WHERE user_id IN (SELECT id FROM users WHERE username LIKE ${`bulk-${tag}-%`})`.execute(db);
  return seen;
}

/** How many of those sessions the API has touched since (requests more than a minute after `seen`). */
export async function sessionTouches(db: Database, tag: string, seen: Date): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM sessions
    WHERE user_id IN (SELECT id FROM users WHERE username LIKE ${`bulk-${tag}-%`})
      AND last_seen_at > ${seen}::timestamptz`.execute(db);
  return r.rows[0]!.n;
}

/** A short name for a captured statement, for the printout: "select sessions", "insert audit_log" … */
export function describe(q: CompiledQuery): string {
  const s = q.sql.trim();
  if (/^(begin|commit)$/i.test(s)) return s.toUpperCase();
  if (/pg_logical_emit_message/i.test(s)) return 'wait for the WAL flush';
  const verb = /^\w+/.exec(s)![0].toLowerCase();
  if (verb === 'with') {
    // A data-modifying WITH: what it writes.
    const writes = [...s.matchAll(/\b(insert into|update)\s+"?(\w+)"?/gi)].map(
      (m) => `${m[1]!.split(' ')[0]!.toLowerCase()} ${m[2]}`,
    );
    return `one statement: ${writes.join(' + ')}${/for no key update/i.test(s) ? ' (shift lock)' : ''}`;
  }
  // The statement's own table, not a subquery's: the first FROM/INTO/UPDATE outside parentheses.
  let depth = 0;
  const top = [...s].map((ch) =>
    ch === '(' ? (depth++, ' ') : ch === ')' ? (depth--, ' ') : depth ? ' ' : ch,
  );
  const table =
    /\b(?:from|into|update)\s+"?(?!as\b)(\w+)"?/i.exec(top.join(''))?.[1] ??
    /\b(?:from|into|update)\s+"?(\w+)"?/i.exec(s)?.[1] ??
    '?';
  return `${verb} ${table}${/for no key update/i.test(s) ? ' (lock)' : ''}`;
}

/** A check printed after a run: [what, measured, expected]. */
export type Check = [string, number | string, number | string];

/** Prints the checks; throws if any fails, so a run that lost or doubled something cannot pass. */
export function verify(title: string, checks: Check[]) {
  console.log(`\n   ${title}:`);
  for (const [what, got, want] of checks)
    console.log(
      `     ${got === want ? '✓' : '✗'} ${what}: ${got}${got === want ? '' : ` (expected ${want})`}`,
    );
  const failed = checks.filter(([, got, want]) => got !== want);
  if (failed.length) throw new Error(`${title}: ${failed.map(([w]) => w).join('; ')}`);
}

/** A goal of the issue, shown as ✓/✗ next to the figures. */
export const goal = (ok: boolean, text: string) => `${ok ? '✓' : '✗'} ${text}`;

/**
 * The connection counts a scenario runs at, one row each: BENCH_CONNECTIONS (8) and BENCH_SCALE_TO (32),
 * for autocannon and pgbench alike, so whether throughput rises with concurrency shows.
 */
export function scaling(o: { connections: number }): number[] {
  return [...new Set([o.connections, Number(process.env.BENCH_SCALE_TO ?? 32)])].filter((c) => c > 0);
}

/** How the rates grew from the first connection count to the last. */
export function scalingNote(rows: PhaseResult[]): string {
  const [a, b] = [rows[0]!, rows[rows.length - 1]!];
  const x = (p: number, q: number) => `× ${(q / p).toFixed(2)}`;
  const min = a.minimal && b.minimal ? `, minimal ${x(a.minimal.tps, b.minimal.tps)}` : '';
  return (
    `scaling ${a.extra?.connections} → ${b.extra?.connections} connections: API ${x(a.api.reqPerSec, b.api.reqPerSec)}, ` +
    `API SQL ${x(a.sql.tps, b.sql.tps)}${min}; API p99 ${a.api.p99Ms.toFixed(0)} → ${b.api.p99Ms.toFixed(0)} ms`
  );
}
