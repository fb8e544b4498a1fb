import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { insertOrganization } from '../memberships/memberships.testkit.ts';
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

// 村供单 (decision 0074): a village's station offers a service to the unit above it, which decides it like a
// team's offer; approved, the whole street orders it and its orders may go to the village's station.

let t: TestApp;
let w: World;
/** The stations of two villages of street A (the offering one and a neighbour) and of one of street B. */
let village: Actor;
let neighbour: Actor;
let villageB: Actor;
let communityA2: string;
let communityA3: string;
/** A second admin of street A's post (the one who decides what the first offered for a village). */
let postA2: Actor;

async function regionAdmin(region: string, name: string): Promise<Actor> {
  const u = await createUser(t, name, { role: 'region_admin', region });
  return { userId: u.id, cookie: await signIn(t, u) };
}

async function communitiesOf(street: string) {
  const rows = await t.handle.db
    .selectFrom('regions')
    .select('code')
    .where('parent_code', '=', street)
    .where('level', '=', 5)
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

before(async () => {
  t = await startTestApp();
  w = await world(t);
  const inA = await communitiesOf(w.streetA);
  assert.ok(inA.length >= 3, 'street A has three communities');
  assert.equal(inA[0], w.communityA);
  communityA2 = inA[1]!;
  communityA3 = inA[2]!;
  village = await regionAdmin(w.communityA, 'village1');
  neighbour = await regionAdmin(communityA2, 'village2');
  villageB = await regionAdmin(w.communityB, 'village3');
  postA2 = await regionAdmin(w.streetA, 'post2');
});
after(() => t.close());

const code = (r: { json(): unknown }) => (r.json() as { error?: { code: string } }).error?.code;
let n = 0;
const body = (over = {}) => ({
  region: w.communityA,
  to: w.streetA,
  category: '助老服务',
  title: `长者饭堂送餐${++n}`,
  description: '本村长者饭堂每天中午为街道内行动不便的长者送餐上门。',
  ...over,
});
const offer = (who: Actor, over = {}) => call(t, who, 'POST', '/api/dispatch/village-offers', body(over));
const items = () => t.handle.db.selectFrom('dispatch_menu_items').select('id').execute();
const audits = (action: string) =>
  t.handle.db
    .selectFrom('audit_log')
    .select(['object_id', 'region_code'])
    .where('action', '=', action)
    .execute();
const decide = (who: Actor, id: string, b: object) =>
  call(t, who, 'POST', `/api/dispatch/menu-items/${id}/decision`, b);

describe('a village offers a service as a unit (村供单)', () => {
  it('is proposed to the street’s post, approved there, and on the menu of the whole street naming the village', async () => {
    const o = await offer(village, { teamIds: [w.teamA.orgId] });
    assert.equal(o.statusCode, 200, o.body);
    const item = o.json();
    assert.equal(item.status, 'proposed');
    assert.equal(item.unitCode, w.streetA);
    assert.equal(item.offeredBy, null);
    assert.equal(item.offeredByUnit.code, w.communityA);
    assert.equal(item.offeredByUnit.level, 5);
    assert.ok(item.offeredByUnit.name);
    assert.deepEqual(
      item.teams.map((x: { id: string }) => x.id),
      [w.teamA.orgId],
    );
    const offered = await audits('dispatch.village_offer');
    assert.ok(offered.some((a) => a.object_id === item.id && a.region_code === w.communityA));

    // The post sees it among the offers to decide, beside the teams' offers.
    const teamOffer = await call(t, w.teamA, 'POST', '/api/dispatch/offers', {
      orgId: w.teamA.orgId,
      region: w.streetA,
      category: '便民服务',
      title: '义剪',
      description: '每月一次社区义剪。',
    });
    assert.equal(teamOffer.statusCode, 200, teamOffer.body);
    const queue = await call(
      t,
      w.postA,
      'GET',
      `/api/dispatch/unit-items?region=${w.streetA}&status=proposed`,
    );
    const ids = queue.json().items.map((i: { id: string }) => i.id);
    assert.ok(ids.includes(item.id) && ids.includes(teamOffer.json().id));

    // Not on any menu until approved.
    const menu = async (c: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/dispatch/menu?region=${c}` })).json().items as {
        id: string;
        offeredByUnit: { code: string } | null;
      }[];
    assert.ok(!(await menu(communityA2)).some((i) => i.id === item.id));
    const ok = await decide(w.postA, item.id, { decision: 'approved' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.ok((await audits('dispatch.offer.approved')).some((a) => a.object_id === item.id));
    // Every community of the street orders it, and the menu says which village offers it.
    for (const c of [w.communityA, communityA2, communityA3]) {
      const found = (await menu(c)).find((i) => i.id === item.id);
      assert.equal(found?.offeredByUnit?.code, w.communityA, c);
    }
    assert.ok(!(await menu(w.communityB)).some((i) => i.id === item.id), 'not on another street’s menu');

    // The station follows its offers and sees where it may offer to (its post, its centre).
    const mine = await call(t, village, 'GET', `/api/dispatch/village-offers?region=${w.communityA}`);
    assert.equal(mine.statusCode, 200, mine.body);
    assert.equal(mine.json().items.find((i: { id: string }) => i.id === item.id).status, 'approved');
    assert.deepEqual(
      mine.json().units.map((u: { code: string }) => u.code),
      [w.streetA, NANSHAN],
    );
    // The neighbouring village does not see it among its own offers.
    const theirs = await call(t, neighbour, 'GET', `/api/dispatch/village-offers?region=${communityA2}`);
    assert.ok(!theirs.json().items.some((i: { id: string }) => i.id === item.id));
  });

  it('may go to the district’s centre, which decides it', async () => {
    const o = await offer(village, { to: NANSHAN });
    assert.equal(o.statusCode, 200, o.body);
    assert.equal(o.json().unitCode, NANSHAN);
    assert.equal((await decide(w.postA, o.json().id, { decision: 'approved' })).statusCode, 404);
    assert.equal((await decide(w.district, o.json().id, { decision: 'approved' })).statusCode, 200);
  });

  it('orders of the item reach the village’s station wherever the resident lives in the street', async () => {
    const o = await offer(village, { teamIds: [w.teamA.orgId] });
    await decide(w.postA, o.json().id, { decision: 'approved' });
    const id = await placeOrder(t, w.resident, o.json().id, communityA2);
    const wo = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/work-order`, workOrder(t));
    assert.equal(wo.statusCode, 200, wo.body);
    // The dispatcher is told which station offered it and which teams the item names.
    const detail = (await call(t, w.postA, 'GET', `/api/dispatch/orders/${id}`)).json();
    assert.equal(detail.offeredByUnit.code, w.communityA);
    assert.deepEqual(
      detail.itemTeams.map((x: { id: string }) => x.id),
      [w.teamA.orgId],
    );
    // Another village that is neither the resident's nor the offering one is not below for this order.
    const wrong = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'unit',
      region: communityA3,
    });
    assert.equal(wrong.statusCode, 400);
    assert.equal(code(wrong), 'DISPATCH_UNIT_NOT_BELOW');
    const d = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'unit',
      region: w.communityA,
      note: '本村供单，请站点安排',
    });
    assert.equal(d.statusCode, 200, d.body);
    assert.equal(d.json().holder.code, w.communityA);
    assert.equal(d.json().state, 'ready');
    // The station holds it: on its board, and it dispatches to the item's team.
    const board = await call(t, village, 'GET', `/api/dispatch/orders?region=${w.communityA}`);
    assert.ok(board.json().items.some((x: { id: string }) => x.id === id));
    const toTeam = await call(t, village, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'team',
      orgId: w.teamA.orgId,
    });
    assert.equal(toTeam.statusCode, 200, toTeam.body);
    assert.equal(toTeam.json().state, 'offered');
    // The resident's own village's station never held it and still cannot act on it.
    const other = await call(t, neighbour, 'GET', `/api/dispatch/orders/${id}`);
    assert.equal(other.statusCode, 404);
  });

  it('refusal needs a reason the village sees; the offerer does not decide it; it is decided once', async () => {
    // A post admin may act for a village of the street, but then another admin decides the offer.
    const o = await offer(w.postA);
    assert.equal(o.statusCode, 200, o.body);
    const id = o.json().id;
    const self = await decide(w.postA, id, { decision: 'approved' });
    assert.equal(self.statusCode, 403);
    assert.equal(code(self), 'DISPATCH_OFFER_SELF');
    const bare = await decide(postA2, id, { decision: 'refused', reason: '  ' });
    assert.equal(bare.statusCode, 400);
    assert.equal(code(bare), 'DISPATCH_REASON_REQUIRED');
    const no = await decide(postA2, id, { decision: 'refused', reason: '街道已有同类项目' });
    assert.equal(no.statusCode, 200, no.body);
    assert.equal(no.json().status, 'refused');
    const again = await decide(postA2, id, { decision: 'approved' });
    assert.equal(again.statusCode, 409);
    assert.equal(code(again), 'DISPATCH_OFFER_DECIDED');
    const mine = (
      await call(t, village, 'GET', `/api/dispatch/village-offers?region=${w.communityA}`)
    ).json();
    const seen = mine.items.find((i: { id: string }) => i.id === id);
    assert.equal(seen.status, 'refused');
    assert.equal(seen.decisionReason, '街道已有同类项目');
    // The station sees the refusal; the item is on no menu.
    const menu = (
      await t.app.inject({ method: 'GET', url: `/api/dispatch/menu?region=${w.communityA}` })
    ).json();
    assert.ok(!menu.items.some((i: { id: string }) => i.id === id));
  });

  it('refuses an offer to a unit that is not above the village, or for what is no village, nothing changed', async () => {
    const before = (await items()).length;
    const auditsBefore = (await audits('dispatch.village_offer')).length;
    for (const to of [w.streetB, communityA2, w.communityA, '440304000000']) {
      const r = await offer(village, { to });
      assert.equal(r.statusCode, 400, to);
      assert.equal(code(r), 'DISPATCH_OFFER_NOT_ABOVE', to);
      // Told in the caller's language (the language chosen on the page overrides the account's).
      const en = await t.app.inject({
        method: 'POST',
        url: '/api/dispatch/village-offers',
        headers: { cookie: `${village.cookie}; yiqi_locale=en` },
        payload: body({ to }),
      });
      assert.match(en.json().error.message, /post of its own street or the centre of its own district/);
    }
    const street = await offer(w.postA, { region: w.streetA, to: NANSHAN });
    assert.equal(street.statusCode, 400);
    assert.equal(code(street), 'DISPATCH_VILLAGE_REQUIRED');
    assert.equal((await items()).length, before);
    assert.equal((await audits('dispatch.village_offer')).length, auditsBefore);
  });

  it('refuses an offer by someone who is not the village’s staff, nothing changed', async () => {
    const before = (await items()).length;
    for (const who of [neighbour, villageB, w.postB, w.teamA, w.resident]) {
      const r = await offer(who);
      assert.equal(r.statusCode, 403, r.body);
      assert.ok(['OUT_OF_SCOPE', 'FORBIDDEN'].includes(code(r) ?? ''), r.body);
    }
    const list = await call(t, villageB, 'GET', `/api/dispatch/village-offers?region=${w.communityA}`);
    assert.equal(list.statusCode, 403);
    assert.equal((await items()).length, before);
  });

  it('names only teams that serve the village (its area or registered above it)', async () => {
    const outside = await offer(village, { teamIds: [w.teamB.orgId] });
    assert.equal(outside.statusCode, 400);
    assert.equal(code(outside), 'DISPATCH_TEAM_OUTSIDE_AREA');
    const neighbours = await insertOrganization(t, '邻村服务队', communityA2);
    const r = await offer(village, { teamIds: [neighbours] });
    assert.equal(code(r), 'DISPATCH_TEAM_OUTSIDE_AREA', 'a neighbouring village’s team');
    const own = await insertOrganization(t, '本村服务队', w.communityA);
    const ok = await offer(village, { teamIds: [own, w.teamA.orgId] });
    assert.equal(ok.statusCode, 200, ok.body);
  });
});

