import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createOrganization,
  createUser,
  signIn,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';
import { api, NANSHAN } from '../activities/activities.testkit.ts';
import { photo, reportBody } from './civic.testkit.ts';

/**
 * Issue 16, 随手拍 with notifications: the unit hears of a case routed to it, reopened to it or past its
 * deadline; the reporter hears that it was handled (to check and rate) and, when a supervisor checked it,
 * that it was rectified with the points earned (none for an anonymous report). A refused step tells nobody.
 */

let t: TestApp;
let street: string;
const people = new Map<string, { user: TestUser; cookie: string }>();
const cookie = (name: string) => people.get(name)!.cookie;

async function person(name: string, opts: Parameters<typeof createUser>[2] = {}) {
  const user = await createUser(t, name, opts);
  people.set(name, { user, cookie: await signIn(t, user) });
}

type Notice = { kind: string; title: string; body: string; link: string | null };
async function inbox(name: string): Promise<Notice[]> {
  const res = await api(t, cookie(name), 'GET', '/api/me/notifications?pageSize=100');
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items as Notice[];
}
const ofKind = async (name: string, kind: string) => (await inbox(name)).filter((n) => n.kind === kind);

before(async () => {
  t = await startTestApp({
    env: {
      CIVIC_REPORTS_PER_MINUTE: '1000',
      SESSION_IDLE_MINUTES: '100000',
      SESSION_ABSOLUTE_HOURS: '10000',
    },
  });
  street = (
    await t.handle.db
      .selectFrom('regions')
      .select('code')
      .where('parent_code', '=', NANSHAN)
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).code;
  const unit = await createOrganization(t, '南山街道城管执法队', street);
  await person('cn.reporter');
  await person('cn.unit', { role: 'org_admin', orgId: unit });
  await person('cn.unit2', { role: 'org_admin', orgId: unit });
  await person('cn.sup', { role: 'region_admin', region: NANSHAN });
  const rule = await api(t, cookie('cn.sup'), 'POST', '/api/civic/routes', {
    region: street,
    category: 'any',
    unitId: unit,
    deadlineDays: 2,
  });
  assert.equal(rule.statusCode, 200, rule.body);
});
after(() => t.close());

async function file(over: Record<string, unknown> = {}) {
  const res = await api(t, cookie('cn.reporter'), 'POST', '/api/me/civic/reports', reportBody(street, over));
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { id: string; dueAt: string };
}
const handle = (id: string) =>
  api(t, cookie('cn.unit'), 'POST', `/api/civic/cases/${id}/handling`, { note: '已清理', proof: [photo()] });

describe('civic case notices', () => {
  it('route → handled → reopened → rectified: each step reaches the one who must act, in words', async () => {
    const c = await file({ category: 'street_vending' });
    const dueOn = new Date(Date.parse(c.dueAt) - 1).toLocaleDateString('sv-SE', {
      timeZone: 'Asia/Shanghai',
    });
    for (const admin of ['cn.unit', 'cn.unit2']) {
      const routed = await ofKind(admin, 'civic_case_routed');
      assert.equal(routed.length, 1, `${admin} hears of the case`);
      assert.equal(routed[0]!.body, `一件“占道经营”问题已转交您的单位，请在 ${dueOn} 前处理并上传整改照片。`);
      assert.equal(routed[0]!.link, '/civic');
    }
    assert.equal((await inbox('cn.reporter')).length, 0, 'the reporter is not told of routing');

    assert.equal((await handle(c.id)).statusCode, 200);
    const again = await handle(c.id);
    assert.equal(again.statusCode, 409, 'a handled case is not handled twice');
    const handled = await ofKind('cn.reporter', 'civic_case_handled');
    assert.equal(handled.length, 1, 'told once; the refused second handling told nobody');
    assert.match(handled[0]!.body, /“占道经营”问题已由责任单位处理，请查看整改照片并评价/);
    assert.equal(handled[0]!.link, '/m/civic');

    const unhappy = await api(t, cookie('cn.reporter'), 'POST', `/api/me/civic/reports/${c.id}/rating`, {
      rating: 1,
      comment: '摊位还在',
    });
    assert.equal(unhappy.statusCode, 200, unhappy.body);
    const reopened = await ofKind('cn.unit', 'civic_case_reopened');
    assert.equal(reopened.length, 1);
    assert.match(reopened[0]!.body, /整改未获认可，已退回您的单位重新处理/);

    assert.equal((await handle(c.id)).statusCode, 200);
    const good = await api(t, cookie('cn.sup'), 'POST', `/api/civic/cases/${c.id}/review`, { rating: 5 });
    assert.equal(good.statusCode, 200, good.body);
    const rectified = await ofKind('cn.reporter', 'civic_case_rectified');
    assert.equal(rectified.length, 1);
    assert.match(rectified[0]!.body, /已整改完毕，感谢您的监督，您获得 10 积分/);
  });

  it('an anonymous report’s reporter is told without points; the reporter’s own rating is no news to them', async () => {
    const anon = await file({ anonymous: true });
    assert.equal((await handle(anon.id)).statusCode, 200);
    const before = (await ofKind('cn.reporter', 'civic_case_rectified')).length;
    await api(t, cookie('cn.sup'), 'POST', `/api/civic/cases/${anon.id}/review`, { rating: 4 });
    const told = await ofKind('cn.reporter', 'civic_case_rectified');
    assert.equal(told.length, before + 1);
    assert.equal(told[0]!.body, '您反映的“环境卫生”问题已整改完毕，感谢您的监督。');

    const own = await file();
    assert.equal((await handle(own.id)).statusCode, 200);
    await api(t, cookie('cn.reporter'), 'POST', `/api/me/civic/reports/${own.id}/rating`, { rating: 5 });
    assert.equal((await ofKind('cn.reporter', 'civic_case_rectified')).length, before + 1);
  });

  it('the deadline timer tells the unit once when a case passes its deadline unhandled', async () => {
    const c = await file({ category: 'noise' });
    t.clock.advance(Date.parse(c.dueAt) + 1000 - t.clock.t);
    await t.app.jobs.tick();
    await t.app.jobs.tick();
    const overdue = await ofKind('cn.unit', 'civic_case_overdue');
    assert.equal(overdue.length, 1);
    assert.match(overdue[0]!.body, /“噪音扰民”问题已超过处理期限/);
  });
});
