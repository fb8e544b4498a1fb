import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { systemCtx } from '../../core/system-ctx.ts';
import {
  NANSHAN,
  addItem,
  call,
  placeOrder,
  workOrder,
  world,
  type Actor,
  type World,
} from './dispatch.testkit.ts';
import { fire } from './timers.service.ts';

/**
 * Escalation (decision 0071) on the injected clock, which starts on Sunday 2026-11-22 at 02:00 UTC (10:00
 * in China); deadlines fall at 18:00 China time (10:00 UTC). Each test moves the clock on from where the
 * last one left it, so the dates below follow one another.
 */
let t: TestApp;
let w: World;
let station: Actor;
const HOUR = 3_600_000;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  w = await world(t);
  const u = await createUser(t, 'station-admin', { role: 'region_admin', region: w.communityA });
  station = { userId: u.id, cookie: await signIn(t, u) };
});
after(() => t.close());

interface Hop {
  action: string;
  fromUnit: string | null;
  toUnit: string | null;
  fromUnitName: string | null;
  toUnitName: string | null;
  by: string | null;
  note: string | null;
}
const view = async (id: string, locale = 'zh-CN') =>
  (
    await t.app.inject({
      method: 'GET',
      url: `/api/dispatch/orders/${id}`,
      headers: { cookie: `${w.district.cookie}; yiqi_locale=${locale}` },
    })
  ).json();
const runJobs = async () => {
  while ((await t.app.jobs.tick()) > 0);
};
/** Moves the clock to an instant (UTC) ahead of it. */
const until = (iso: string) => {
  const ms = Date.parse(iso) - t.clock.now().getTime();
  assert.ok(ms > 0, `the clock is before ${iso}`);
  t.clock.advance(ms);
};
const escalatedNotices = async (who: Actor, title: string) =>
  (
    (await call(t, who, 'GET', '/api/me/notifications')).json().items as { kind: string; body: string }[]
  ).filter((n) => n.kind === 'dispatch_order_escalated' && n.body.includes(`“${title}”`));