describe('the teams a unit may name (the console’s team picker)', () => {
  it('lists exactly the teams the server accepts on the unit’s items: its area’s and those registered above it', async () => {
    const city = await insertOrganization(t, '深圳市义工联应急服务队', '440300000000');
    const province = await insertOrganization(t, '广东省志愿者联合会服务队', '440000000000');
    const futian = await insertOrganization(t, '福田区社区服务队', '440304000000');
    const pending = await insertOrganization(t, '南头待审核服务队', w.streetA);
    await t.handle.db
      .updateTable('organizations')
      .set({ status: 'pending' })
      .where('id', '=', pending)
      .execute();
    const candidates = [w.teamA.orgId, w.teamB.orgId, city, province, futian, pending];
    for (const [who, unit] of [
      [w.postA, w.streetA],
      [w.district, NANSHAN],
    ] as const) {
      const listed = new Set<string>();
      for (let page = 1; ; page++) {
        const r = await call(
          t,
          who,
          'GET',
          `/api/dispatch/eligible-teams?region=${unit}&pageSize=200&page=${page}`,
        );
        assert.equal(r.statusCode, 200, r.body);
        for (const x of r.json().items as { id: string }[]) listed.add(x.id);
        if (page * 200 >= r.json().total) break;
      }
      for (const id of candidates) {
        const res = await call(t, who, 'POST', '/api/dispatch/menu-items', {
          region: unit,
          category: '助老服务',
          title: '选队核对',
          description: '核对选队范围',
          teamIds: [id],
        });
        assert.equal(res.statusCode === 200, listed.has(id), `${unit} ${id}: ${res.body}`);
      }
    }
    // Found by name, with the region it is registered in.
    const byName = await call(t, w.postA, 'GET', `/api/dispatch/eligible-teams?region=${w.streetA}&q=义工联`);
    assert.deepEqual(
      byName.json().items.map((x: { id: string; regionName: string }) => [x.id, x.regionName]),
      [[city, '深圳市']],
    );
    // An item editor gets the same answer: a team of another street is refused with the area rule.
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const edit = await call(t, w.postA, 'PUT', `/api/dispatch/menu-items/${item}`, {
      category: '助老服务',
      title: '改队',
      description: '改队',
      teamIds: [w.teamB.orgId],
    });
    assert.equal(edit.statusCode, 400);
    assert.equal(code(edit), 'DISPATCH_TEAM_OUTSIDE_AREA');
    // Outside the caller's area: refused.
    const out = await call(t, w.postA, 'GET', `/api/dispatch/eligible-teams?region=${w.streetB}`);
    assert.equal(out.statusCode, 403);
  });
});
