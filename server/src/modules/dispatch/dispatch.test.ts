import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import {
  NANSHAN,
  addItem,
  call,
  createTeam,
  member,
  orderBody,
  placeOrder,
  workOrder,
  world,
  type World,
} from './dispatch.testkit.ts';

let t: TestApp;
let w: World;

before(async () => {
  // Sessions outlive the clock moves of the timer and rating-window tests.
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  w = await world(t);
});
after(() => t.close());

const count = async (table: 'dispatch_orders' | 'dispatch_hops' | 'dispatch_ratings') =>
  Number(
    (
      await t.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('menus', () => {
  it('are inherited downwards: a community sees its own street’s and the district’s items, not another street’s', async () => {
    const d = await addItem(t, w.district, NANSHAN, [w.teamA.orgId], { title: '法律咨询' });
    const a = await addItem(t, w.postA, w.streetA, [w.teamA.orgId], { title: '家电维修' });
    const b = await addItem(t, w.postB, w.streetB, [w.teamB.orgId], { title: '理发' });
    const res = await t.app.inject({ method: 'GET', url: `/api/dispatch/menu?region=${w.communityA}` });
    assert.equal(res.statusCode, 200);
    const ids = res.json().items.map((i: { id: string }) => i.id);
    assert.ok(ids.includes(d) && ids.includes(a));
    assert.ok(!ids.includes(b));
    const item = res.json().items.find((i: { id: string }) => i.id === a);
    assert.deepEqual(
      item.teams.map((x: { id: string }) => x.id),
      [w.teamA.orgId],
    );
    assert.equal(item.reviewDays, 1);
  });

  it('a team’s offer (供单) joins the menu only once the unit approves it', async () => {
    const res = await call(t, w.teamA, 'POST', '/api/dispatch/offers', {
      orgId: w.teamA.orgId,
      region: w.streetA,
      category: '便民服务',
      title: '义剪',
      description: '每月一次社区义剪。',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'proposed');
    const id = res.json().id;
    const menu = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/dispatch/menu?region=${w.communityA}` }))
        .json()
        .items.map((i: { id: string }) => i.id);
    assert.ok(!(await menu()).includes(id));
    // Another street's post cannot decide it (404 as for an unknown id).
    const wrong = await call(t, w.postB, 'POST', `/api/dispatch/menu-items/${id}/decision`, {
      decision: 'approved',
    });
    assert.equal(wrong.statusCode, 404);
    const ok = await call(t, w.postA, 'POST', `/api/dispatch/menu-items/${id}/decision`, {
      decision: 'approved',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.ok((await menu()).includes(id));
    // Offering to a unit outside the team's area is refused.
    const far = await call(t, w.teamA, 'POST', '/api/dispatch/offers', {
      orgId: w.teamA.orgId,
      region: w.streetB,
      category: '便民服务',
      title: '义剪',
      description: '每月一次。',
    });
    assert.equal(far.json().error.code, 'DISPATCH_OFFER_UNIT');
  });

  it('an item naming a team that does not exist is refused', async () => {
    const res = await call(t, w.postA, 'POST', '/api/dispatch/menu-items', {
      region: w.streetA,
      category: '助老服务',
      title: '送餐',
      description: '送餐上门。',
      teamIds: ['00000000-0000-4000-8000-000000000000'],
    });
    assert.equal(res.json().error.code, 'DISPATCH_TEAM_NOT_ELIGIBLE');
  });
});

describe('ordering (点单)', () => {
  it('needs a verified phone, an address inside the unit’s area down to the community; nothing changes on refusal', async () => {
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const before = await count('dispatch_orders');
    const noPhone = await call(
      t,
      w.noPhone,
      'POST',
      '/api/dispatch/orders',
      orderBody(t, item, w.communityA),
    );
    assert.equal(noPhone.statusCode, 403);
    assert.equal(noPhone.json().error.code, 'DISPATCH_PHONE_REQUIRED');
    const outside = await call(
      t,
      w.resident,
      'POST',
      '/api/dispatch/orders',
      orderBody(t, item, w.communityB),
    );
    assert.equal(outside.statusCode, 400);
    assert.equal(outside.json().error.code, 'DISPATCH_OUTSIDE_AREA');
    const street = await call(t, w.resident, 'POST', '/api/dispatch/orders', orderBody(t, item, w.streetA));
    assert.equal(street.json().error.code, 'DISPATCH_COMMUNITY_REQUIRED');
    const badPhone = await call(
      t,
      w.resident,
      'POST',
      '/api/dispatch/orders',
      orderBody(t, item, w.communityA, { phone: '123' }),
    );
    assert.equal(badPhone.statusCode, 400);
    assert.equal(await count('dispatch_orders'), before);
  });

  it('stores phone and address encrypted; staff see them masked', async () => {
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const id = await placeOrder(t, w.resident, item, w.communityA);
    const row = await t.handle.db
      .selectFrom('dispatch_orders')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(row).includes('13800138000'));
    assert.ok(!JSON.stringify(row).includes('龙珠四路'));
    const view = await call(t, w.postA, 'GET', `/api/dispatch/orders/${id}`);
    assert.equal(view.statusCode, 200, view.body);
    assert.equal(view.json().phoneMasked, '138****8000');
    assert.ok(!view.body.includes('13800138000'));
    assert.ok(!view.body.includes('龙珠四路 8 号'));
    assert.equal(view.json().state, 'review');
    assert.equal(view.json().holder.code, w.streetA);
    assert.equal(view.json().timeline[0].action, 'order');
  });

  it('station staff order on behalf of a resident (代点单), recorded as such, consent required', async () => {
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const body = { ...orderBody(t, item, w.communityA), residentName: '李阿婆' };
    const noConsent = await call(t, w.postA, 'POST', '/api/dispatch/proxy-orders', body);
    assert.equal(noConsent.json().error.code, 'DISPATCH_NOT_CONSENTED');
    const res = await call(t, w.postA, 'POST', '/api/dispatch/proxy-orders', {
      ...body,
      consentNote: '本人当面口头同意，女儿在场',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().proxy, true);
    assert.equal(res.json().consentNote, '本人当面口头同意，女儿在场');
    const d = await call(t, w.postA, 'GET', `/api/dispatch/orders/${res.json().id}`);
    assert.equal(d.json().timeline[0].action, 'proxy_order');
    // Another street's post cannot order for this community.
    const other = await call(t, w.postB, 'POST', '/api/dispatch/proxy-orders', {
      ...body,
      consentNote: '同意',
    });
    assert.equal(other.statusCode, 403);
  });
});

describe('the whole loop', () => {
  it('district reviews and dispatches down, the post dispatches to a team, the team declines, accepts, completes; the resident rates', async () => {
    const item = await addItem(t, w.district, NANSHAN, [w.teamA.orgId]);
    const id = await placeOrder(t, w.resident, item, w.communityA);
    const mine = async () => (await call(t, w.resident, 'GET', `/api/me/dispatch-orders/${id}`)).json();
    assert.equal((await mine()).status, 'reviewing');

    // A street post cannot act on an order the district holds (not in its scope: 404).
    assert.equal((await call(t, w.postA, 'GET', `/api/dispatch/orders/${id}`)).statusCode, 404);
    // Dispatch before a work order is a state error.
    const early = await call(t, w.district, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'team',
      orgId: w.teamA.orgId,
    });
    assert.equal(early.json().error.code, 'DISPATCH_STATE');
    const wo = await call(t, w.district, 'POST', `/api/dispatch/orders/${id}/work-order`, workOrder(t));
    assert.equal(wo.statusCode, 200, wo.body);
    assert.equal(wo.json().state, 'ready');
    // Down to a unit that does not contain the address: refused.
    const wrongUnit = await call(t, w.district, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'unit',
      region: w.streetB,
    });
    assert.equal(wrongUnit.json().error.code, 'DISPATCH_UNIT_NOT_BELOW');
    const down = await call(t, w.district, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'unit',
      region: w.streetA,
      note: '请桃源街道派单',
    });
    assert.equal(down.statusCode, 200, down.body);
    assert.equal(down.json().holder.code, w.streetA);
    // Now the street post holds it; the other street cannot see it.
    assert.equal((await call(t, w.postB, 'GET', `/api/dispatch/orders/${id}`)).statusCode, 404);
    // A team not eligible for the item: refused, nothing changed.
    const hopsBefore = await count('dispatch_hops');
    const inelig = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'team',
      orgId: w.teamB.orgId,
    });
    assert.equal(inelig.statusCode, 400);
    assert.equal(inelig.json().error.code, 'DISPATCH_TEAM_NOT_ELIGIBLE');
    assert.equal(await count('dispatch_hops'), hopsBefore);
    const toTeam = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'team',
      orgId: w.teamA.orgId,
    });
    assert.equal(toTeam.json().state, 'offered');

    // The team declines: a reason is required; with one, the order returns to the post.
    const noReason = await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/decline`, {
      reason: '',
    });
    assert.equal(noReason.json().error.code, 'DISPATCH_REASON_REQUIRED');
    assert.equal((await call(t, w.teamB, 'POST', `/api/dispatch/team-orders/${id}/accept`)).statusCode, 404);
    const declined = await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/decline`, {
      reason: '本周人手不足',
    });
    assert.equal(declined.json().state, 'ready');
    assert.equal(declined.json().team, null);
    assert.equal(declined.json().holder.code, w.streetA);
    // The team no longer sees it.
    assert.equal((await call(t, w.teamA, 'GET', `/api/dispatch/team-orders/${id}`)).statusCode, 404);
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'team',
      orgId: w.teamA.orgId,
    });
    // The full contact is only for the team serving it: not before it accepts.
    assert.equal((await call(t, w.teamA, 'GET', `/api/dispatch/team-orders/${id}/contact`)).statusCode, 409);
    const accepted = await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/accept`);
    assert.equal(accepted.json().state, 'accepted');
    assert.equal((await mine()).status, 'serving');
    const contact = await call(t, w.teamA, 'GET', `/api/dispatch/team-orders/${id}/contact`);
    assert.equal(contact.statusCode, 200, contact.body);
    assert.equal(contact.json().phone, '13800138000');
    const revealed = await t.handle.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'dispatch.contact.reveal')
      .where('object_id', '=', id)
      .execute();
    assert.equal(revealed.length, 1);

    // Completion needs a report; named volunteers must be members; hours go to confirmation as pending.
    const v1 = await member(t, w.teamA.orgId);
    const stranger = await member(t, w.teamB.orgId);
    const noReport = await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, {
      report: '',
    });
    assert.equal(noReport.json().error.code, 'DISPATCH_REPORT_REQUIRED');
    const notMember = await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, {
      report: '已上门两次',
      volunteerIds: [stranger.id],
      minutes: 120,
    });
    assert.equal(notMember.json().error.code, 'DISPATCH_VOLUNTEER_NOT_MEMBER');
    const done = await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, {
      report: '已上门陪伴两次，代购米面油。',
      volunteerIds: [v1.id],
      minutes: 120,
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().state, 'completed');
    const records = await t.handle.db
      .selectFrom('service_records')
      .select(['status', 'minutes', 'org_id'])
      .where('volunteer_id', '=', v1.id)
      .execute();
    assert.deepEqual(records, [{ status: 'pending', minutes: 120, org_id: w.teamA.orgId }]);
    // Not served any more: the contact is closed again.
    assert.equal((await call(t, w.teamA, 'GET', `/api/dispatch/team-orders/${id}/contact`)).statusCode, 409);

    const m = await mine();
    assert.equal(m.status, 'done');
    assert.deepEqual(
      m.steps.map((s: { status: string }) => s.status),
      ['reviewing', 'serving', 'done'],
    );
    assert.ok(m.rateUntil);

    // Rating: not by someone else (404), 1–5 once.
    const other = await call(t, w.other, 'POST', `/api/me/dispatch-orders/${id}/rating`, { score: 5 });
    assert.equal(other.statusCode, 404);
    const bad = await call(t, w.resident, 'POST', `/api/me/dispatch-orders/${id}/rating`, { score: 6 });
    assert.equal(bad.statusCode, 400);
    const rated = await call(t, w.resident, 'POST', `/api/me/dispatch-orders/${id}/rating`, {
      score: 5,
      comment: '很贴心',
    });
    assert.equal(rated.statusCode, 200, rated.body);
    const twice = await call(t, w.resident, 'POST', `/api/me/dispatch-orders/${id}/rating`, { score: 1 });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.code, 'DISPATCH_ALREADY_RATED');

    const timeline = (await call(t, w.district, 'GET', `/api/dispatch/orders/${id}`)).json().timeline;
    assert.deepEqual(
      timeline.map((h: { action: string }) => h.action),
      [
        'order',
        'make_work_order',
        'dispatch_unit',
        'dispatch_team',
        'decline',
        'dispatch_team',
        'accept',
        'complete',
        'rate',
      ],
    );
    const decline = timeline.find((h: { action: string }) => h.action === 'decline');
    assert.equal(decline.note, '本周人手不足');
    assert.equal(decline.fromUnit, w.streetA);
    // The timeline is append-only in the database.
    await assert.rejects(
      t.handle.db.updateTable('dispatch_hops').set({ note: 'x' }).where('order_id', '=', id).execute(),
    );
  });

  it('a rejection’s reason goes only to the requester; a rating window closes; an unhappy rating opens a follow-up', async () => {
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const id = await placeOrder(t, w.resident, item, w.communityA);
    const noReason = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/reject`, { reason: '' });
    assert.equal(noReason.json().error.code, 'DISPATCH_REASON_REQUIRED');
    const rej = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/reject`, {
      reason: '不属于志愿服务范围，请拨打 12345',
    });
    assert.equal(rej.json().state, 'rejected');
    assert.ok(!rej.body.includes('12345'));
    const mine = (await call(t, w.resident, 'GET', `/api/me/dispatch-orders/${id}`)).json();
    assert.equal(mine.status, 'refused');
    assert.equal(mine.rejectReason, '不属于志愿服务范围，请拨打 12345');
    const rate = await call(t, w.resident, 'POST', `/api/me/dispatch-orders/${id}/rating`, { score: 3 });
    assert.equal(rate.json().error.code, 'DISPATCH_RATING_CLOSED');

    // Unhappy: a follow-up opens.
    const id2 = await placeOrder(t, w.resident, item, w.communityA);
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${id2}/work-order`, workOrder(t));
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${id2}/dispatch`, {
      to: 'team',
      orgId: w.teamA.orgId,
    });
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id2}/accept`);
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id2}/complete`, { report: '已完成' });
    const r = await call(t, w.resident, 'POST', `/api/me/dispatch-orders/${id2}/rating`, {
      score: 2,
      comment: '来晚了',
    });
    assert.equal(r.statusCode, 200, r.body);
    const staff = (await call(t, w.postA, 'GET', `/api/dispatch/orders/${id2}`)).json();
    assert.equal(staff.followUp, 'open');
    assert.equal(staff.rating.score, 2);

    // Past the window (7 days): closed.
    const id3 = await placeOrder(t, w.resident, item, w.communityA);
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${id3}/work-order`, workOrder(t));
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${id3}/dispatch`, {
      to: 'team',
      orgId: w.teamA.orgId,
    });
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id3}/accept`);
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id3}/complete`, { report: '已完成' });
    t.clock.advance(8 * 86_400_000);
    const late = await call(t, w.resident, 'POST', `/api/me/dispatch-orders/${id3}/rating`, { score: 5 });
    assert.equal(late.json().error.code, 'DISPATCH_RATING_CLOSED');
  });

  it('merge a duplicate, re-dispatch a served order, cancel before completion; closed orders refuse every action', async () => {
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const a = await placeOrder(t, w.resident, item, w.communityA);
    const b = await placeOrder(t, w.other, item, w.communityA);
    const self = await call(t, w.postA, 'POST', `/api/dispatch/orders/${b}/merge`, { intoId: b });
    assert.equal(self.json().error.code, 'DISPATCH_MERGE_TARGET');
    const merged = await call(t, w.postA, 'POST', `/api/dispatch/orders/${b}/merge`, { intoId: a });
    assert.equal(merged.json().state, 'merged');
    assert.equal(merged.json().mergedInto, a);

    await call(t, w.postA, 'POST', `/api/dispatch/orders/${a}/work-order`, workOrder(t));
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${a}/dispatch`, {
      to: 'team',
      orgId: w.teamA.orgId,
    });
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${a}/accept`);
    const back = await call(t, w.postA, 'POST', `/api/dispatch/orders/${a}/redispatch`, {
      note: '团队联系不上群众',
    });
    assert.equal(back.json().state, 'ready');
    assert.equal(back.json().team, null);
    const noNote = await call(t, w.postA, 'POST', `/api/dispatch/orders/${a}/cancel`, { note: '' });
    assert.equal(noNote.json().error.code, 'DISPATCH_REASON_REQUIRED');
    const cancelled = await call(t, w.postA, 'POST', `/api/dispatch/orders/${a}/cancel`, {
      note: '群众来电取消',
    });
    assert.equal(cancelled.json().state, 'cancelled');
    for (const [path, body] of [
      ['work-order', workOrder(t)],
      ['dispatch', { to: 'grab' }],
      ['redispatch', { note: 'x' }],
      ['cancel', { note: 'x' }],
      ['reject', { reason: 'x' }],
    ] as const) {
      const res = await call(t, w.postA, 'POST', `/api/dispatch/orders/${a}/${path}`, body);
      assert.equal(res.statusCode, 409, path);
    }
    assert.equal(
      (await call(t, w.resident, 'GET', `/api/me/dispatch-orders/${a}`)).json().status,
      'cancelled',
    );
  });
});

