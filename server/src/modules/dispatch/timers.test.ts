import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import {
  NANSHAN,
  addItem,
  call,
  createTeam,
  placeOrder,
  workOrder,
  world,
  type Team,
  type World,
} from './dispatch.testkit.ts';

/**
 * Stage timers as durable jobs, on the injected clock: the test clock starts on Sunday 2026-11-22 (02:00
 * UTC), so a one-working-day review is due Monday 23rd at 18:00 China time (10:00 UTC).
 */
let t: TestApp;
let w: World;
const HOUR = 3_600_000;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  w = await world(t);
});
after(() => t.close());

const staffView = async (id: string) =>
  (await call(t, w.district, 'GET', `/api/dispatch/orders/${id}`)).json();
const runJobs = async () => {
  let n = 0;
  while ((await t.app.jobs.tick()) > 0) n++;
  return n;
};

describe('timers and escalation', () => {
  it('review is due after one working day (the weekend does not count); overdue is flagged with a reminder, then escalated to the district', async () => {
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const id = await placeOrder(t, w.resident, item, w.communityA);
    assert.equal((await staffView(id)).dueAt, '2026-11-23T10:00:00.000Z');
    t.clock.advance(24 * HOUR); // Monday 02:00 UTC: not due yet.
    await runJobs();
    assert.equal((await staffView(id)).overdue, false);
    t.clock.advance(9 * HOUR); // Monday 11:00 UTC: past 18:00 in China.
    await runJobs();
    let v = await staffView(id);
    assert.equal(v.overdue, true);
    assert.equal(v.holder.code, w.streetA);
    assert.deepEqual(
      v.timeline.map((h: { action: string }) => h.action),
      ['order', 'remind'],
    );
    // A second run of the same period changes nothing (one reminder).
    await runJobs();
    assert.equal((await staffView(id)).timeline.length, 2);
    // One working day after the reminder: escalated to the unit above.
    t.clock.advance(24 * HOUR);
    await runJobs();
    v = await staffView(id);
    assert.equal(v.holder.code, NANSHAN);
    assert.equal(v.escalations, 1);
    assert.ok(
      v.timeline.some(
        (h: { action: string; toUnit: string }) => h.action === 'escalate' && h.toUnit === NANSHAN,
      ),
    );
    // The resident's clock did not restart at the district: still late there.
    assert.equal(v.overdue, true);
  });

  it('a timer set for a stage the order has left does nothing', async () => {
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const id = await placeOrder(t, w.resident, item, w.communityA);
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/work-order`, workOrder(t));
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'team',
      orgId: w.teamA.orgId,
    });
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/accept`);
    t.clock.advance(3 * 24 * HOUR);
    await runJobs();
    const v = await staffView(id);
    assert.equal(v.state, 'accepted');
    assert.equal(v.overdue, false);
    assert.ok(!v.timeline.some((h: { action: string }) => h.action === 'remind' || h.action === 'timeout'));
  });

  it('an offer nobody accepts times out back to the dispatching post; so does an order nobody claims', async () => {
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const id = await placeOrder(t, w.resident, item, w.communityA);
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/work-order`, workOrder(t));
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'team',
      orgId: w.teamA.orgId,
    });
    const grab = await placeOrder(t, w.resident, item, w.communityA);
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${grab}/work-order`, workOrder(t));
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${grab}/dispatch`, { to: 'grab' });
    t.clock.advance(4 * 24 * HOUR);
    await runJobs();
    for (const o of [id, grab]) {
      const v = await staffView(o);
      assert.equal(v.state, 'ready', o);
      assert.equal(v.team, null);
      assert.equal(v.holder.code, w.streetA);
      assert.ok(v.timeline.some((h: { action: string }) => h.action === 'timeout'));
    }
    // The team can no longer accept it.
    const late = await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/accept`);
    assert.equal(late.statusCode, 404);
  });

  it('timers survive a restart: a second app on the same database fires them', async () => {
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const id = await placeOrder(t, w.resident, item, w.communityA);
    await t.app.close();
    const { buildApp } = await import('../../app.ts');
    t.app = await buildApp({ db: t.handle.db, config: t.config, clock: t.clock.now, otpChannel: t.otp });
    await t.app.ready();
    t.clock.advance(5 * 24 * HOUR);
    await runJobs();
    const row = await t.handle.db
      .selectFrom('dispatch_orders')
      .select(['overdue'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.overdue, true);
  });
});

