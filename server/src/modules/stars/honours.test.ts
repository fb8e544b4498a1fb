import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, signIn, startTestApp, type TestApp, type TestUser } from '../../test/harness.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';
import { api } from '../activities/activities.testkit.ts';

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';

let t: TestApp;
let org: string;
let team: string;
let futianOrg: string;
let region: string;
let futian: string;
let orgAdmin: string;
let selfAdmin: TestUser;
let selfAdminCookie: string;

async function member(name: string, userId: string | null = null) {
  const v = await addVolunteerRecord(t, userId);
  await t.handle.db.updateTable('volunteers').set({ name }).where('id', '=', v.id).execute();
  await t.handle.db
    .insertInto('memberships')
    .values({ org_id: org, volunteer_id: v.id, status: 'active' })
    .execute();
  return v;
}

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await insertOrganization(t, '南山区评优测试服务队', NANSHAN);
  team = await insertOrganization(t, '南山区评优测试分队', NANSHAN, { parentId: org });
  futianOrg = await insertOrganization(t, '福田区某服务队', FUTIAN);
  region = await signIn(t, await createUser(t, 'hon.region', { role: 'region_admin', region: NANSHAN }));
  futian = await signIn(t, await createUser(t, 'hon.futian', { role: 'region_admin', region: FUTIAN }));
  orgAdmin = await signIn(t, await createUser(t, 'hon.org', { role: 'org_admin', orgId: org }));
  selfAdmin = await createUser(t, 'hon.self', { role: 'region_admin', region: NANSHAN });
  selfAdminCookie = await signIn(t, selfAdmin);
});
after(() => t.close());

describe('honours rounds', () => {
  it('nominates, decides within the quota, publishes as award records', async () => {
    const round = await api(t, region, 'POST', '/api/honours/rounds', {
      region: NANSHAN,
      year: 2026,
      kind: 'hundred_best_volunteers',
      title: '南山区百优志愿者',
      quota: 1,
    });
    assert.equal(round.statusCode, 200, round.body);
    const roundId = round.json().id;
    const outside = await api(t, futian, 'POST', '/api/honours/rounds', {
      region: NANSHAN,
      year: 2026,
      kind: 'ten_best_projects',
      title: '越权',
      quota: 10,
    });
    assert.equal(outside.statusCode, 403);

    const a = await member('陈志愿');
    const b = await member('林志愿');
    const self = await member('管理员本人', selfAdmin.id);
    const stranger = await addVolunteerRecord(t, null);
    const nominate = (volunteerNo: string, orgId = org) =>
      api(t, orgAdmin, 'POST', `/api/honours/rounds/${roundId}/nominations`, {
        orgId,
        volunteerNo,
        reason: '长期坚持社区服务，表现突出',
      });
    const na = await nominate(a.volunteerNo);
    assert.equal(na.statusCode, 200, na.body);
    const nb = await nominate(b.volunteerNo);
    const ns = await nominate(self.volunteerNo);
    assert.equal((await nominate(a.volunteerNo)).json().error.code, 'HONOUR_DUPLICATE');
    assert.equal((await nominate(stranger.volunteerNo)).json().error.code, 'HONOUR_NOMINEE_INVALID');
    assert.equal((await nominate(a.volunteerNo, futianOrg)).statusCode, 403, 'another organization');

    const foreign = await api(t, futian, 'GET', `/api/honours/rounds/${roundId}/nominations`);
    assert.equal(foreign.statusCode, 404);
    const list = await api(t, region, 'GET', `/api/honours/rounds/${roundId}/nominations`);
    assert.equal(list.json().items.length, 3);

    const decide = (id: string, approve: boolean, cookie = region) =>
      api(t, cookie, 'POST', `/api/honours/nominations/${id}/decide`, { approve, reason: '评审意见' });
    const mine = await decide(ns.json().id, true, selfAdminCookie);
    assert.equal(mine.json().error.code, 'HONOUR_SELF_DECISION');
    assert.equal((await decide(na.json().id, true)).statusCode, 200);
    assert.equal((await decide(nb.json().id, true)).json().error.code, 'HONOUR_QUOTA');
    assert.equal((await decide(nb.json().id, false)).statusCode, 200);

    const pub = await api(t, region, 'POST', `/api/honours/rounds/${roundId}/publish`);
    assert.equal(pub.statusCode, 200, pub.body);
    assert.equal((await api(t, region, 'POST', `/api/honours/rounds/${roundId}/publish`)).statusCode, 409);
    const awards = await t.handle.db
      .selectFrom('award_records')
      .select(['volunteer_id', 'org_id', 'name'])
      .where('volunteer_id', 'in', [a.id, b.id, self.id])
      .execute();
    assert.deepEqual(awards, [{ volunteer_id: a.id, org_id: org, name: '2026 南山区百优志愿者' }]);
    const published = await api(t, undefined, 'GET', '/api/honours/published');
    const r = published.json().items.find((x: { roundId: string }) => x.roundId === roundId);
    assert.deepEqual(r.honourees, ['陈*愿']);
    assert.ok(!published.body.includes('陈志愿'));
  });

  it('takes teams for projects, only the organization itself or its teams', async () => {
    const round = (
      await api(t, region, 'POST', '/api/honours/rounds', {
        region: NANSHAN,
        year: 2026,
        kind: 'ten_best_projects',
        title: '南山区十佳志愿服务项目',
        quota: 10,
      })
    ).json().id;
    const ok = await api(t, orgAdmin, 'POST', `/api/honours/rounds/${round}/nominations`, {
      orgId: org,
      nomineeOrgId: team,
      reason: '社区助老项目成效显著',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const other = await api(t, orgAdmin, 'POST', `/api/honours/rounds/${round}/nominations`, {
      orgId: org,
      nomineeOrgId: futianOrg,
      reason: '社区助老项目成效显著',
    });
    assert.equal(other.json().error.code, 'HONOUR_NOMINEE_INVALID');
    const list = await api(t, region, 'GET', '/api/honours/rounds');
    assert.ok(
      list
        .json()
        .items.some((x: { id: string; nominations: number }) => x.id === round && x.nominations === 1),
    );
  });
});