describe('grab (抢单)', () => {
  it('only eligible teams claim; the first claim wins, a second is refused', async () => {
    const teamC = await createTeam(t, w.streetA);
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId, teamC.orgId]);
    const id = await placeOrder(t, w.resident, item, w.communityA);
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/work-order`, workOrder(t));
    const open = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, { to: 'grab' });
    assert.equal(open.json().state, 'open');
    const list = await call(t, teamC, 'GET', `/api/dispatch/grab?orgId=${teamC.orgId}`);
    assert.ok(list.json().items.some((o: { id: string }) => o.id === id));
    const notListed = await call(t, w.teamB, 'GET', `/api/dispatch/grab?orgId=${w.teamB.orgId}`);
    assert.ok(!notListed.json().items.some((o: { id: string }) => o.id === id));
    const inelig = await call(t, w.teamB, 'POST', `/api/dispatch/orders/${id}/claim`, {
      orgId: w.teamB.orgId,
    });
    assert.equal(inelig.json().error.code, 'DISPATCH_TEAM_NOT_ELIGIBLE');
    const won = await call(t, teamC, 'POST', `/api/dispatch/orders/${id}/claim`, { orgId: teamC.orgId });
    assert.equal(won.statusCode, 200, won.body);
    assert.equal(won.json().team.id, teamC.orgId);
    const lost = await call(t, w.teamA, 'POST', `/api/dispatch/orders/${id}/claim`, { orgId: w.teamA.orgId });
    assert.equal(lost.statusCode, 409);
    assert.equal(lost.json().error.code, 'DISPATCH_ALREADY_CLAIMED');
    // Claiming for a team one does not administer: refused by scope.
    const foreign = await call(t, w.teamA, 'POST', `/api/dispatch/orders/${id}/claim`, {
      orgId: teamC.orgId,
    });
    assert.equal(foreign.statusCode, 403);
  });
});
