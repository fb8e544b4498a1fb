import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { onPostgres } from '../../test/database.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { insertOrganization } from '../memberships/memberships.testkit.ts';
import {
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
 * 抢单 under real concurrency (PGlite is one connection, so there everything is serial): 50 eligible teams
 * claim one open order at once; the guarded UPDATE lets exactly one win.
 */
const skip = !onPostgres() ? 'PostgreSQL only (DATABASE_URL)' : false;
let t: TestApp;
let w: World;

describe('grab race on PostgreSQL', { skip }, () => {
  before(async () => {
    t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
    w = await world(t);
  });
  after(() => t?.close());

  it('50 racing claims: exactly one team wins, 49 are told it was claimed, one hop and one audit row', async () => {
    // 50 teams; their admins' sessions are one signed-in admin given a grant over each (signing in 50
    // second factors at once would meet the per-address limit, which is not what is tested here).
    const first = await createTeam(t, w.streetA);
    const teams: Team[] = [first];
    for (let i = 1; i < 50; i++) {
      const orgId = await insertOrganization(t, `抢单队${i}`, w.streetA);
      await t.handle.db
        .insertInto('role_grants')
        .values({ user_id: first.userId, role: 'org_admin', region_code: null, org_id: orgId })
        .execute();
      teams.push({ ...first, orgId });
    }
    const item = await addItem(
      t,
      w.postA,
      w.streetA,
      teams.map((x) => x.orgId),
    );
    const id = await placeOrder(t, w.resident, item, w.communityA);
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/work-order`, workOrder(t));
    const open = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, { to: 'grab' });
    assert.equal(open.json().state, 'open');

    const answers = await Promise.all(
      teams.map((x) => call(t, x, 'POST', `/api/dispatch/orders/${id}/claim`, { orgId: x.orgId })),
    );
    const by = new Map<string, number>();
    for (const r of answers) {
      const key = r.statusCode === 200 ? 'won' : r.json().error.code;
      by.set(key, (by.get(key) ?? 0) + 1);
    }
    assert.equal(by.get('won'), 1, JSON.stringify([...by]));
    assert.equal(by.get('DISPATCH_ALREADY_CLAIMED'), 49, JSON.stringify([...by]));
    const winner = answers.find((r) => r.statusCode === 200)!.json().team.id;
    const row = await t.handle.db
      .selectFrom('dispatch_orders')
      .select(['state', 'team_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { state: 'accepted', team_id: winner });
    const claims = await t.handle.db
      .selectFrom('dispatch_hops')
      .select('to_team')
      .where('order_id', '=', id)
      .where('action', '=', 'claim')
      .execute();
    assert.deepEqual(claims, [{ to_team: winner }]);
    const audits = await t.handle.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'dispatch.claim')
      .where('object_id', '=', id)
      .execute();
    assert.equal(audits.length, 1);
  });
});
