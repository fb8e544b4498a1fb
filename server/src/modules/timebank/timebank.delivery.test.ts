import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createUser, signIn } from '../../test/harness.ts';
import {
  addItem,
  call,
  orderBody,
  placeOrder,
  workOrder,
  world,
  type World,
} from '../dispatch/dispatch.testkit.ts';
import { ctxOf } from '../records/record-events.testkit.ts';
import { followDeliveries } from './deliveries.ts';
import {
  adminA,
  adminB,
  confirmHours,
  mine,
  people,
  reconcile,
  schemeId,
  send,
  SHENZHEN,
  startBank,
  t,
} from './timebank.testkit.ts';

/**
 * Time-bank services delivered as dispatch orders (上门服务), through HTTP: the console links a menu
 * service to an approved dispatch item inside the scheme's region (and only such); the volunteer's booking
 * places the order with the address, time and phone given (validated, nothing moved on bad input), holds
 * the points, settles at the hold when the order completes and releases them when it does not; an
 * administrator's booking for a priority elder is a proxy order (代点单) on the elder's behalf with their
 * consent noted, never an order of the administrator's. Scheme: no threshold, no cap.
 */

before(() => startBank({ spendThresholdMinutes: 0, balanceCap: null }));
after(() => t?.close());

const asA = () => ({ userId: adminA.id, cookie: adminA.cookie });
const asB = () => ({ userId: adminB.id, cookie: adminB.cookie });
const err = (res: { json: () => unknown }) => (res.json() as { error: { code: string } }).error.code;
const balanceOf = async (accountId: string) =>
  Number(
    (
      await t.handle.db
        .selectFrom('timebank_accounts')
        .select('balance')
        .where('id', '=', accountId)
        .executeTakeFirstOrThrow()
    ).balance,
  );
const systemAccount = async (kind: 'pool' | 'issuance' | 'services') =>
  (
    await t.handle.db
      .selectFrom('timebank_accounts')
      .select('id')
      .where('scheme_id', '=', schemeId)
      .where('kind', '=', kind)
      .executeTakeFirstOrThrow()
  ).id;
