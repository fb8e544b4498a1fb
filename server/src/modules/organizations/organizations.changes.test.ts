/**
 * Change registration (变更登记, issue 17): registered facts are corrected through the region admins' review
 * like the registration itself (approve applies and keeps the previous values, reject needs a reason, nobody
 * reviews their own unit's change); contacts are edited directly (audited), and the person in charge is not
 * a contact: a different one goes through review.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeUscc, registration } from '../memberships/memberships.testkit.ts';
import { api } from '../activities/activities.testkit.ts';

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';

let t: TestApp;
let team: string; // an unregistered team (host unit, no USCC)
let body: string; // a social group (USCC, no host unit)
const c = {} as Record<'owner' | 'ns' | 'ns2' | 'ft', string>;

async function approvedOrg(cookie: string, over: Record<string, unknown>) {
  const reg = await api(t, cookie, 'POST', '/api/organizations', registration(over));
  assert.equal(reg.statusCode, 200, reg.body);
  const ok = await api(t, c.ns, 'POST', `/api/organizations/${reg.json().id}/review`, {
    decision: 'approve',
  });
  assert.equal(ok.statusCode, 200, ok.body);
  return reg.json().id as string;
}

before(async () => {
  t = await startTestApp();
  c.ns = await signIn(t, await createUser(t, 'oc.ns', { role: 'region_admin', region: NANSHAN }));
  c.ns2 = await signIn(t, await createUser(t, 'oc.ns2', { role: 'region_admin', region: NANSHAN }));
  c.ft = await signIn(t, await createUser(t, 'oc.ft', { role: 'region_admin', region: FUTIAN }));
  const owner = await createUser(t, 'oc.owner', { totp: true });
  c.owner = await signIn(t, owner);
  team = await approvedOrg(c.owner, { name: '南山区桂湾社区志愿服务队' });
  body = await approvedOrg(c.owner, {
    name: '南山区志愿服务促进会',
    orgType: 'social_group',
    hostUnit: undefined,
    uscc: makeUscc(4501),
  });
  // Approval made the registrant the org admin of both: sign in again for the new grants.
  c.owner = await signIn(t, owner);
});
after(() => t.close());

const ask = (cookie: string, org: string, b: object) =>
  api(t, cookie, 'POST', `/api/organizations/${org}/changes`, b);
const decide = (cookie: string, org: string, id: string, b: object) =>
  api(t, cookie, 'POST', `/api/organizations/${org}/changes/${id}/review`, b);
const org = async (id: string) => (await api(t, c.ns, 'GET', `/api/organizations/${id}`)).json();

describe('change registration', () => {
  let changeId: string;

  test('the org admin asks; nothing changes until review, and the queue shows before and after', async () => {
    const res = await ask(c.owner, team, {
      personInCharge: '王新负责',
      address: '深圳市南山区粤海街道 2 号',
      hostUnit: '南山区桂湾社区居委会',
      name: '南山区桂湾社区志愿服务队', // unchanged: not part of the request
      note: '换届',
    });
    assert.equal(res.statusCode, 200, res.body);
    const v = res.json();
    changeId = v.id;
    assert.equal(v.status, 'pending');
    assert.deepEqual(v.changes, {
      personInCharge: '王新负责',
      address: '深圳市南山区粤海街道 2 号',
      hostUnit: '南山区桂湾社区居委会',
    });
    assert.deepEqual(v.previous, {
      personInCharge: '李负责',
      address: '深圳市南山区南头街道 1 号',
      hostUnit: '南山区某社区居委会',
    });
    assert.equal((await org(team)).personInCharge, '李负责', 'not applied before review');
    // A second one waits for the first.
    assert.equal((await ask(c.owner, team, { address: '别处 3 号' })).statusCode, 409);
    const queue = await api(t, c.ns, 'GET', '/api/organizations/change-queue');
    assert.equal(queue.statusCode, 200, queue.body);
    const item = queue.json().items.find((i: { id: string }) => i.id === changeId);
    assert.equal(item.previous.personInCharge, '李负责');
    assert.equal(item.changes.personInCharge, '王新负责');
    // Futian's admin sees nothing of Nanshan.
    const other = await api(t, c.ft, 'GET', '/api/organizations/change-queue');
    assert.equal(other.json().total, 0);
    assert.equal((await decide(c.ft, team, changeId, { decision: 'approve' })).statusCode, 404);
    // The org admin follows it.
    const mine = await api(t, c.owner, 'GET', `/api/organizations/${team}/changes`);
    assert.equal(mine.json().items[0].status, 'pending');
  });

  test('nobody reviews their own unit’s change: not the one who asked, not an admin of the unit', async () => {
    // The owner has no region grant: the route refuses before the service.
    assert.equal((await decide(c.owner, team, changeId, { decision: 'approve' })).statusCode, 403);
    const dual = await createUser(t, 'oc.dual', { role: 'region_admin', region: NANSHAN });
    await t.handle.db
      .insertInto('role_grants')
      .values({ user_id: dual.id, role: 'org_admin', region_code: null, org_id: team })
      .execute();
    const res = await decide(await signIn(t, dual), team, changeId, { decision: 'approve' });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().error.code, 'ORG_CHANGE_SELF_REVIEW');
    assert.equal((await org(team)).personInCharge, '李负责');
    assert.equal((await auditRows(t, 'organization.change_review')).at(-1)!.result, 'denied');
  });

  test('approval applies the facts and keeps the values they replaced', async () => {
    assert.equal(
      (await decide(c.ns2, team, changeId, { decision: 'reject' })).statusCode,
      400,
      'reason needed',
    );
    const res = await decide(c.ns2, team, changeId, { decision: 'approve' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'approved');
    const o = await org(team);
    assert.equal(o.personInCharge, '王新负责');
    assert.equal(o.address, '深圳市南山区粤海街道 2 号');
    assert.equal(o.hostUnit, '南山区桂湾社区居委会');
    const history = (await api(t, c.owner, 'GET', `/api/organizations/${team}/changes`)).json().items;
    assert.equal(history[0].status, 'approved');
    assert.equal(history[0].previous.personInCharge, '李负责');
    assert.equal((await decide(c.ns, team, changeId, { decision: 'approve' })).statusCode, 409);
    const audit = (await auditRows(t, 'organization.change_review')).at(-1)!;
    assert.equal(audit.result, 'ok');
    assert.deepEqual((audit.details as { fields: string[] }).fields.sort(), [
      'address',
      'hostUnit',
      'personInCharge',
    ]);
  });

  test('rejection needs a reason, which the org admin sees; nothing is applied', async () => {
    const res = await ask(c.owner, body, { name: '南山区志愿服务联合会' });
    assert.equal(res.statusCode, 200, res.body);
    const r = await decide(c.ns, body, res.json().id, {
      decision: 'reject',
      reason: '请附社会团体变更登记证明',
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal((await org(body)).name, '南山区志愿服务促进会');
    const mine = (await api(t, c.owner, 'GET', `/api/organizations/${body}/changes`)).json().items[0];
    assert.equal(mine.status, 'rejected');
    assert.equal(mine.reviewReason, '请附社会团体变更登记证明');
  });

  test('the registration rules hold: bad input is a 4xx with nothing written', async () => {
    const before = await t.handle.db.selectFrom('organization_changes').select('id').execute();
    const cases: [string, object, string][] = [
      [team, {}, 'ORG_CHANGE_EMPTY'],
      [team, { personInCharge: '王新负责' }, 'ORG_CHANGE_EMPTY'],
      [team, { uscc: makeUscc(4502) }, 'USCC_NOT_ALLOWED'],
      [body, { hostUnit: '某单位' }, 'HOST_UNIT_NOT_ALLOWED'],
      [body, { uscc: '' }, 'USCC_REQUIRED'],
      [body, { uscc: '91350100M000100Y44' }, 'USCC_INVALID'],
    ];
    for (const [id, b, code] of cases) {
      const res = await ask(c.owner, id, b);
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${code}: ${res.statusCode}`);
      assert.equal(res.json().error.code, code, res.body);
    }
    assert.equal((await ask(c.owner, team, { extra: 1 })).statusCode, 400);
    const now = await t.handle.db.selectFrom('organization_changes').select('id').execute();
    assert.equal(now.length, before.length);
  });

  test('contacts are edited directly and audited; a different person in charge is refused there', async () => {
    const res = await api(t, c.owner, 'PUT', `/api/organizations/${team}/contacts`, {
      handlerName: '赵经办',
      contactName: '钱联系',
      contactPhone: '13912345678',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().contactName, '钱联系');
    assert.equal(res.json().personInCharge, '王新负责');
    assert.equal((await auditRows(t, 'organization.contacts')).at(-1)!.object_id, team);
    const moved = await api(t, c.owner, 'PUT', `/api/organizations/${team}/contacts`, {
      personInCharge: '冒名负责',
      handlerName: '赵经办',
      contactName: '钱联系',
    });
    assert.equal(moved.statusCode, 409, moved.body);
    assert.equal(moved.json().error.code, 'PERSON_IN_CHARGE_BY_CHANGE');
    assert.equal((await org(team)).personInCharge, '王新负责');
  });
});
