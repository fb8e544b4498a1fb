import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { onPostgres } from '../../test/database.ts';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { bulkVolunteers } from '../activities/bulk.testkit.ts';
import { insertOrganization } from '../memberships/memberships.testkit.ts';

/**
 * The 24-hour rule under concurrent confirmations (PostgreSQL only: PGlite runs everything serially). Each
 * confirmation reads the day's confirmed minutes and then confirms, so two at once for one person and day
 * must queue on that person, or both could pass and the day would hold more than 24 hours.
 */
const skip = !onPostgres() ? 'PostgreSQL only (DATABASE_URL)' : false;
const DAY = '2026-10-01';
const PEOPLE = 40;
let t: TestApp;
let orgId: string;
let enteredBy: string;
let decider: string;

describe('the 24-hour rule on PostgreSQL', { skip }, () => {
  before(async () => {
    t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
    orgId = await insertOrganization(t, '南山区并发测试服务队', '440305000000');
    enteredBy = (await createUser(t, 'race.a', { role: 'org_admin', orgId })).id;
    decider = await signIn(t, await createUser(t, 'race.b', { role: 'org_admin', orgId }));
  });
  after(() => t?.close());

  /** Pending entries of 13 hours for each person on the same day, entered by the first admin. */
  async function pending(volunteerIds: string[], kind: 'backfill' | 'import', jobId?: string) {
    const rows = await t.handle.db
      .insertInto('service_records')
      .values(
        volunteerIds.map((v, i) => ({
          kind,
          volunteer_id: v,
          org_id: orgId,
          service_date: DAY,
          activity_title: `${kind} ${i}`,
          place: '南山',
          content: '通宵值守',
          person_in_charge: '李',
          minutes: 780,
          reason: '台账补录',
          status: 'pending' as const,
          created_by: enteredBy,
          import_job_id: jobId ?? null,
        })),
      )
      .returning(['id', 'volunteer_id'])
      .execute();
    return rows;
  }

  const decide = (id: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/records/${id}/decision`,
      headers: { cookie: decider },
      payload: { decision: 'approve' },
    });

  async function worstDay() {
    const r = await sql<{ m: number }>`
      SELECT coalesce(max(m), 0)::int AS m FROM (
        SELECT sum(minutes) AS m FROM service_records WHERE status = 'confirmed' AND service_date = ${DAY}::date
        GROUP BY volunteer_id) d`.execute(t.handle.db);
    return Number(r.rows[0]!.m);
  }

  it('two approvals at once for one person and day: one passes, the other is refused', async () => {
    const people = (await bulkVolunteers(t.handle.db, PEOPLE, t.clock.now())).map((p) => p.volunteerId);
    const a = await pending(people, 'backfill');
    const b = await pending(people, 'backfill');
    const res = await Promise.all([...a, ...b].map((r) => decide(r.id)));
    const codes = res.map((r) => (r.statusCode === 200 ? 'ok' : r.json().error.code));
    assert.equal(codes.filter((c) => c === 'ok').length, PEOPLE, JSON.stringify(codes));
    assert.equal(codes.filter((c) => c === 'RECORD_DAY_OVER_24H').length, PEOPLE, JSON.stringify(codes));
    assert.ok((await worstDay()) <= 1440);
  });

  it('a batch approval racing single approvals never takes a day past 24 hours', async () => {
    const people = (await bulkVolunteers(t.handle.db, PEOPLE, t.clock.now())).map((p) => p.volunteerId);
    const job = await t.handle.db
      .insertInto('import_jobs')
      .values({
        kind: 'records',
        org_id: orgId,
        file_sha256: 'x',
        status: 'done',
        created_by: enteredBy,
        reason: '台账补录',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await pending(people, 'import', job.id);
    const singles = await pending(people, 'backfill');
    const batch = t.app.inject({
      method: 'POST',
      url: `/api/imports/${job.id}/decision`,
      headers: { cookie: decider },
      payload: { decision: 'approve' },
    });
    const [b, ...rest] = await Promise.all([batch, ...singles.map((r) => decide(r.id))]);
    assert.equal(b!.statusCode, 200, b!.body);
    const singlesOk = rest.filter((r) => r.statusCode === 200).length;
    // Every person got exactly one of their two entries confirmed.
    assert.equal(b!.json().confirmed + singlesOk, PEOPLE, JSON.stringify(b!.json()));
    assert.equal(b!.json().leftPending, PEOPLE - b!.json().confirmed);
    assert.ok((await worstDay()) <= 1440);
  });
});
