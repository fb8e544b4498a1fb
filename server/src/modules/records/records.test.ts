import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  signUp,
  type Organizer,
  type Volunteer,
} from '../activities/activities.testkit.ts';
import { draftDue } from './records.service.ts';

let t: TestApp;
let org: Organizer;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await createOrganizer(t);
});
after(() => t.close());

const code = (r: { json(): unknown }) => (r.json() as { error?: { code: string } }).error?.code;
const MIN = 60_000;

/** An activity (3-hour shift from 30 minutes from now) where `people` volunteers checked in and out. */
async function served(people: number, body: Record<string, unknown> = {}, inMin = 7, outMin = 3 * 60 - 5) {
  const a = await createActivity(t, org, { inHours: 0.5, hours: 3, quota: people, body });
  const vs: Volunteer[] = [];
  for (let i = 0; i < people; i++) {
    const v = await createVolunteer(t);
    const s = await signUp(t, v, a.shiftId);
    vs.push({ ...v, signupId: s.json().id } as Volunteer & { signupId: string });
  }
  t.clock.advance(30 * MIN + inMin * MIN);
  const url = `/api/activities/${a.activityId}/attendance`;
  for (const v of vs)
    await api(t, org.cookie, 'POST', `${url}/check-in`, {
      signupId: (v as never as { signupId: string }).signupId,
    });
  t.clock.advance((outMin - inMin) * MIN);
  for (const v of vs)
    await api(t, org.cookie, 'POST', `${url}/check-out`, {
      signupId: (v as never as { signupId: string }).signupId,
    });
  t.clock.advance(3 * 60 * MIN);
  return { ...a, vs };
}

const recordsOf = async (activityId: string) =>
  (await api(t, org.cookie, 'GET', `/api/activities/${activityId}/records`)).json();

