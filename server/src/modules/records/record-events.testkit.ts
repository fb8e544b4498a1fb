import { sql } from 'kysely';
import type { Ctx } from '../../core/ctx.ts';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { createActivity, createOrganizer, type Organizer } from '../activities/activities.testkit.ts';
import { bulkVolunteers } from '../activities/bulk.testkit.ts';

/** Shared set-up of the record_events tests (record-events.test.ts, record-events.pg.test.ts). */

export let t: TestApp;
export let org: Organizer;
export let decider: { id: string; cookie: string };
export let activityId: string;
export const DAY = '2026-10-01';

/** A test app with an organization (its admin enters), a second admin (decides) and an activity. */
export async function startEventsApp() {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await createOrganizer(t);
  const second = await createUser(t, `events.decider.${process.pid}`, {
    role: 'org_admin',
    orgId: org.orgId,
  });
  decider = { id: second.id, cookie: await signIn(t, second) };
  activityId = (await createActivity(t, org)).activityId;
}

export const ctxOf = (db = t.handle.db): Ctx => ({
  db,
  actor: null,
  clock: t.clock.now,
  log: t.app.log,
  config: t.config,
  requestId: 'test',
  ip: '127.0.0.1',
  locale: 'zh-CN',
});

export const people = async (n: number) => bulkVolunteers(t.handle.db, n, t.clock.now());

type Kind = 'attendance' | 'backfill' | 'import';
/** Records written directly: drafts of the activity, or pending entries entered by the organizer. */
export async function records(
  rows: { volunteerId: string; minutes: number; kind?: Kind; day?: string }[],
  jobId?: string,
) {
  const out = await t.handle.db
    .insertInto('service_records')
    .values(
      rows.map((r, i) => {
        const kind = r.kind ?? 'backfill';
        return {
          kind,
          volunteer_id: r.volunteerId,
          org_id: org.orgId,
          activity_id: kind === 'attendance' ? activityId : null,
          service_date: r.day ?? DAY,
          activity_title: `事件测试 ${kind} ${i} ${Math.random()}`,
          place: '南山',
          content: '值守',
          person_in_charge: '李',
          minutes: r.minutes,
          reason: kind === 'attendance' ? null : '台账补录',
          status: kind === 'attendance' ? ('draft' as const) : ('pending' as const),
          created_by: kind === 'attendance' ? null : org.userId,
          import_job_id: jobId ?? null,
        };
      }),
    )
    .returning('id')
    .execute();
  return out.map((r) => r.id);
}

export async function eventsOf(recordIds: string[]) {
  const r = await sql<{
    id: number;
    tx_id: string;
    kind: string;
    record_id: string;
    related_record_id: string | null;
    volunteer_id: string;
    org_id: string;
    region_code: string;
    activity_id: string | null;
    day: string;
    minutes_delta: number;
    resulting_minutes: number;
    actor_id: string | null;
  }>`SELECT id, tx_id::text AS tx_id, kind, record_id, related_record_id, volunteer_id, org_id, region_code,
      activity_id, to_char(service_date, 'YYYY-MM-DD') AS day, minutes_delta, resulting_minutes, actor_id
    FROM record_events WHERE record_id = ANY(${recordIds}::uuid[]) ORDER BY id`.execute(t.handle.db);
  return r.rows.map((e) => ({ ...e, id: Number(e.id) }));
}

export const decide = (id: string, decision: 'approve' | 'reject', reason?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/records/${id}/decision`,
    headers: { cookie: decider.cookie },
    payload: { decision, ...(reason ? { reason } : {}) },
  });

export async function importJob() {
  const job = await t.handle.db
    .insertInto('import_jobs')
    .values({
      kind: 'records',
      org_id: org.orgId,
      file_sha256: 'x',
      status: 'done',
      created_by: org.userId,
      reason: '台账补录',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return job.id;
}

/** What confirmRecord needs of a record. */
export async function rec(id: string) {
  const r = await t.handle.db
    .selectFrom('service_records')
    .select(['id', 'volunteer_id', 'activity_id', sql<string>`to_char(service_date, 'YYYY-MM-DD')`.as('d')])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { id: r.id, volunteer_id: r.volunteer_id, activity_id: r.activity_id, service_day: r.d };
}

/** How many record events there are. */
export const all = async () =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM record_events`.execute(t.handle.db)).rows[0]!.n,
  );