const orderCount = async () =>
  Number(
    (
      await t.handle.db
        .selectFrom('dispatch_orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A volunteer with these minutes confirmed, and a verified phone (so they may place dispatch orders). */
async function volunteer(minutes: number[]) {
  const [p] = await people(1);
  await t.handle.db
    .updateTable('users')
    .set({ phone_bidx: randomBytes(32) })
    .where('id', '=', p!.userId)
    .execute();
  await confirmHours(p!.volunteerId, minutes);
  const me = await mine(p!.cookie);
  return { ...p!, account: me.accounts[0]! };
}

describe('bookings delivered as dispatch orders', () => {
  let w: World;
  let item: string;
  let menuItemId: string;
  before(async () => {
    w = await world(t);
    item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/timebank/menu',
      headers: { cookie: adminA.cookie },
      payload: { region: SHENZHEN, name: '上门助老（派单）', points: 3, dispatchItemId: item },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().dispatchItemId, item);
    menuItemId = res.json().id;
  });
  const delivery = () => {
    const o = orderBody(t, item, w.communityA);
    return {
      region: o.region,
      address: o.address,
      phone: o.phone,
      preferredAt: o.preferredAt,
      description: o.description,
    };
  };
  const booking = async (cookie: string, id: string) =>
    (
      (await call(t, { userId: '', cookie }, 'GET', '/api/me/timebank/bookings')).json() as {
        items: { id: string; status: string; settled: number | null; orderId: string | null }[];
      }
    ).items.find((b) => b.id === id)!;

  it('held on booking, settled at the hold when the order completes, once', async () => {
    const v = await volunteer([300]);
    const none = await send(v.cookie, 'POST', '/api/me/timebank/bookings', {
      accountId: v.account.id,
      menuItemId,
    });
    assert.equal(none.statusCode, 422);
    assert.equal(err(none), 'TIMEBANK_DELIVERY_REQUIRED');
    const booked = await send(v.cookie, 'POST', '/api/me/timebank/bookings', {
      accountId: v.account.id,
      menuItemId,
      note: '为母亲预约',
      delivery: delivery(),
    });
    assert.equal(booked.statusCode, 200, booked.body);
    const b = booked.json().booking;
    assert.equal(b.held, 3);
    assert.ok(b.orderId, 'a dispatch order was placed');
    assert.equal(b.deliveryRef, `dispatch:${b.orderId}`);
    assert.equal(await balanceOf(v.account.id), 2, 'held');
    const mineOrder = await call(
      t,
      { userId: v.userId, cookie: v.cookie },
      'GET',
      `/api/me/dispatch-orders/${b.orderId}`,
    );
    assert.equal(mineOrder.statusCode, 200, 'the booker is the order’s requester');

    assert.equal(await followDeliveries(ctxOf()), 0, 'an open order settles nothing');
    const id = b.orderId as string;
    assert.equal(
      (await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/work-order`, workOrder(t))).statusCode,
      200,
    );
    const sent = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'team',
      orgId: w.teamA.orgId,
    });
    assert.equal(sent.statusCode, 200, sent.body);
    assert.equal((await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/accept`)).statusCode, 200);
    assert.equal(await followDeliveries(ctxOf()), 0, 'serving is not delivered yet');
    const done = await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, {
      report: '已上门陪伴两小时',
    });
    assert.equal(done.statusCode, 200, done.body);

    const services = await systemAccount('services');
    const servicesBefore = await balanceOf(services);
    const [first, second] = await Promise.all([followDeliveries(ctxOf()), followDeliveries(ctxOf())]);
    assert.equal(first! + second!, 1, 'closed once');
    assert.equal(await followDeliveries(ctxOf()), 0);
    const after1 = await booking(v.cookie, b.id);
    assert.equal(after1.status, 'settled');
    assert.equal(after1.settled, 3, 'the hold, never more');
    assert.equal(await balanceOf(services), servicesBefore + 3);
    assert.equal(await balanceOf(v.account.id), 2);
    assert.ok((await reconcile()).ok);
  });

  it('released when the order is rejected or cancelled; an order of one’s own may be linked once', async () => {
    const v = await volunteer([600]);
    const rejected = await send(v.cookie, 'POST', '/api/me/timebank/bookings', {
      accountId: v.account.id,
      menuItemId,
      delivery: delivery(),
    });
    assert.equal(rejected.statusCode, 200, rejected.body);
    const rb = rejected.json().booking;
    assert.equal(await balanceOf(v.account.id), 7);
    const rej = await call(t, w.postA, 'POST', `/api/dispatch/orders/${rb.orderId}/reject`, {
      reason: '超出服务范围',
    });
    assert.equal(rej.statusCode, 200, rej.body);
    // Through the jobs runner this time (the recurring job, due a period later).
    t.clock.advance(120_000);
    await t.app.jobs.tick();
    assert.equal((await booking(v.cookie, rb.id)).status, 'cancelled');
    assert.equal(await balanceOf(v.account.id), 10, 'every held point back');

    // Linking: my own open order for this service, once; someone else's order is not mine to link.
    const mineId = await placeOrder(t, { userId: v.userId, cookie: v.cookie }, item, w.communityA);
    const othersId = await placeOrder(t, w.resident, item, w.communityA);
    const notMine = await send(v.cookie, 'POST', '/api/me/timebank/bookings', {
      accountId: v.account.id,
      menuItemId,
      orderId: othersId,
    });
    assert.equal(notMine.statusCode, 422);
    assert.equal(err(notMine), 'TIMEBANK_ORDER_NOT_LINKABLE');
    const linked = await send(v.cookie, 'POST', '/api/me/timebank/bookings', {
      accountId: v.account.id,
      menuItemId,
      orderId: mineId,
    });
    assert.equal(linked.statusCode, 200, linked.body);
    assert.equal(linked.json().booking.orderId, mineId);
    const twice = await send(v.cookie, 'POST', '/api/me/timebank/bookings', {
      accountId: v.account.id,
      menuItemId,
      orderId: mineId,
    });
    assert.equal(err(twice), 'TIMEBANK_ORDER_NOT_LINKABLE');
    assert.equal(await balanceOf(v.account.id), 7);
    const cancelled = await call(t, w.postA, 'POST', `/api/dispatch/orders/${mineId}/cancel`, {
      note: '居民取消',
    });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(await followDeliveries(ctxOf()), 1);
    assert.equal((await booking(v.cookie, linked.json().booking.id)).status, 'cancelled');
    assert.equal(await balanceOf(v.account.id), 10);
    assert.ok((await reconcile()).ok);
  });

  it('the console links only an approved dispatch item inside the scheme’s region; the menu shows it', async () => {
    // An item of another city (天河区, 广州市) and a team's offer not yet approved: neither may be linked.
    const tianhe = await createUser(t, `tb.tianhe.${process.pid}`, {
      role: 'region_admin',
      region: '440106000000',
    });
    const elsewhere = await addItem(
      t,
      { userId: tianhe.id, cookie: await signIn(t, tianhe) },
      '440106000000',
      [],
    );
    const offer = await call(t, w.teamA, 'POST', '/api/dispatch/offers', {
      orgId: w.teamA.orgId,
      region: w.streetA,
      category: '助老服务',
      title: '长者理发（供单）',
      description: '每月一次上门为长者理发。',
    });
    assert.equal(offer.statusCode, 200, offer.body);
    assert.notEqual(offer.json().status, 'approved');

    const choices = await call(t, asA(), 'GET', `/api/timebank/dispatch-items?region=${SHENZHEN}`);
    assert.equal(choices.statusCode, 200, choices.body);
    const ids = (choices.json().items as { id: string; unitCode: string }[]).map((i) => i.id);
    assert.ok(ids.includes(item), 'the street post’s item is offered');
    assert.ok(!ids.includes(elsewhere), 'not another city’s');
    assert.ok(!ids.includes(offer.json().id), 'not an offer waiting for approval');

    const menuBefore = (await call(t, asA(), 'GET', `/api/timebank/menu?region=${SHENZHEN}`)).json().items
      .length;
    for (const dispatchItemId of [elsewhere, offer.json().id, '00000000-0000-4000-8000-000000000000']) {
      const res = await call(t, asA(), 'POST', '/api/timebank/menu', {
        region: SHENZHEN,
        name: '不应添加',
        points: 1,
        dispatchItemId,
      });
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(err(res), 'TIMEBANK_DISPATCH_ITEM_INVALID');
    }
    const menu = (await call(t, asA(), 'GET', `/api/timebank/menu?region=${SHENZHEN}`)).json().items;
    assert.equal(menu.length, menuBefore, 'nothing added');

    // The volunteer's menu says which unit delivers it (the booking form asks for a community in its area).
    const v = await volunteer([60]);
    const mineMenu = await call(t, v, 'GET', `/api/me/timebank/menu?schemeId=${schemeId}`);
    const linked = mineMenu.json().items.find((m: { id: string }) => m.id === menuItemId);
    assert.equal(linked.dispatchItem.id, item);
    assert.equal(linked.dispatchItem.unitCode, w.streetA);
    assert.ok(linked.dispatchItem.unitName);
  });

  it('bad delivery details are refused with a clear message and move nothing', async () => {
    const v = await volunteer([300]);
    const orders = await orderCount();
    const bad: [Record<string, unknown>, number, string?][] = [
      [{ phone: '12345' }, 400],
      [{ preferredAt: undefined }, 400],
      [{ address: '' }, 400],
      [{ description: '  ' }, 400],
      [{ region: w.streetA }, 400, 'DISPATCH_COMMUNITY_REQUIRED'],
      [{ region: w.communityB }, 400, 'DISPATCH_OUTSIDE_AREA'],
    ];
    for (const [over, status, code] of bad) {
      const res = await send(v.cookie, 'POST', '/api/me/timebank/bookings', {
        accountId: v.account.id,
        menuItemId,
        delivery: { ...delivery(), ...over },
      });
      assert.equal(res.statusCode, status, `${JSON.stringify(over)}: ${res.body}`);
      assert.ok(err(res));
      if (code) assert.equal(err(res), code);
      assert.match((res.json() as { error: { message: string } }).error.message, /\S/);
    }
    assert.equal(await balanceOf(v.account.id), 5, 'nothing held');
    assert.equal(await orderCount(), orders, 'no order placed');
    // A line break in the need is fine (a text area).
    const ok = await send(v.cookie, 'POST', '/api/me/timebank/bookings', {
      accountId: v.account.id,
      menuItemId,
      delivery: { ...delivery(), description: '母亲腿脚不便。\n需要每周上门陪伴。' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(await orderCount(), orders + 1);
  });

  it('an administrator books for a priority elder: a proxy order with the elder’s consent, settled on completion', async () => {
    // Points for the pool, granted to the elder by two administrators.
    const donor = await volunteer([600]);
    const donated = await send(donor.cookie, 'POST', '/api/me/timebank/transfers', {
      fromAccountId: donor.account.id,
      to: { kind: 'pool' },
      amount: 5,
    });
    assert.equal(donated.statusCode, 200, donated.body);
    const elder = await call(t, asA(), 'POST', '/api/timebank/elders', {
      region: SHENZHEN,
      name: '陈婆婆',
      note: '85岁独居',
    });
    assert.equal(elder.statusCode, 200, elder.body);
    const elderId = elder.json().id as string;
    const proposed = await call(t, asA(), 'POST', '/api/timebank/grants', {
      region: SHENZHEN,
      elderAccountId: elderId,
      amount: 4,
      reason: '高龄独居',
    });
    const approved = await send(adminB.cookie, 'POST', '/api/timebank/grants/decision', {
      region: SHENZHEN,
      grantId: proposed.json().id,
      decision: 'approve',
    });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(await balanceOf(elderId), 4);

    const orders = await orderCount();
    const noConsent = await send(adminA.cookie, 'POST', '/api/timebank/bookings', {
      region: SHENZHEN,
      accountId: elderId,
      menuItemId,
      delivery: delivery(),
    });
    assert.equal(noConsent.statusCode, 400, noConsent.body);
    assert.equal(err(noConsent), 'DISPATCH_NOT_CONSENTED');
    const community = (
      await t.handle.db
        .selectFrom('regions')
        .select('code')
        .where('code', 'like', '440106%')
        .where('level', '=', 5)
        .orderBy('code')
        .executeTakeFirstOrThrow()
    ).code;
    const outside = await send(adminA.cookie, 'POST', '/api/timebank/bookings', {
      region: SHENZHEN,
      accountId: elderId,
      menuItemId,
      delivery: { ...delivery(), region: community },
      consentNote: '本人电话同意',
    });
    assert.equal(outside.statusCode, 422, outside.body);
    assert.equal(err(outside), 'TIMEBANK_DELIVERY_OUTSIDE');
    assert.equal(await balanceOf(elderId), 4, 'nothing held');
    assert.equal(await orderCount(), orders, 'no order placed');

    const booked = await send(adminA.cookie, 'POST', '/api/timebank/bookings', {
      region: SHENZHEN,
      accountId: elderId,
      menuItemId,
      delivery: delivery(),
      consentNote: '12月7日上门登记时本人同意',
    });
    assert.equal(booked.statusCode, 200, booked.body);
    const b = booked.json().booking;
    assert.equal(b.held, 3);
    assert.equal(await balanceOf(elderId), 1, 'held');
    const row = await t.handle.db
      .selectFrom('dispatch_orders')
      .select(['requester_id', 'proxy_by', 'consent_note', 'proxy_name_enc'])
      .where('id', '=', b.orderId)
      .executeTakeFirstOrThrow();
    assert.equal(row.requester_id, null, 'the administrator is not the requester');
    assert.equal(row.proxy_by, adminA.id, 'placed on the elder’s behalf by the administrator');
    assert.equal(row.consent_note, '12月7日上门登记时本人同意');
    assert.ok(row.proxy_name_enc && !row.proxy_name_enc.includes('陈婆婆'), 'the name is sealed');
    const view = await call(t, w.postA, 'GET', `/api/dispatch/orders/${b.orderId}`);
    assert.equal(view.statusCode, 200, view.body);
    assert.equal(view.json().proxy, true);
    assert.equal(view.json().consentNote, '12月7日上门登记时本人同意');
    assert.equal(view.json().timeline[0].action, 'proxy_order');
    const adminsOwn = await call(t, asA(), 'GET', '/api/me/dispatch-orders');
    assert.ok(
      !(adminsOwn.json().items as { id: string }[]).some((o) => o.id === b.orderId),
      'not among the administrator’s own orders',
    );

    const id = b.orderId as string;
    assert.equal(
      (await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/work-order`, workOrder(t))).statusCode,
      200,
    );
    const sent = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'team',
      orgId: w.teamA.orgId,
    });
    assert.equal(sent.statusCode, 200, sent.body);
    assert.equal((await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/accept`)).statusCode, 200);
    const done = await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, {
      report: '已上门打扫并陪伴',
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(await followDeliveries(ctxOf()), 1);
    const list = await call(t, asB(), 'GET', `/api/timebank/bookings?region=${SHENZHEN}`);
    const settled = (list.json().items as { id: string; status: string; settled: number }[]).find(
      (x) => x.id === b.id,
    )!;
    assert.equal(settled.status, 'settled');
    assert.equal(settled.settled, 3, 'the hold, never more');
    assert.equal(await balanceOf(elderId), 1);
    assert.ok((await reconcile()).ok);
  });
});