describe('escalation past the deadline', () => {
  it('counts its delay in working days from the deadline: due Friday, escalated Monday evening, not at the weekend', async () => {
    until('2026-11-26T02:00:00Z'); // Thursday
    const item = await addItem(t, w.postA, w.streetA, [], { escalateDays: 1 });
    const id = await placeOrder(t, w.resident, item, w.communityA);
    assert.equal((await view(id)).dueAt, '2026-11-27T10:00:00.000Z');
    until('2026-11-27T11:00:00Z'); // Friday, past 18:00 in China: reminded, not escalated.
    await runJobs();
    let v = await view(id);
    assert.equal(v.overdue, true);
    assert.equal(v.holder.code, w.streetA);
    for (const at of ['2026-11-28T11:00:00Z', '2026-11-30T09:00:00Z']) {
      until(at); // Saturday; Monday before 18:00 in China.
      await runJobs();
      assert.equal((await view(id)).holder.code, w.streetA, at);
    }
    until('2026-11-30T11:00:00Z');
    await runJobs();
    v = await view(id);
    assert.equal(v.holder.code, NANSHAN);
    assert.equal(v.escalations, 1);
    assert.equal(v.overdue, true);
    const hop = v.timeline.at(-1) as Hop;
    assert.equal(hop.action, 'escalate');
    assert.equal(hop.fromUnit, w.streetA);
    assert.equal(hop.toUnit, NANSHAN);
    // The timeline names the units, not only their codes.
    assert.equal(hop.toUnitName, '南山区');
    assert.ok(hop.fromUnitName && !/^\d+$/.test(hop.fromUnitName), hop.fromUnitName ?? 'no name');
    assert.equal(hop.by, null);
    assert.equal(hop.note, '系统自动升级：办理时限 2026-11-27 已过，又经 1 个工作日仍未处理');
    // The district centre is the top: it is not escalated further however late.
    t.clock.advance(10 * 24 * HOUR);
    await runJobs();
    v = await view(id);
    assert.equal(v.holder.code, NANSHAN);
    assert.equal(v.escalations, 1);
  });

  it('a reminder that ran late (the app was down over the deadline) does not put the escalation off', async () => {
    const item = await addItem(t, w.postA, w.streetA, [], { escalateDays: 1 });
    const id = await placeOrder(t, w.resident, item, w.communityA); // Thursday 10 December, 11:00 UTC
    const due = (await view(id)).dueAt;
    assert.equal(due, '2026-12-11T10:00:00.000Z');
    // Nothing runs until one working day past the deadline (Monday 14th 18:00 in China) has passed.
    until('2026-12-14T11:00:00Z');
    await runJobs();
    const v = await view(id);
    assert.deepEqual(
      v.timeline.map((h: Hop) => h.action),
      ['order', 'remind', 'escalate'],
    );
    assert.equal(v.holder.code, NANSHAN);
  });

  it('station → street post → district centre, one level per delay; each new holder hears of it once', async () => {
    const item = await addItem(t, station, w.communityA, [], { escalateDays: 2, title: '社区站助老' });
    const id = await placeOrder(t, w.resident, item, w.communityA); // Monday 14 December, 11:00 UTC
    assert.equal((await view(id)).dueAt, '2026-12-15T10:00:00.000Z');
    until('2026-12-15T11:00:00Z');
    await runJobs();
    assert.equal((await view(id)).holder.code, w.communityA);
    until('2026-12-17T09:00:00Z'); // Two working days past the deadline is Thursday 17th, 18:00 in China.
    await runJobs();
    assert.equal((await view(id)).holder.code, w.communityA);
    until('2026-12-17T11:00:00Z');
    await runJobs();
    let v = await view(id);
    assert.equal(v.holder.code, w.streetA);
    assert.equal(v.overdue, true);
    let hop = v.timeline.at(-1) as Hop;
    assert.deepEqual(
      [hop.action, hop.fromUnit, hop.toUnit, hop.by],
      ['escalate', w.communityA, w.streetA, null],
    );
    assert.equal((await escalatedNotices(w.postA, '社区站助老')).length, 1);
    assert.equal((await escalatedNotices(station, '社区站助老')).length, 0);
    assert.equal((await escalatedNotices(w.district, '社区站助老')).length, 0);
    // The street post's notice of the escalation is its reminder: no second 'remind' entry for it.
    assert.deepEqual(
      v.timeline.map((h: Hop) => h.action),
      ['order', 'remind', 'escalate'],
    );
    // Two working days after it arrived at the street post (Monday 21st), on to the district centre.
    until('2026-12-21T09:00:00Z');
    await runJobs();
    assert.equal((await view(id)).holder.code, w.streetA);
    until('2026-12-21T11:00:00Z');
    await runJobs();
    v = await view(id);
    assert.equal(v.holder.code, NANSHAN);
    assert.equal(v.escalations, 2);
    hop = v.timeline.at(-1) as Hop;
    assert.deepEqual([hop.fromUnit, hop.toUnit], [w.streetA, NANSHAN]);
    assert.equal((await escalatedNotices(w.district, '社区站助老')).length, 1);
    assert.equal((await escalatedNotices(w.postA, '社区站助老')).length, 1);
    // The note in the reader's language.
    const en = (await view(id, 'en')).timeline.at(-1) as Hop;
    assert.equal(
      en.note,
      'Escalated by the system: deadline 2026-12-15 passed and still not handled 2 working days later',
    );
  });

  it('an order the unit moved on before the delay is not escalated', async () => {
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId], { escalateDays: 1 });
    const id = await placeOrder(t, w.resident, item, w.communityA);
    t.clock.advance(30 * HOUR);
    await runJobs();
    assert.equal((await view(id)).overdue, true);
    const r = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/reject`, { reason: '不在服务范围' });
    assert.equal(r.statusCode, 200, r.body);
    t.clock.advance(5 * 24 * HOUR);
    await runJobs();
    const v = await view(id);
    assert.equal(v.holder.code, w.streetA);
    assert.equal(v.escalations, 0);
  });

  it('a unit that gets an order back after the deadline (an offer timed out) has the whole delay', async () => {
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId], { escalateDays: 1, acceptDays: 3 });
    const id = await placeOrder(t, w.resident, item, w.communityA);
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/work-order`, workOrder(t));
    const d = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'team',
      orgId: w.teamA.orgId,
    });
    assert.equal(d.statusCode, 200, d.body);
    // The offer times out three working days on, after the post's own deadline and its delay had passed.
    until(new Date(Date.parse((await view(id)).dueAt) + HOUR).toISOString());
    await runJobs();
    let v = await view(id);
    assert.equal(v.state, 'ready');
    assert.equal(v.overdue, true);
    assert.equal(v.holder.code, w.streetA);
    assert.deepEqual(
      v.timeline.map((h: Hop) => h.action),
      ['order', 'make_work_order', 'dispatch_team', 'timeout', 'remind'],
    );
    // One working day after it came back, not at once.
    t.clock.advance(5 * 24 * HOUR);
    await runJobs();
    v = await view(id);
    assert.equal(v.holder.code, NANSHAN);
    assert.equal(v.timeline.at(-1).action, 'escalate');
  });

  it('fires after a restart, once; delivered twice it moves the order once', async () => {
    const item = await addItem(t, w.postA, w.streetA, [], { escalateDays: 1, title: '重启后升级' });
    const id = await placeOrder(t, w.resident, item, w.communityA);
    t.clock.advance(36 * HOUR); // past the deadline, not past the delay
    await runJobs();
    const before = await t.handle.db
      .selectFrom('dispatch_orders')
      .select(['version', 'holder_code'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(before.holder_code, w.streetA);
    // The escalation is a queued job: a new app on the same database runs it.
    await t.app.close();
    const { buildApp } = await import('../../app.ts');
    t.app = await buildApp({ db: t.handle.db, config: t.config, clock: t.clock.now, otpChannel: t.otp });
    await t.app.ready();
    t.clock.advance(4 * 24 * HOUR);
    await runJobs();
    let v = await view(id);
    assert.equal(v.holder.code, NANSHAN);
    assert.equal(v.escalations, 1);
    // The same timer delivered again (a lost lease, a second process) changes nothing.
    const ctx = systemCtx(
      { db: t.handle.db, config: t.config, clock: t.clock.now },
      { requestId: 'test:again', log: t.app.log },
    );
    await fire(ctx, { orderId: id, version: before.version, kind: 'escalate' });
    await fire(ctx, { orderId: id, version: before.version, kind: 'escalate' });
    await runJobs();
    v = await view(id);
    assert.equal(v.escalations, 1);
    assert.equal(v.timeline.filter((h: Hop) => h.action === 'escalate').length, 1);
    assert.equal((await escalatedNotices(w.district, '重启后升级')).length, 1);
  });
});
