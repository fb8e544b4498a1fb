import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import {
  auditRows,
  createUser,
  signIn,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';
import { api } from '../activities/activities.testkit.ts';
import { addHours, grantLevels } from './stars.testkit.ts';

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';
const SHENZHEN = '440300000000';

let t: TestApp;
let org: string;
const admin = {} as Record<'nanshan' | 'futian' | 'shenzhen' | 'self', string>;
let selfAdminUser: TestUser;
let plain: string;

interface Vol {
  id: string;
  volunteerNo: string;
  cookie: string;
  user: TestUser;
}
let n = 0;
async function volunteer(hours: number, region = NANSHAN, name = '张三明'): Promise<Vol> {
  const user = await createUser(t, `stars.v${++n}`);
  const v = await addVolunteerRecord(t, user.id, { region });
  await t.handle.db.updateTable('volunteers').set({ name }).where('id', '=', v.id).execute();
  await t.handle.db
    .insertInto('memberships')
    .values({ org_id: org, volunteer_id: v.id, status: 'active' })
    .execute();
  if (hours) await addHours(t, v.id, org, hours);
  return { ...v, user, cookie: await signIn(t, user) };
}

const status = async (applicationId: string) =>
  (
    await t.handle.db
      .selectFrom('star_applications')
      .select('status')
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow()
  ).status;

async function applyOk(v: Vol, level: number): Promise<string> {
  const res = await api(t, v.cookie, 'POST', '/api/me/stars/applications', { level });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().id;
}

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await insertOrganization(t, '南山区星级测试服务队', NANSHAN);
  admin.nanshan = await signIn(
    t,
    await createUser(t, 'stars.nanshan', { role: 'region_admin', region: NANSHAN }),
  );
  admin.futian = await signIn(
    t,
    await createUser(t, 'stars.futian', { role: 'region_admin', region: FUTIAN }),
  );
  admin.shenzhen = await signIn(
    t,
    await createUser(t, 'stars.shenzhen', { role: 'region_admin', region: SHENZHEN }),
  );
  selfAdminUser = await createUser(t, 'stars.selfadmin', { role: 'region_admin', region: NANSHAN });
  admin.self = await signIn(t, selfAdminUser);
  plain = await signIn(t, await createUser(t, 'stars.plain'));
});
after(() => t.close());

