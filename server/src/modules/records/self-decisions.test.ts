/**
 * Nobody decides about themselves: an administrator who is also the volunteer a decision benefits (their
 * own service record, back-fill or correction, certificate, sign-up or membership) is refused with the
 * kind's own code and told who decides instead, and nothing changes. The decision goes up: the parent
 * organization's admins or the region admins above the unit make it. The database refuses it too.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, signIn, startTestApp, type TestApp, type TestUser } from '../../test/harness.ts';
import { api, createActivity, NANSHAN, type Organizer } from '../activities/activities.testkit.ts';
import { insertRecord, insertRequest } from '../certificates/certificates.testkit.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';

let t: TestApp;
/** The parent organization (总队) and its sub-team (分队) whose only admin is also its volunteer. */
let parentId: string;
let teamId: string;
let self: { user: TestUser; cookie: string; volunteerId: string };
let parentAdmin: string;
let regionAdmin: string;
/** A second admin of the team, who enters back-fills about the first. */
let colleague: string;
let colleagueId: string;
let activity: { activityId: string; shiftId: string };
let other: string;

const err = (r: { json(): unknown }) =>
  (r.json() as { error?: { code: string; message: string; details?: unknown } }).error;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  parentId = await insertOrganization(t, '南山志愿服务总队', NANSHAN);
  teamId = await insertOrganization(t, '南山第一分队', NANSHAN, { parentId });
  await t.handle.db
    .updateTable('organizations')
    .set({ person_in_charge: '李负责' })
    .where('id', 'in', [parentId, teamId])
    .execute();
  const user = await createUser(t, 'self.admin', { role: 'org_admin', orgId: teamId });
  const v = await addVolunteerRecord(t, user.id);
  await t.handle.db
    .updateTable('volunteers')
    .set({ verification_status: 'verified', birth_date: '1990-01-01' })
    .where('id', '=', v.id)
    .execute();
  self = { user, cookie: await signIn(t, user), volunteerId: v.id };
  parentAdmin = await signIn(t, await createUser(t, 'parent.admin', { role: 'org_admin', orgId: parentId }));
  regionAdmin = await signIn(
    t,
    await createUser(t, 'region.admin', { role: 'region_admin', region: NANSHAN }),
  );
  const second = await createUser(t, 'colleague.admin', { role: 'org_admin', orgId: teamId });
  colleague = await signIn(t, second);
  colleagueId = second.id;
  const organizer: Organizer = { orgId: teamId, cookie: self.cookie, userId: user.id };
  activity = await createActivity(t, organizer, { inHours: 1, position: { needsApproval: true } });
  other = (await addVolunteerRecord(t, null)).id;
});
after(() => t.close());

