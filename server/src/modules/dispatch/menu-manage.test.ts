import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { NANSHAN, addItem, call, orderBody, world, type World } from './dispatch.testkit.ts';

let t: TestApp;
let w: World;

before(async () => {
  t = await startTestApp();
  w = await world(t);
});
after(() => t.close());

const row = (id: string) =>
  t.handle.db.selectFrom('dispatch_menu_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const audits = (action: string, id: string) =>
  t.handle.db
    .selectFrom('audit_log')
    .select('object_id')
    .where('action', '=', action)
    .where('object_id', '=', id)
    .execute();
const menuIds = async (community: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/dispatch/menu?region=${community}` }))
    .json()
    .items.map((i: { id: string }) => i.id) as string[];
const edit = (over = {}) => ({
  category: '助老服务',
  title: '上门理发',
  description: '每月第一个周六上门为行动不便的老人理发。',
  teamIds: [w.teamA.orgId],
  reviewDays: 2,
  dispatchDays: 1,
  acceptDays: 3,
  escalateDays: 2,
  followUpDays: 4,
  ...over,
});
const offer = (title: string) =>
  call(t, w.teamA, 'POST', '/api/dispatch/offers', {
    orgId: w.teamA.orgId,
    region: w.streetA,
    category: '便民服务',
    title,
    description: '每月一次社区义剪。',
  });

describe('a unit’s items (console menu page)', () => {
  it('lists the unit’s own items a page at a time, by status; a centre sees the offers to its posts', async () => {
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push(await addItem(t, w.postA, w.streetA, [], { category: '甲类' }));
    const inherited = await addItem(t, w.district, NANSHAN, []);
    const page1 = await call(t, w.postA, 'GET', `/api/dispatch/unit-items?region=${w.streetA}&pageSize=2`);
    assert.equal(page1.statusCode, 200, page1.body);
    assert.equal(page1.json().total, 3);
    assert.equal(page1.json().items.length, 2);
    const page2 = await call(
      t,
      w.postA,
      'GET',
      `/api/dispatch/unit-items?region=${w.streetA}&pageSize=2&page=2`,
    );
    const ids = [...page1.json().items, ...page2.json().items].map((i: { id: string }) => i.id);
    assert.deepEqual(ids.sort(), [...mine].sort());
    assert.ok(!ids.includes(inherited), 'the district’s items are not the post’s own');

    const o = await offer('义剪（列表）');
    const offers = await call(
      t,
      w.district,
      'GET',
      `/api/dispatch/unit-items?region=${NANSHAN}&status=proposed&scope=subtree`,
    );
    assert.ok(offers.json().items.some((i: { id: string }) => i.id === o.json().id));
    const own = await call(
      t,
      w.district,
      'GET',
      `/api/dispatch/unit-items?region=${NANSHAN}&status=proposed`,
    );
    assert.ok(!own.json().items.some((i: { id: string }) => i.id === o.json().id));
    // Another street's post does not see this street's items.
    const other = await call(t, w.postB, 'GET', `/api/dispatch/unit-items?region=${w.streetA}`);
    assert.ok([403, 404].includes(other.statusCode), other.body);
  });
});

describe('editing and retiring items', () => {
  it('a post edits its item (teams, timers); the change is audited and the menu shows it', async () => {
    const id = await addItem(t, w.postA, w.streetA, []);
    const res = await call(t, w.postA, 'PUT', `/api/dispatch/menu-items/${id}`, edit());
    assert.equal(res.statusCode, 200, res.body);
    const item = res.json();
    assert.equal(item.title, '上门理发');
    assert.deepEqual(
      item.teams.map((x: { id: string }) => x.id),
      [w.teamA.orgId],
    );
    assert.deepEqual(
      [item.reviewDays, item.dispatchDays, item.acceptDays, item.escalateDays, item.followUpDays],
      [2, 1, 3, 2, 4],
    );
    assert.equal((await row(id)).updated_by, w.postA.userId);
    assert.equal((await audits('dispatch.menu_item.edit', id)).length, 1);
    assert.ok((await menuIds(w.communityA)).includes(id));
  });

  it('refuses an edit of an inherited item, a team not approved, timers out of range: nothing changes', async () => {
    const district = await addItem(t, w.district, NANSHAN, [], { title: '法律咨询（区）' });
    const up = await call(t, w.postA, 'PUT', `/api/dispatch/menu-items/${district}`, edit());
    assert.equal(up.statusCode, 404, up.body);
    assert.equal((await row(district)).title, '法律咨询（区）');

    const id = await addItem(t, w.postA, w.streetA, [], { title: '家电维修' });
    const noTeam = await call(
      t,
      w.postA,
      'PUT',
      `/api/dispatch/menu-items/${id}`,
      edit({ teamIds: ['00000000-0000-4000-8000-000000000000'] }),
    );
    assert.equal(noTeam.json().error.code, 'DISPATCH_TEAM_NOT_ELIGIBLE');
    const late = await call(t, w.postA, 'PUT', `/api/dispatch/menu-items/${id}`, edit({ reviewDays: 31 }));
    assert.equal(late.statusCode, 400);
    const noRegion = await call(t, w.postA, 'PUT', `/api/dispatch/menu-items/${id}`, {
      ...edit(),
      region: NANSHAN,
    });
    assert.equal(noRegion.statusCode, 400, 'an item does not move to another unit');
    const r = await row(id);
    assert.equal(r.title, '家电维修');
    assert.deepEqual(r.team_ids, []);
    assert.equal(r.review_days, 1);
    assert.equal((await audits('dispatch.menu_item.edit', id)).length, 0);
  });

  it('a retired item leaves the menu and cannot be ordered, edited or retired again', async () => {
    const id = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const res = await call(t, w.postA, 'POST', `/api/dispatch/menu-items/${id}/retire`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'withdrawn');
    assert.equal((await audits('dispatch.menu_item.retire', id)).length, 1);
    assert.ok(!(await menuIds(w.communityA)).includes(id));
    const ordered = await call(t, w.resident, 'POST', '/api/dispatch/orders', orderBody(t, id, w.communityA));
    assert.equal(ordered.json().error.code, 'DISPATCH_ITEM_NOT_FOUND');
    const again = await call(t, w.postA, 'POST', `/api/dispatch/menu-items/${id}/retire`);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'DISPATCH_ITEM_NOT_ACTIVE');
    const edited = await call(t, w.postA, 'PUT', `/api/dispatch/menu-items/${id}`, edit());
    assert.equal(edited.json().error.code, 'DISPATCH_ITEM_NOT_ACTIVE');
    assert.equal((await audits('dispatch.menu_item.retire', id)).length, 1);
    // The district above may retire a post's item; the post may not retire the district's.
    const district = await addItem(t, w.district, NANSHAN, []);
    assert.equal(
      (await call(t, w.postA, 'POST', `/api/dispatch/menu-items/${district}/retire`)).statusCode,
      404,
    );
    assert.equal((await row(district)).status, 'approved');
    const post = await addItem(t, w.postA, w.streetA, []);
    assert.equal(
      (await call(t, w.district, 'POST', `/api/dispatch/menu-items/${post}/retire`)).statusCode,
      200,
    );
  });
});

describe('offers (供单)', () => {
  it('a refusal needs a reason, which the team sees with its offers; an offer is decided once', async () => {
    const o = await offer('义剪（拒绝）');
    const id = o.json().id as string;
    const bare = await call(t, w.postA, 'POST', `/api/dispatch/menu-items/${id}/decision`, {
      decision: 'refused',
    });
    assert.equal(bare.json().error.code, 'DISPATCH_REASON_REQUIRED');
    assert.equal((await row(id)).status, 'proposed');
    const no = await call(t, w.postA, 'POST', `/api/dispatch/menu-items/${id}/decision`, {
      decision: 'refused',
      reason: '本街道已有同类服务',
    });
    assert.equal(no.statusCode, 200, no.body);
    assert.equal(no.json().decisionReason, '本街道已有同类服务');
    const twice = await call(t, w.district, 'POST', `/api/dispatch/menu-items/${id}/decision`, {
      decision: 'approved',
    });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.code, 'DISPATCH_OFFER_DECIDED');
    assert.equal((await row(id)).status, 'refused');

    const mine = await call(t, w.teamA, 'GET', `/api/dispatch/offers?orgId=${w.teamA.orgId}`);
    assert.equal(mine.statusCode, 200, mine.body);
    const seen = mine.json().items.find((i: { id: string }) => i.id === id);
    assert.equal(seen.status, 'refused');
    assert.equal(seen.decisionReason, '本街道已有同类服务');
    // The units the team may offer to: its street and the district centre (the team is registered at the street).
    assert.deepEqual(
      mine.json().units.map((u: { code: string }) => u.code),
      [w.streetA, NANSHAN],
    );
    // Another team does not read this team's offers.
    const other = await call(t, w.teamB, 'GET', `/api/dispatch/offers?orgId=${w.teamA.orgId}`);
    assert.ok([403, 404].includes(other.statusCode), other.body);
  });

  it('whoever made an offer does not decide it, even as the unit’s admin', async () => {
    const u = await createUser(t, 'offer-both', { role: 'org_admin', orgId: w.teamA.orgId });
    await t.handle.db
      .insertInto('role_grants')
      .values({ user_id: u.id, role: 'region_admin', region_code: w.streetA, org_id: null })
      .execute();
    const both = { userId: u.id, cookie: await signIn(t, u) };
    const o = await call(t, both, 'POST', '/api/dispatch/offers', {
      orgId: w.teamA.orgId,
      region: w.streetA,
      category: '便民服务',
      title: '自荐项目',
      description: '自己提交，自己不能审核。',
    });
    assert.equal(o.statusCode, 200, o.body);
    const self = await call(t, both, 'POST', `/api/dispatch/menu-items/${o.json().id}/decision`, {
      decision: 'approved',
    });
    assert.equal(self.statusCode, 403);
    assert.equal(self.json().error.code, 'DISPATCH_OFFER_SELF');
    assert.equal((await row(o.json().id)).status, 'proposed');
  });
});