describe('drafting and confirmation', () => {
  it('drafts one record per attendance when the shift ends, with the hours explained', async () => {
    const a = await served(2, { hoursRule: undefined });
    const page = await recordsOf(a.activityId);
    assert.equal(page.total, 2);
    const r = page.items[0];
    assert.equal(r.status, 'draft');
    assert.equal(r.kind, 'attendance');
    // In at +7 min, out at 2 h 55 min: 168 minutes served.
    assert.equal(r.minutes, 168);
    assert.equal(r.explain[0].step, 'served');
    assert.ok(r.checkInAt && r.checkOutAt);
    assert.ok(r.dueDate > r.serviceDate);
    assert.equal(r.overdue, false);
    // Drafting again adds nothing.
    assert.equal((await recordsOf(a.activityId)).total, 2);
  });

  it('the sweep drafts records of ended shifts without anyone opening the activity', async () => {
    const a = await served(1);
    const ctx = {
      db: t.handle.db,
      actor: null,
      clock: t.clock.now,
      log: t.app.log,
      config: t.config,
      requestId: 'test',
      ip: '127.0.0.1',
      locale: 'zh-CN' as const,
    };
    assert.ok((await draftDue(ctx)) >= 1);
    const rows = await t.handle.db
      .selectFrom('service_records')
      .select('status')
      .where('activity_id', '=', a.activityId)
      .execute();
    assert.deepEqual(
      rows.map((r) => r.status),
      ['draft'],
    );
    assert.equal(await draftDue(ctx), 0);
  });

  it('confirms in bulk, requires a reason to adjust, and keeps totals in step', async () => {
    const a = await served(2);
    const page = await recordsOf(a.activityId);
    const [r1, r2] = page.items;
    const url = `/api/activities/${a.activityId}/records/confirm`;
    const noReason = await api(t, org.cookie, 'POST', url, { items: [{ id: r1.id, minutes: 120 }] });
    assert.deepEqual(noReason.json().skipped, [{ id: r1.id, code: 'RECORD_ADJUST_REASON_REQUIRED' }]);
    const ok = await api(t, org.cookie, 'POST', url, {
      items: [{ id: r1.id, minutes: 120, adjustReason: '中途离开一小时' }, { id: r2.id }],
    });
    assert.deepEqual(ok.json(), { done: 2, skipped: [] });
    const again = await api(t, org.cookie, 'POST', url, { items: [{ id: r2.id }] });
    assert.equal(again.json().skipped[0].code, 'RECORD_STATE');
    const v1 = a.vs.find((v) => v.id === r1.volunteerId)!;
    const mine = (await api(t, v1.cookie, 'GET', '/api/me/records')).json();
    assert.equal(mine.totals.minutes, 120);
    assert.equal(mine.totals.hours, 2);
    assert.equal(mine.totals.records, 1);
    assert.equal(mine.totals.activities, 1);
    assert.equal(mine.items[0].adjustReason, '中途离开一小时');
    assert.equal((await auditRows(t, 'record.confirm')).length, 2);
  });

  it('a draft without a check-out is not confirmed as zero hours by accident', async () => {
    const a = await createActivity(t, org, { inHours: 0.5, hours: 2 });
    const v = await createVolunteer(t);
    const s = (await signUp(t, v, a.shiftId)).json();
    t.clock.advance(35 * MIN);
    await api(t, org.cookie, 'POST', `/api/activities/${a.activityId}/attendance/check-in`, {
      signupId: s.id,
    });
    t.clock.advance(3 * 60 * MIN);
    const [r] = (await recordsOf(a.activityId)).items;
    assert.equal(r.minutes, 0);
    const url = `/api/activities/${a.activityId}/records/confirm`;
    assert.equal(
      (await api(t, org.cookie, 'POST', url, { items: [{ id: r.id }] })).json().skipped[0].code,
      'RECORD_CHECKOUT_MISSING',
    );
    const ok = await api(t, org.cookie, 'POST', url, {
      items: [{ id: r.id, minutes: 90, adjustReason: '负责人确认服务到 11 点' }],
    });
    assert.equal(ok.json().done, 1);
  });

  it('exports confirmed records as Excel, filtered by period', async () => {
    const res = await api(t, org.cookie, 'GET', `/api/organizations/${org.orgId}/records/export.xlsx`);
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('服务记录')!;
    const confirmed = await t.handle.db
      .selectFrom('service_records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', org.orgId)
      .where('status', '=', 'confirmed')
      .executeTakeFirstOrThrow();
    assert.equal(ws.rowCount - 1, Number(confirmed.n));
    const none = await api(
      t,
      org.cookie,
      'GET',
      `/api/organizations/${org.orgId}/records/export.xlsx?from=2020-01-01&to=2020-12-31`,
    );
    const empty = new ExcelJS.Workbook();
    await empty.xlsx.load(none.rawPayload as unknown as ExcelJS.Buffer);
    assert.equal(empty.getWorksheet('服务记录')!.rowCount, 1);
    assert.ok((await auditRows(t, 'record.export')).length >= 2);
  });

  it('a confirmed record cannot be changed, even behind the service', async () => {
    const a = await served(1);
    const [r] = (await recordsOf(a.activityId)).items;
    await api(t, org.cookie, 'POST', `/api/activities/${a.activityId}/records/confirm`, {
      items: [{ id: r.id }],
    });
    await assert.rejects(
      sql`UPDATE service_records SET minutes = 999 WHERE id = ${r.id}`.execute(t.handle.db),
    );
    await assert.rejects(sql`DELETE FROM service_records WHERE id = ${r.id}`.execute(t.handle.db));
  });

  it('lists drafts past their 10 working days as overdue, and escalates them to the region', async () => {
    const a = await served(1);
    await recordsOf(a.activityId);
    const before = (
      await api(t, org.cookie, 'GET', `/api/organizations/${org.orgId}/records?overdue=true`)
    ).json();
    t.clock.advance(16 * 24 * 60 * MIN); // 16 calendar days: past 10 working days
    const late = (
      await api(t, org.cookie, 'GET', `/api/organizations/${org.orgId}/records?overdue=true`)
    ).json();
    assert.ok(late.total > before.total);
    assert.ok(late.items.every((r: { overdue: boolean }) => r.overdue));
    const admin = await createUser(t, 'records.ns', { role: 'region_admin', region: '440305000000' });
    const cookie = await signIn(t, admin);
    const up = await api(t, cookie, 'GET', '/api/records/overdue?region=440300000000');
    assert.equal(up.statusCode, 403);
    const esc = (await api(t, cookie, 'GET', '/api/records/overdue?region=440305000000')).json();
    assert.ok(esc.items.some((r: { activityId: string }) => r.activityId === a.activityId));
  });
});

