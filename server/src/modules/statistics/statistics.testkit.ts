import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { bulkVolunteers } from '../activities/bulk.testkit.ts';
import { createActivity, createOrganizer, type Organizer } from '../activities/activities.testkit.ts';
import { refreshCounts } from './refresh.ts';
import { runRollups } from './rollup.ts';
import type { Ctx } from '../../core/ctx.ts';

/**
 * The known population the statistics tests share (figures, scope, recount): volunteers in two
 * communities of 南山 (and three in 福田), an organization with a second admin who decides, region admins
 * of 南山, 福田 and one street; then (servedKnownHours) hours entered and confirmed, rejected, corrected
 * and imported through the API, 常住人口 entered, and the jobs run.
 */
export let t: TestApp;
export let org: Organizer;
export let decider: { id: string; cookie: string };
export let activityId: string;
export let admin: string; // 南山 region admin
export let futianAdmin: string;
export let streetAdmin: string;
export const NANSHAN = '440305000000';
export const FUTIAN = '440304000000';
export let S1: string, S2: string, C1: string, C2: string;
export type V = { userId: string; volunteerId: string; cookie: string };
export let A: V[], B: V[], F: V[];

export const ctx = (): Ctx => ({
  db: t.handle.db,
  actor: null,
  clock: t.clock.now,
  log: t.app.log,
  config: t.config,
  requestId: 'test',
  ip: '127.0.0.1',
  locale: 'zh-CN',
});

export const get = (cookie: string | undefined, url: string) =>
  t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

export async function people(n: number, region: string, created: string) {
  const vs = await bulkVolunteers(t.handle.db, n, t.clock.now());
  await t.handle.db
    .updateTable('volunteers')
    .set({ region_code: region, created_at: created, verified_at: created })
    .where(
      'id',
      'in',
      vs.map((v) => v.volunteerId),
    )
    .execute();
  return vs;
}

/**
 * Runs the rollup consumer until it has applied every event. An empty read is not the end on PostgreSQL:
 * events of transactions newer than one still running anywhere in the cluster (another test file's) become
 * readable only once it ends.
 */
export async function rollUpAll() {
  await rollUpEvery(ctx());
}

/** rollUpAll for a test file with an app of its own. */
export async function rollUpEvery(c: Ctx) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    await runRollups(c);
    const r = await sql<{ events: number; applied: number | null }>`
      SELECT (SELECT count(*)::int FROM record_events) AS events,
             (SELECT applied::int FROM record_event_consumers WHERE name = 'statistics.rollup') AS applied`.execute(
      c.db,
    );
    if (r.rows[0]!.applied === r.rows[0]!.events) return;
    if (Date.now() > deadline) throw new Error('record events did not become readable within 180 s');
    await new Promise((res) => setTimeout(res, 100));
  }
}