describe('counts', () => {
  it('received, rejected, dispatched, completed, completion rate, stage times, overdue and satisfaction for a unit and period', async () => {
    const from = t.clock.now().toISOString();
    const item = await addItem(t, w.postB, w.streetB, [w.teamB.orgId]);
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await placeOrder(t, w.resident, item, w.communityB));
    await call(t, w.postB, 'POST', `/api/dispatch/orders/${ids[0]}/reject`, { reason: '重复' });
    for (const [i, score] of [
      [1, 5],
      [2, 2],
    ] as const) {
      const id = ids[i]!;
      t.clock.advance(HOUR);
      await call(t, w.postB, 'POST', `/api/dispatch/orders/${id}/work-order`, workOrder(t));
      await call(t, w.postB, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
        to: 'team',
        orgId: w.teamB.orgId,
      });
      t.clock.advance(HOUR);
      await call(t, w.teamB, 'POST', `/api/dispatch/team-orders/${id}/accept`);
      t.clock.advance(2 * HOUR);
      await call(t, w.teamB, 'POST', `/api/dispatch/team-orders/${id}/complete`, { report: '完成' });
      await call(t, w.resident, 'POST', `/api/me/dispatch-orders/${id}/rating`, { score });
    }
    const to = new Date(t.clock.now().getTime() + 1000).toISOString();
    const res = await call(
      t,
      w.postB,
      'GET',
      `/api/dispatch/counts?region=${w.streetB}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const c = res.json();
    assert.equal(c.received, 4);
    assert.equal(c.rejected, 1);
    assert.equal(c.dispatched, 2);
    assert.equal(c.completed, 2);
    assert.equal(c.completionRate, 2 / 3);
    assert.equal(c.ratings, 2);
    assert.equal(c.satisfaction, 0.5);
    const accept = c.stages.find((s: { stage: string }) => s.stage === 'accept');
    assert.deepEqual(accept, { stage: 'accept', count: 2, median: 60, p90: 60 });
    const service = c.stages.find((s: { stage: string }) => s.stage === 'service');
    assert.equal(service.median, 120);
    // Another street's post may not ask for this street.
    const other = await call(
      t,
      w.postA,
      'GET',
      `/api/dispatch/counts?region=${w.streetB}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    assert.equal(other.statusCode, 403);
  });

  it('satisfaction per team that served, per menu item and per community (unrated orders not counted)', async () => {
    t.clock.advance(HOUR);
    const from = t.clock.now().toISOString();
    const teamC = await createTeam(t, w.streetB);
    const communityB2 = (
      await t.handle.db
        .selectFrom('regions')
        .select('code')
        .where('parent_code', '=', w.streetB)
        .orderBy('code')
        .offset(1)
        .limit(1)
        .executeTakeFirstOrThrow()
    ).code;
    const one = await addItem(t, w.postB, w.streetB, [w.teamB.orgId]);
    const two = await addItem(t, w.postB, w.streetB, [w.teamB.orgId, teamC.orgId]);
    const serve = async (item: string, region: string, team: Team, score: number | null) => {
      const id = await placeOrder(t, w.resident, item, region);
      await call(t, w.postB, 'POST', `/api/dispatch/orders/${id}/work-order`, workOrder(t));
      await call(t, w.postB, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
        to: 'team',
        orgId: team.orgId,
      });
      await call(t, team, 'POST', `/api/dispatch/team-orders/${id}/accept`);
      const done = await call(t, team, 'POST', `/api/dispatch/team-orders/${id}/complete`, {
        report: '完成',
      });
      assert.equal(done.statusCode, 200, done.body);
      if (score !== null) {
        const r = await call(t, w.resident, 'POST', `/api/me/dispatch-orders/${id}/rating`, { score });
        assert.equal(r.statusCode, 200, r.body);
      }
    };
    await serve(one, w.communityB, w.teamB, 5);
    await serve(two, w.communityB, teamC, 1);
    await serve(two, communityB2, w.teamB, 4);
    await serve(two, communityB2, teamC, null);
    const to = new Date(t.clock.now().getTime() + 1000).toISOString();
    const res = await call(
      t,
      w.district,
      'GET',
      `/api/dispatch/counts?region=${w.streetB}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const c = res.json();
    assert.equal(c.completed, 4);
    assert.equal(c.ratings, 3);
    assert.equal(c.satisfaction, 2 / 3);
    const rows = (list: { id: string; ratings: number; satisfied: number; satisfaction: number }[]) =>
      list.map((r) => [r.id, r.ratings, r.satisfied, r.satisfaction]);
    // Most rated first; each share is of that row's own ratings.
    assert.deepEqual(rows(c.satisfactionBy.team), [
      [w.teamB.orgId, 2, 2, 1],
      [teamC.orgId, 1, 0, 0],
    ]);
    assert.deepEqual(rows(c.satisfactionBy.item), [
      [two, 2, 1, 0.5],
      [one, 1, 1, 1],
    ]);
    assert.deepEqual(rows(c.satisfactionBy.region), [
      [w.communityB, 2, 1, 0.5],
      [communityB2, 1, 1, 1],
    ]);
    assert.match(c.satisfactionBy.team[0].name, /^派单服务队/);
    assert.match(c.satisfactionBy.item[0].name, /^上门助老/);
    assert.ok(c.satisfactionBy.region[0].name.length > 0);
  });
});