/** A draft attendance record of the activity for a volunteer: 2 hours served. */
async function draft(volunteerId: string) {
  const now = t.clock.now();
  const row = await t.handle.db
    .insertInto('service_records')
    .values({
      kind: 'attendance',
      volunteer_id: volunteerId,
      org_id: teamId,
      activity_id: activity.activityId,
      service_date: '2026-01-05',
      activity_title: '社区环保行动',
      place: '深圳湾公园',
      content: '引导游客分类投放垃圾',
      person_in_charge: '李负责',
      check_in_at: new Date(now.getTime() - 3 * 3600_000),
      check_out_at: new Date(now.getTime() - 3600_000),
      computed_minutes: 120,
      minutes: 120,
      status: 'draft',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const recordOf = (id: string) =>
  t.handle.db
    .selectFrom('service_records')
    .select(['status', 'minutes', 'decided_by', 'adjust_reason'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const totalsOf = async (volunteerId: string) =>
  (
    await t.handle.db
      .selectFrom('volunteer_totals')
      .select('minutes')
      .where('volunteer_id', '=', volunteerId)
      .executeTakeFirst()
  )?.minutes ?? 0;

const confirmUrl = () => `/api/activities/${activity.activityId}/records/confirm`;

/** The refusal names who decides instead: the parent organization and the region admins of the unit. */
function assertEscalation(details: unknown) {
  const d = details as { parentOrganization: { id: string; name: string } | null; regionCode: string };
  assert.equal(d.parentOrganization?.id, parentId);
  assert.equal(d.parentOrganization?.name, '南山志愿服务总队');
  assert.equal(d.regionCode, NANSHAN);
}

describe('service records', () => {
  it('confirming one’s own record is refused (single): it stays a draft and the totals do not move', async () => {
    const mine = await draft(self.volunteerId);
    const res = await api(t, self.cookie, 'POST', confirmUrl(), { items: [{ id: mine }] });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { done: 0, skipped: [{ id: mine, code: 'RECORD_SELF_DECISION' }] });
    const r = await recordOf(mine);
    assert.equal(r.status, 'draft');
    assert.equal(r.decided_by, null);
    assert.equal(await totalsOf(self.volunteerId), 0);
  });

  it('adjusting one’s own record (to 1,440 minutes) is refused and nothing changes', async () => {
    const mine = await draft(self.volunteerId);
    const res = await api(t, self.cookie, 'POST', confirmUrl(), {
      items: [{ id: mine, minutes: 1440, adjustReason: '实际服务时间更长' }],
    });
    assert.deepEqual(res.json(), { done: 0, skipped: [{ id: mine, code: 'RECORD_SELF_DECISION' }] });
    const r = await recordOf(mine);
    assert.equal(r.status, 'draft');
    assert.equal(r.minutes, 120);
    assert.equal(r.adjust_reason, null);
    assert.equal(await totalsOf(self.volunteerId), 0);
  });

  it('in a bulk confirmation one’s own records are skipped with the reason and the others confirmed', async () => {
    const mine = await draft(self.volunteerId);
    const theirs = await draft(other);
    const res = await api(t, self.cookie, 'POST', confirmUrl(), { items: [{ id: mine }, { id: theirs }] });
    assert.deepEqual(res.json(), { done: 1, skipped: [{ id: mine, code: 'RECORD_SELF_DECISION' }] });
    assert.equal((await recordOf(mine)).status, 'draft');
    assert.equal((await recordOf(theirs)).status, 'confirmed');
  });

  it('the parent organization’s admin and the region admin confirm it instead', async () => {
    const first = await draft(self.volunteerId);
    const second = await draft(self.volunteerId);
    const byParent = await api(t, parentAdmin, 'POST', confirmUrl(), { items: [{ id: first }] });
    assert.equal(byParent.statusCode, 200, byParent.body);
    assert.deepEqual(byParent.json(), { done: 1, skipped: [] });
    const byRegion = await api(t, regionAdmin, 'POST', confirmUrl(), { items: [{ id: second }] });
    assert.deepEqual(byRegion.json(), { done: 1, skipped: [] });
    assert.equal((await recordOf(first)).status, 'confirmed');
    assert.equal(await totalsOf(self.volunteerId), 240);
    // The parent's admin sees the list the decision is made from.
    const list = await api(t, parentAdmin, 'GET', `/api/activities/${activity.activityId}/records`);
    assert.equal(list.statusCode, 200, list.body);
  });

  it('deciding a back-fill about oneself (entered by a colleague) is refused with who decides instead', async () => {
    const entered = await api(t, colleague, 'POST', `/api/organizations/${teamId}/records/backfill`, {
      volunteerNo: (
        await t.handle.db
          .selectFrom('volunteers')
          .select('volunteer_no')
          .where('id', '=', self.volunteerId)
          .executeTakeFirstOrThrow()
      ).volunteer_no,
      activityTitle: '社区环保行动（补录）',
      serviceDate: '2026-01-06',
      place: '深圳湾公园',
      content: '引导游客分类投放垃圾',
      personInCharge: '李负责',
      minutes: 1440,
      reason: '当天签到设备故障',
      evidence: [{ name: 'roster.png', mimeType: 'image/png', contentBase64: 'iVBORw0KGgo=' }],
    });
    assert.equal(entered.statusCode, 200, entered.body);
    const id = entered.json().id as string;
    const res = await api(t, self.cookie, 'POST', `/api/records/${id}/decision`, { decision: 'approve' });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(err(res)?.code, 'RECORD_SELF_DECISION');
    assert.equal(err(res)?.message, '不能审核本人的服务记录，请由上级组织或区域管理员审核');
    assertEscalation(err(res)?.details);
    assert.equal((await recordOf(id)).status, 'pending');
    const byParent = await api(t, parentAdmin, 'POST', `/api/records/${id}/decision`, {
      decision: 'reject',
      reason: '证明材料不足',
    });
    assert.equal(byParent.statusCode, 200, byParent.body);
    assert.equal((await recordOf(id)).status, 'rejected');
  });

  it('deciding a correction of one’s own record is refused; the region admin decides it', async () => {
    const rec = await insertRecord(t, {
      volunteerId: self.volunteerId,
      orgId: teamId,
      date: '2026-01-07',
      minutes: 60,
    });
    const asked = await api(t, self.cookie, 'POST', `/api/me/records/${rec}/correction`, {
      minutes: 90,
      reason: '签退时间记录有误',
    });
    assert.equal(asked.statusCode, 200, asked.body);
    const id = asked.json().id as string;
    const res = await api(t, self.cookie, 'POST', `/api/records/${id}/decision`, { decision: 'approve' });
    assert.equal(res.statusCode, 403);
    assert.equal(err(res)?.code, 'RECORD_SELF_DECISION');
    assert.equal((await recordOf(id)).status, 'pending');
    const byRegion = await api(t, regionAdmin, 'POST', `/api/records/${id}/decision`, {
      decision: 'approve',
    });
    assert.equal(byRegion.statusCode, 200, byRegion.body);
    assert.equal((await recordOf(id)).status, 'confirmed');
  });
});

describe('hours import batches', () => {
  it('a batch holding one’s own hours is not one’s to decide; the region admin decides it', async () => {
    const db = t.handle.db;
    const job = await db
      .insertInto('import_jobs')
      .values({
        kind: 'records',
        org_id: teamId,
        file_sha256: 'f'.repeat(64),
        status: 'done',
        created_by: colleagueId,
        reason: '纸质签到表补录',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [volunteerId, day] of [
      [self.volunteerId, '2026-01-09'],
      [other, '2026-01-09'],
    ] as const)
      await db
        .insertInto('service_records')
        .values({
          kind: 'import',
          import_job_id: job.id,
          reason: '纸质签到表补录',
          volunteer_id: volunteerId,
          org_id: teamId,
          service_date: day,
          activity_title: '社区探访',
          place: '南山区科技园',
          content: '社区探访',
          person_in_charge: '李队长',
          minutes: 1440,
          status: 'pending',
          created_by: colleagueId,
        })
        .execute();
    const url = `/api/imports/${job.id}/decision`;
    const res = await api(t, self.cookie, 'POST', url, { decision: 'approve' });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(err(res)?.code, 'RECORD_SELF_DECISION');
    assertEscalation(err(res)?.details);
    const statuses = async () =>
      (
        await db.selectFrom('service_records').select('status').where('import_job_id', '=', job.id).execute()
      ).map((r) => r.status);
    assert.deepEqual(await statuses(), ['pending', 'pending']);
    const byRegion = await api(t, regionAdmin, 'POST', url, { decision: 'approve' });
    assert.equal(byRegion.statusCode, 200, byRegion.body);
    assert.deepEqual(await statuses(), ['confirmed', 'confirmed']);
  });
});

describe('certificates', () => {
  it('issuing one’s own certificate is refused; the parent organization’s admin issues it', async () => {
    await insertRecord(t, { volunteerId: self.volunteerId, orgId: teamId, date: '2026-01-08', minutes: 60 });
    const id = await insertRequest(t, self.volunteerId, teamId);
    const res = await api(t, self.cookie, 'POST', `/api/certificates/${id}/issue`, {});
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(err(res)?.code, 'CERTIFICATE_SELF_ISSUE');
    assertEscalation(err(res)?.details);
    const row = () =>
      t.handle.db
        .selectFrom('certificates')
        .select(['status', 'issued_by'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    assert.deepEqual(await row(), { status: 'requested', issued_by: null });
    const byParent = await api(t, parentAdmin, 'POST', `/api/certificates/${id}/issue`, {});
    assert.equal(byParent.statusCode, 200, byParent.body);
    assert.equal((await row()).status, 'issued');
    // The parent's admin finds the request in the team's list.
    const list = await api(t, parentAdmin, 'GET', `/api/organizations/${teamId}/certificates`);
    assert.equal(list.statusCode, 200, list.body);
  });

  it('the region admin issues it too', async () => {
    const id = await insertRequest(t, self.volunteerId, teamId);
    assert.equal(
      err(await api(t, self.cookie, 'POST', `/api/certificates/${id}/issue`, {}))?.code,
      'CERTIFICATE_SELF_ISSUE',
    );
    const res = await api(t, regionAdmin, 'POST', `/api/certificates/${id}/issue`, {});
    assert.equal(res.statusCode, 200, res.body);
  });
});

describe('sign-ups', () => {
  it('approving one’s own sign-up is refused (skipped with the reason); the parent’s admin approves it', async () => {
    const s = await api(t, self.cookie, 'POST', `/api/shifts/${activity.shiftId}/signups`, {});
    assert.equal(s.statusCode, 200, s.body);
    const id = s.json().id as string;
    const url = `/api/activities/${activity.activityId}/signups/decision`;
    const res = await api(t, self.cookie, 'POST', url, { ids: [id], decision: 'accept' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { done: 0, skipped: [{ id, code: 'SIGNUP_SELF_DECISION' }] });
    const status = async () =>
      (
        await t.handle.db
          .selectFrom('signups')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
    assert.equal(await status(), 'pending');
    const list = await api(t, parentAdmin, 'GET', `/api/activities/${activity.activityId}/signups`);
    assert.equal(list.statusCode, 200, list.body);
    const byParent = await api(t, parentAdmin, 'POST', url, { ids: [id], decision: 'accept' });
    assert.deepEqual(byParent.json(), { done: 1, skipped: [] });
    assert.equal(await status(), 'accepted');
  });
});

describe('memberships', () => {
  it('approving one’s own application is refused in each language; the parent’s admin approves it', async () => {
    const applied = await api(t, self.cookie, 'POST', `/api/organizations/${teamId}/join`);
    assert.equal(applied.statusCode, 200, applied.body);
    const id = applied.json().id as string;
    const url = `/api/organizations/${teamId}/members/${id}/decision`;
    const res = await api(t, self.cookie, 'POST', url, { decision: 'approve' });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(err(res)?.code, 'MEMBERSHIP_SELF_DECISION');
    assertEscalation(err(res)?.details);
    for (const [lang, text] of [
      ['zh-HK', '上級組織'],
      ['en', 'parent organization'],
    ] as const) {
      const r = await t.app.inject({
        method: 'POST',
        url,
        // The account's saved language wins over the browser's; the locale cookie over both.
        headers: { cookie: `${self.cookie}; yiqi_locale=${lang}` },
        payload: { decision: 'reject' },
      });
      assert.equal(err(r)?.code, 'MEMBERSHIP_SELF_DECISION');
      assert.ok(err(r)?.message.includes(text), err(r)?.message);
    }
    const status = async () =>
      (
        await t.handle.db
          .selectFrom('memberships')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
    assert.equal(await status(), 'applied');
    const byParent = await api(t, parentAdmin, 'POST', url, { decision: 'approve' });
    assert.equal(byParent.statusCode, 200, byParent.body);
    assert.equal(await status(), 'active');
  });

  it('the parent’s admin still has no say over an unrelated organization', async () => {
    const stranger = await insertOrganization(t, '别的队伍', NANSHAN);
    const v = await addVolunteerRecord(t, null);
    const m = await t.handle.db
      .insertInto('memberships')
      .values({ org_id: stranger, volunteer_id: v.id, status: 'applied' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await api(t, parentAdmin, 'POST', `/api/organizations/${stranger}/members/${m.id}/decision`, {
      decision: 'approve',
    });
    assert.equal(res.statusCode, 404);
    assert.equal(err(res)?.code, 'NOT_FOUND');
  });
});

describe('the database refuses a decision about oneself too', () => {
  const refused = async (f: () => Promise<unknown>) => {
    await assert.rejects(f, /decide|self|own/i);
  };

  it('a service record, certificate, sign-up or membership decided by its own volunteer', async () => {
    const db = t.handle.db;
    const rec = await draft(self.volunteerId);
    await refused(() =>
      db
        .updateTable('service_records')
        .set({ status: 'confirmed', decided_by: self.user.id, decided_at: new Date() })
        .where('id', '=', rec)
        .execute(),
    );
    const cert = await insertRequest(t, self.volunteerId, parentId);
    await refused(() =>
      db
        .updateTable('certificates')
        .set({
          status: 'issued',
          number: 'TEST-SELF-1',
          record_ids: [],
          total_minutes: 0,
          content_hash: 'x',
          issuer_name: '南山第一分队',
          person_in_charge: '李负责',
          handler_name: '测试',
          issued_by: self.user.id,
          issued_at: new Date(),
        })
        .where('id', '=', cert)
        .execute(),
    );
    const signup = await db
      .selectFrom('signups')
      .select('id')
      .where('volunteer_id', '=', self.volunteerId)
      .executeTakeFirstOrThrow();
    await refused(() =>
      db
        .updateTable('signups')
        .set({ status: 'rejected', decided_by: self.user.id, decided_at: new Date() })
        .where('id', '=', signup.id)
        .execute(),
    );
    const team = await insertOrganization(t, '另一分队', NANSHAN, { parentId });
    const m = await db
      .insertInto('memberships')
      .values({ org_id: team, volunteer_id: self.volunteerId, status: 'applied' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await refused(() =>
      db
        .updateTable('memberships')
        .set({ status: 'active', decided_by: self.user.id, decided_at: new Date() })
        .where('id', '=', m.id)
        .execute(),
    );
  });
});