describe('back-fill and corrections', () => {
  const evidence = [
    { name: '签到表.png', mimeType: 'image/png', contentBase64: Buffer.from('roster').toString('base64') },
  ];

  it('back-fill needs a second person: the author cannot approve it', async () => {
    const v = await createVolunteer(t);
    const no = (
      await t.handle.db
        .selectFrom('volunteers')
        .select('volunteer_no')
        .where('id', '=', v.id)
        .executeTakeFirstOrThrow()
    ).volunteer_no;
    const body = {
      volunteerNo: no,
      activityTitle: '社区防疫值守',
      serviceDate: '2026-11-01',
      place: '南山区某社区',
      content: '测温登记',
      personInCharge: '李负责',
      minutes: 180,
      reason: '当日系统故障，纸质签到',
      evidence,
    };
    const created = await api(
      t,
      org.cookie,
      'POST',
      `/api/organizations/${org.orgId}/records/backfill`,
      body,
    );
    assert.equal(created.statusCode, 200, created.body);
    assert.equal(created.json().status, 'pending');
    const self = await api(t, org.cookie, 'POST', `/api/records/${created.json().id}/decision`, {
      decision: 'approve',
    });
    assert.equal(code(self), 'RECORD_SELF_APPROVAL');
    const second = await createUser(t, 'second.admin', { role: 'org_admin', orgId: org.orgId });
    const cookie = await signIn(t, second);
    const ok = await api(t, cookie, 'POST', `/api/records/${created.json().id}/decision`, {
      decision: 'approve',
    });
    assert.equal(ok.json().status, 'confirmed');
    assert.equal((await api(t, v.cookie, 'GET', '/api/me/records')).json().totals.minutes, 180);
    const stored = await t.handle.db.selectFrom('record_evidence').selectAll().executeTakeFirstOrThrow();
    assert.ok(!stored.content_enc.includes(evidence[0]!.contentBase64), 'evidence is encrypted');
    const future = await api(t, org.cookie, 'POST', `/api/organizations/${org.orgId}/records/backfill`, {
      ...body,
      serviceDate: '2027-01-01',
    });
    assert.equal(code(future), 'RECORD_FUTURE_DATE');
  });

  it('a volunteer’s correction is a new linked entry; approval supersedes the original and moves the totals', async () => {
    const a = await served(1);
    const [r] = (await recordsOf(a.activityId)).items;
    await api(t, org.cookie, 'POST', `/api/activities/${a.activityId}/records/confirm`, {
      items: [{ id: r.id }],
    });
    const v = a.vs[0]!;
    const ask = await api(t, v.cookie, 'POST', `/api/me/records/${r.id}/correction`, {
      minutes: 200,
      reason: '签退时手机没电，实际服务到结束',
    });
    assert.equal(ask.json().status, 'pending');
    const twice = await api(t, v.cookie, 'POST', `/api/me/records/${r.id}/correction`, {
      minutes: 210,
      reason: '再次申请',
    });
    assert.equal(code(twice), 'RECORD_CORRECTION_OPEN');
    const other = await createVolunteer(t);
    assert.equal(
      (
        await api(t, other.cookie, 'POST', `/api/me/records/${r.id}/correction`, {
          minutes: 1,
          reason: '不是我的',
        })
      ).statusCode,
      404,
    );
    const before = (await api(t, v.cookie, 'GET', '/api/me/records')).json().totals.minutes;
    const ok = await api(t, org.cookie, 'POST', `/api/records/${ask.json().id}/decision`, {
      decision: 'approve',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const mine = (await api(t, v.cookie, 'GET', '/api/me/records')).json();
    assert.equal(mine.totals.minutes, before - r.minutes + 200);
    assert.equal(mine.totals.records, 1);
    const original = mine.items.find((x: { id: string }) => x.id === r.id);
    assert.equal(original.status, 'superseded');
    assert.equal(original.supersededBy, ask.json().id);
    const correction = mine.items.find((x: { id: string }) => x.id === ask.json().id);
    assert.equal(correction.correctsId, r.id);
    assert.equal(correction.status, 'confirmed');
  });

  it('totals equal the sum of confirmed records for every volunteer', async () => {
    const rows = await sql<{ volunteer_id: string; sum: number; total: number }>`
      SELECT r.volunteer_id, sum(r.minutes)::int AS sum, max(t.minutes)::int AS total
      FROM service_records r JOIN volunteer_totals t USING (volunteer_id)
      WHERE r.status = 'confirmed' GROUP BY r.volunteer_id`.execute(t.handle.db);
    assert.ok(rows.rows.length > 0);
    for (const r of rows.rows) assert.equal(r.sum, r.total, r.volunteer_id);
  });
});