describe('star certification', () => {
  it('refuses an application below the threshold, and a skipped level, changing nothing', async () => {
    const v = await volunteer(99);
    const p = await api(t, v.cookie, 'GET', '/api/me/stars');
    assert.equal(p.statusCode, 200, p.body);
    assert.equal(p.json().level, 0);
    assert.equal(p.json().canApply, false);
    assert.deepEqual(
      { needed: p.json().next.hoursNeeded, ok: p.json().next.hoursOk },
      { needed: 100, ok: false },
    );
    const low = await api(t, v.cookie, 'POST', '/api/me/stars/applications', { level: 1 });
    assert.equal(low.statusCode, 422);
    assert.equal(low.json().error.code, 'STAR_NOT_ELIGIBLE');
    const w = await volunteer(300);
    const skip = await api(t, w.cookie, 'POST', '/api/me/stars/applications', { level: 2 });
    assert.equal(skip.statusCode, 422);
    assert.equal(skip.json().error.code, 'STAR_LEVEL_ORDER');
    const count = await t.handle.db
      .selectFrom('star_applications')
      .select(sql<string>`count(*)`.as('n'))
      .where('volunteer_id', 'in', [v.id, w.id])
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
    // No level may be certified without the one below, even written directly.
    await assert.rejects(grantLevelsSkipping(w.id), /needs level 1 first/);
  });

  it('goes application → review → notice of 5 working days → certified by the job, in order', async () => {
    const v = await volunteer(320);
    const id = await applyOk(v, 1);
    const again = await api(t, v.cookie, 'POST', '/api/me/stars/applications', { level: 1 });
    assert.equal(again.json().error.code, 'STAR_APPLICATION_OPEN');
    // The queue is the federation's: another district's admin never sees or reviews it.
    const futianQueue = await api(t, admin.futian, 'GET', '/api/stars/applications');
    assert.ok(!futianQueue.body.includes(id));
    const foreign = await api(t, admin.futian, 'POST', `/api/stars/applications/${id}/review`, {
      approve: true,
    });
    assert.equal(foreign.statusCode, 404);
    const queue = await api(
      t,
      admin.nanshan,
      'GET',
      `/api/stars/applications?region=${NANSHAN}&status=submitted`,
    );
    assert.ok(queue.json().items.some((a: { id: string }) => a.id === id));
    const ok = await api(t, admin.nanshan, 'POST', `/api/stars/applications/${id}/review`, { approve: true });
    assert.equal(ok.statusCode, 200, ok.body);
    const row = await t.handle.db
      .selectFrom('star_applications')
      .select([
        'status',
        sql<string>`to_char(notice_from, 'YYYY-MM-DD')`.as('from'),
        sql<string>`to_char(notice_until, 'YYYY-MM-DD')`.as('until'),
      ])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // Reviewed on Sunday 2026-11-22: five working days are Mon 23 … Fri 27.
    assert.deepEqual(row, { status: 'noticed', from: '2026-11-22', until: '2026-11-27' });
    const notices = await api(t, undefined, 'GET', '/api/stars/notices');
    const notice = notices.json().items.find((x: { id: string }) => x.id === id);
    assert.equal(notice.maskedName, '张*明');
    assert.ok(!notices.body.includes('张三明'));
    assert.equal((await auditRows(t, 'stars.review.notice')).length >= 1, true);

    // Friday 23:00 in China: the notice is still running.
    t.clock.t = Date.parse('2026-11-27T15:00:00Z');
    await t.app.jobs.tick();
    assert.equal(await status(id), 'noticed');
    t.clock.t = Date.parse('2026-11-27T16:00:01Z');
    await t.app.jobs.tick();
    assert.equal(await status(id), 'certified');
    // The volunteer heard of both steps in the inbox.
    const inbox = (await api(t, v.cookie, 'GET', '/api/me/notifications')).json().items as {
      kind: string;
      body: string;
    }[];
    assert.match(inbox.find((n) => n.kind === 'star_noticed')?.body ?? '', /1星.*公示至 2026-11-27/);
    assert.match(inbox.find((n) => n.kind === 'star_certified')?.body ?? '', /认定为1星志愿者/);
    const p = await api(t, v.cookie, 'GET', '/api/me/stars');
    assert.equal(p.json().level, 1);
    assert.equal(p.json().next.level, 2);
    assert.equal(p.json().canApply, true);
    // The next level is certified by the same district; level 3 would go to the city.
    const id2 = await applyOk(v, 2);
    const app2 = await t.handle.db
      .selectFrom('star_applications')
      .select(['certifying_region', 'certifying_level'])
      .where('id', '=', id2)
      .executeTakeFirstOrThrow();
    assert.deepEqual(app2, { certifying_region: NANSHAN, certifying_level: 3 });
  });

  it('sends 3 stars to the city federation: the district admin cannot review it', async () => {
    const v = await volunteer(620);
    await grantLevels(t, v.id, 2, selfAdminUser.id);
    const id = await applyOk(v, 3);
    const row = await t.handle.db
      .selectFrom('star_applications')
      .select('certifying_region')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.certifying_region, SHENZHEN);
    const district = await api(t, admin.nanshan, 'POST', `/api/stars/applications/${id}/review`, {
      approve: true,
    });
    assert.equal(district.statusCode, 404);
    const city = await api(t, admin.shenzhen, 'POST', `/api/stars/applications/${id}/review`, {
      approve: false,
      reason: '材料不全',
    });
    assert.equal(city.statusCode, 200, city.body);
    assert.equal(await status(id), 'rejected');
  });

  it('takes objections during the notice: an open one holds certification, upheld refuses it', async () => {
    const a = await volunteer(110);
    const b = await volunteer(110);
    const ida = await applyOk(a, 1);
    const idb = await applyOk(b, 1);
    for (const id of [ida, idb])
      assert.equal(
        (await api(t, admin.nanshan, 'POST', `/api/stars/applications/${id}/review`, { approve: true }))
          .statusCode,
        200,
      );
    const anon = await api(t, undefined, 'POST', `/api/stars/applications/${ida}/objections`, {
      reason: '时长有疑问请核实',
    });
    assert.equal(anon.statusCode, 401);
    const empty = await api(t, plain, 'POST', `/api/stars/applications/${ida}/objections`, { reason: '' });
    assert.equal(empty.statusCode, 400);
    const oa = await api(t, plain, 'POST', `/api/stars/applications/${ida}/objections`, {
      reason: '该志愿者多次未到岗，时长有疑问',
    });
    assert.equal(oa.statusCode, 200, oa.body);
    const ob = await api(t, plain, 'POST', `/api/stars/applications/${idb}/objections`, {
      reason: '服务记录与实际不符，请核实',
    });
    assert.equal(ob.statusCode, 200);
    const list = await api(t, admin.nanshan, 'GET', `/api/stars/applications/${ida}/objections`);
    assert.equal(list.json().items.length, 1);
    // Past the notice: the open objection holds A; the notice no longer takes objections.
    t.clock.advance(10 * 86400_000);
    await t.app.jobs.tick();
    assert.equal(await status(ida), 'noticed');
    const late = await api(t, plain, 'POST', `/api/stars/applications/${ida}/objections`, {
      reason: '补充异议内容一二三',
    });
    assert.equal(late.json().error.code, 'STAR_NOT_IN_NOTICE');
    const self = await api(t, a.cookie, 'POST', `/api/stars/objections/${oa.json().id}/decide`, {
      upheld: false,
      reason: '经核实无误',
    });
    assert.equal(self.statusCode, 403);
    const dismiss = await api(t, admin.nanshan, 'POST', `/api/stars/objections/${oa.json().id}/decide`, {
      upheld: false,
      reason: '经核实服务记录无误',
    });
    assert.equal(dismiss.statusCode, 200, dismiss.body);
    assert.equal(await status(ida), 'certified');
    const uphold = await api(t, admin.nanshan, 'POST', `/api/stars/objections/${ob.json().id}/decide`, {
      upheld: true,
      reason: '经核实存在虚报',
    });
    assert.equal(uphold.statusCode, 200);
    assert.equal(await status(idb), 'rejected');
  });

  it('never lets anyone review or certify themselves (service and database)', async () => {
    const row = await addVolunteerRecord(t, selfAdminUser.id);
    await addHours(t, row.id, org, 120);
    const mine = await api(t, admin.self, 'POST', '/api/me/stars/applications', { level: 1 });
    assert.equal(mine.statusCode, 200, mine.body);
    const id = mine.json().id;
    const self = await api(t, admin.self, 'POST', `/api/stars/applications/${id}/review`, { approve: true });
    assert.equal(self.statusCode, 403);
    assert.equal(self.json().error.code, 'STAR_SELF_DECISION');
    assert.equal(await status(id), 'submitted');
    await assert.rejects(
      t.handle.db
        .updateTable('star_applications')
        .set({ status: 'rejected', reviewed_by: selfAdminUser.id, reviewed_at: new Date() })
        .where('id', '=', id)
        .execute(),
      /nobody reviews their own/,
    );
    await assert.rejects(grantLevels(t, row.id, 1, selfAdminUser.id), /nobody certifies themselves/);
  });

  it('revokes for falsified hours and bars re-application for the scheme’s period', async () => {
    const v = await volunteer(700);
    const [c1] = await grantLevels(t, v.id, 2, selfAdminUser.id);
    const futian = await api(t, admin.futian, 'POST', `/api/stars/certifications/${c1}/revoke`, {
      reason: '虚报服务时长',
      falsified: true,
    });
    assert.equal(futian.statusCode, 404);
    const res = await api(t, admin.nanshan, 'POST', `/api/stars/certifications/${c1}/revoke`, {
      reason: '虚报服务时长',
      falsified: true,
    });
    assert.equal(res.statusCode, 200, res.body);
    const p = await api(t, v.cookie, 'GET', '/api/me/stars');
    assert.equal(p.json().level, 0, 'level 1 and the level 2 above it are revoked');
    assert.ok(p.json().barredUntil);
    const again = await api(t, v.cookie, 'POST', '/api/me/stars/applications', { level: 1 });
    assert.equal(again.json().error.code, 'STAR_BARRED');
    const twice = await api(t, admin.nanshan, 'POST', `/api/stars/certifications/${c1}/revoke`, {
      reason: '重复撤销',
      falsified: false,
    });
    assert.equal(twice.statusCode, 409);
  });

  it('lets an organization apply for its member, not for others', async () => {
    const orgAdmin = await signIn(
      t,
      await createUser(t, 'stars.orgadmin', { role: 'org_admin', orgId: org }),
    );
    const v = await volunteer(150);
    const ok = await api(t, orgAdmin, 'POST', `/api/organizations/${org}/star-applications`, {
      volunteerNo: v.volunteerNo,
      level: 1,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const stranger = await addVolunteerRecord(t, null);
    await addHours(t, stranger.id, org, 150);
    const no = await api(t, orgAdmin, 'POST', `/api/organizations/${org}/star-applications`, {
      volunteerNo: stranger.volunteerNo,
      level: 1,
    });
    assert.equal(no.json().error.code, 'STAR_NOT_MEMBER');
  });

  it('applies a region’s scheme: thresholds, platform hours only, tenure', async () => {
    const bad = await api(t, admin.futian, 'PUT', `/api/stars/scheme?region=${FUTIAN}`, {
      thresholds: [50, 40, 600, 1000, 1500],
      tenureMonths: [0, 0, 0, 0, 0],
      platformOnly: false,
      banMonths: 24,
      noticeWorkingDays: 5,
      conditions: null,
    });
    assert.equal(bad.json().error.code, 'STAR_SCHEME_INVALID');
    const other = await api(t, admin.nanshan, 'GET', `/api/stars/scheme?region=${FUTIAN}`);
    assert.equal(other.statusCode, 403);
    const put = await api(t, admin.futian, 'PUT', `/api/stars/scheme?region=${FUTIAN}`, {
      thresholds: [50, 300, 600, 1000, 1500],
      tenureMonths: [6, 6, 12, 12, 24],
      platformOnly: true,
      banMonths: 24,
      noticeWorkingDays: 7,
      conditions: null,
    });
    assert.equal(put.statusCode, 200, put.body);
    const v = await volunteer(60, FUTIAN);
    const p = (await api(t, v.cookie, 'GET', '/api/me/stars')).json();
    assert.equal(p.next.hoursNeeded, 50);
    assert.equal(p.countedHours, 0, 'back-filled hours are not platform hours');
    assert.equal(p.next.tenureOk, false);
    const res = await api(t, v.cookie, 'POST', '/api/me/stars/applications', { level: 1 });
    assert.equal(res.json().error.code, 'STAR_NOT_ELIGIBLE');
    // Nanshan keeps the default.
    const nanshan = (await api(t, admin.nanshan, 'GET', `/api/stars/scheme?region=${NANSHAN}`)).json();
    assert.deepEqual(nanshan.thresholds, [100, 300, 600, 1000, 1500]);
  });

  it('derives milestone badges from the records', async () => {
    const v = await volunteer(120);
    const res = await api(t, v.cookie, 'GET', '/api/me/badges');
    assert.equal(res.statusCode, 200);
    // First record 2025-01-06; the clock is past 2026-01-06: one year of service.
    assert.deepEqual(res.json().items, ['first_activity', 'hours_100', 'years_1']);
  });
});

async function grantLevelsSkipping(volunteerId: string) {
  const userId = (
    await t.handle.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'stars.nanshan')
      .executeTakeFirstOrThrow()
  ).id;
  const a = await t.handle.db
    .insertInto('star_applications')
    .values({
      volunteer_id: volunteerId,
      level: 2,
      status: 'rejected',
      applied_by: userId,
      minutes_at_apply: 0,
      certifying_region: NANSHAN,
      certifying_level: 3,
      reviewed_by: userId,
      reviewed_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.handle.db
    .insertInto('star_certifications')
    .values({ volunteer_id: volunteerId, level: 2, application_id: a.id, certified_by: userId })
    .execute();
}