let seq = 0;
/** A pending entry (back-fill, or import of a job) the organizer made; decided by the second admin. */
export async function entry(
  v: V,
  minutes: number,
  day: string,
  opts: { activity?: boolean; due?: string; job?: string } = {},
) {
  const r = await t.handle.db
    .insertInto('service_records')
    .values({
      kind: opts.job ? 'import' : 'backfill',
      volunteer_id: v.volunteerId,
      org_id: org.orgId,
      activity_id: opts.activity ? activityId : null,
      service_date: day,
      activity_title: `统计测试 ${++seq}`,
      place: '南山',
      content: '值守',
      person_in_charge: '李',
      minutes,
      reason: '台账补录',
      status: 'pending',
      created_by: org.userId,
      due_date: opts.due ?? null,
      import_job_id: opts.job ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function decide(id: string, decision: 'approve' | 'reject') {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/records/${id}/decision`,
    headers: { cookie: decider.cookie },
    payload: { decision, ...(decision === 'reject' ? { reason: '与签到表不符' } : {}) },
  });
  assert.equal(res.statusCode, 200, res.body);
}

export async function importJob(rows: { v: V; minutes: number; day: string }[]) {
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
  for (const r of rows) await entry(r.v, r.minutes, r.day, { job: job.id });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/imports/${job.id}/decision`,
    headers: { cookie: decider.cookie },
    payload: { decision: 'approve' },
  });
  assert.equal(res.statusCode, 200, res.body);
}

export async function correct(v: V, recordId: string, minutes: number) {
  const ask = await t.app.inject({
    method: 'POST',
    url: `/api/me/records/${recordId}/correction`,
    headers: { cookie: v.cookie },
    payload: { minutes, reason: '签退时间记错了' },
  });
  assert.equal(ask.statusCode, 200, ask.body);
  await decide(ask.json().id, 'approve');
}

export async function overview(cookie: string, region: string, level: number, from: string, to: string) {
  return get(cookie, `/api/statistics/overview?region=${region}&level=${level}&from=${from}&to=${to}`);
}
export const value = (o: { figures: Record<string, { value: number | null }> }, k: string) =>
  o.figures[k]!.value;

/** The population (each test file starts its own app on a fresh database). */
export async function setupPopulation(env: Record<string, string> = {}) {
  t = await startTestApp({
    env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000', ...env },
  });
  org = await createOrganizer(t);
  const second = await createUser(t, 'stats.decider', { role: 'org_admin', orgId: org.orgId });
  decider = { id: second.id, cookie: await signIn(t, second) };
  activityId = (await createActivity(t, org)).activityId;
  const child = async (code: string) =>
    (
      await t.handle.db
        .selectFrom('regions')
        .select('code')
        .where('parent_code', '=', code)
        .orderBy('code')
        .execute()
    ).map((r) => r.code);
  [S1, S2] = (await child(NANSHAN)) as [string, string];
  C1 = (await child(S1))[0]!;
  C2 = (await child(S2))[0]!;
  admin = await signIn(t, await createUser(t, 'stats.nanshan', { role: 'region_admin', region: NANSHAN }));
  futianAdmin = await signIn(
    t,
    await createUser(t, 'stats.futian', { role: 'region_admin', region: FUTIAN }),
  );
  streetAdmin = await signIn(t, await createUser(t, 'stats.street', { role: 'region_admin', region: S1 }));
  A = await people(12, C1, '2026-01-10T04:00:00Z');
  B = await people(8, C2, '2026-02-10T04:00:00Z');
  F = await people(3, '440304001000', '2026-01-10T04:00:00Z');
  // Four of A not verified; one of B closed its account in February.
  await t.handle.db
    .updateTable('volunteers')
    .set({ verification_status: 'unverified', verified_at: null })
    .where(
      'id',
      'in',
      A.slice(8).map((v) => v.volunteerId),
    )
    .execute();
  await t.handle.db
    .updateTable('volunteers')
    .set({ status: 'closed', closed_at: '2026-02-20T04:00:00Z' })
    .where('id', '=', B[7]!.volunteerId)
    .execute();
}

/**
 * January: A0–A5 serve 2 h each in the activity, A0 once more 1 h; F0 (福田) 1 h for the 南山 organization;
 * A1 corrects 2 h to 3 h. February: B0, B1 1.5 h; A6 rejected; A2 45 min by an import. Population of 南山
 * (2026) and C1 (2025). Then the rollups and the refresh.
 */
export async function serveKnownHours() {
  // January: A0–A5 serve 2 h each in the activity (category environment); A0 once more, 1 h, no activity.
  const jan: string[] = [];
  for (let i = 0; i < 6; i++)
    jan.push(
      await entry(A[i]!, 120, '2026-01-15', {
        activity: true,
        ...(i === 3 ? { due: '2099-01-01' } : i === 4 ? { due: '2026-01-25' } : {}),
      }),
    );
  jan.push(await entry(A[0]!, 60, '2026-01-20'));
  // 福田's F0 serves for the 南山 organization: counts in 福田 (where F0 lives) and in the organization.
  jan.push(await entry(F[0]!, 60, '2026-01-15'));
  for (const id of jan) await decide(id, 'approve');
  const a1Jan = jan[1]!;
  // A1 corrects their 2 h to 3 h.
  await correct(A[1]!, a1Jan, 180);
  // February: B0, B1 1.5 h; A6 rejected; A2 45 min by an hours import.
  for (const v of [B[0]!, B[1]!]) await decide(await entry(v, 90, '2026-02-05'), 'approve');
  await decide(await entry(A[6]!, 30, '2026-02-05'), 'reject');
  await importJob([{ v: A[2]!, minutes: 45, day: '2026-02-10' }]);
  // 常住人口 of 南山 (2026) and of community C1 (2025), entered by the district admin.
  const pop = await t.app.inject({
    method: 'POST',
    url: '/api/statistics/population',
    headers: { cookie: admin },
    payload: {
      entries: [
        { code: NANSHAN, level: 3, year: 2026, population: 1000, source: '测试数据' },
        { code: C1, level: 5, year: 2025, population: 100, source: '测试数据' },
      ],
    },
  });
  assert.equal(pop.statusCode, 200, pop.body);
  // The jobs: rollups of the record events and the refresh of the other counts.
  t.clock.advance(3600_000);
  await t.app.jobs.tick();
  await rollUpAll();
  await refreshCounts(ctx());
}
