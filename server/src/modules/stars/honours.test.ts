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
let regionUser: string;
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
  const regionAccount = await createUser(t, 'hon.region', { role: 'region_admin', region: NANSHAN });
  regionUser = regionAccount.id;
  region = await signIn(t, regionAccount);
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

  it('ten best teams: organizations only, never one’s own, at most ten, published as organization awards', async () => {
    const open = (quota: number) =>
      api(t, region, 'POST', '/api/honours/rounds', {
        region: NANSHAN,
        year: 2026,
        kind: 'ten_best_teams',
        title: '南山区十佳志愿服务组织',
        quota,
      });
    assert.equal((await open(11)).json().error.code, 'HONOUR_QUOTA_TOO_LARGE');
    const opened = await open(10);
    assert.equal(opened.statusCode, 200, opened.body);
    const roundId = opened.json().id;
    // The database holds the limit too.
    await assert.rejects(
      t.handle.db.updateTable('honour_rounds').set({ quota: 11 }).where('id', '=', roundId).execute(),
      /honour_rounds_ten_best_teams_quota/,
    );

    const peers: string[] = [];
    for (let i = 1; i <= 10; i++)
      peers.push(await insertOrganization(t, `南山区十佳候选服务队${i}`, NANSHAN));
    const nominate = (body: Record<string, unknown>, cookie = orgAdmin) =>
      api(t, cookie, 'POST', `/api/honours/rounds/${roundId}/nominations`, {
        orgId: org,
        reason: '扎根社区多年，服务成效显著',
        ...body,
      });
    const code = async (body: Record<string, unknown>, cookie = orgAdmin) =>
      (await nominate(body, cookie)).json().error?.code;
    // Not a volunteer, not outside the region, not the nominating organization itself.
    const someone = await member('某志愿者');
    assert.equal(await code({ volunteerNo: someone.volunteerNo }), 'HONOUR_NOMINEE_INVALID');
    assert.equal(await code({ nomineeOrgId: futianOrg }), 'HONOUR_NOMINEE_INVALID');
    assert.equal(await code({ nomineeOrgId: org }), 'HONOUR_SELF_NOMINATION');
    // An administrator of the nominating organization who is a member of the nominee does not nominate it.
    const memberAdmin = await createUser(t, 'hon.org.member', { role: 'org_admin', orgId: org });
    const own = await addVolunteerRecord(t, memberAdmin.id);
    await t.handle.db
      .insertInto('memberships')
      .values({ org_id: peers[0]!, volunteer_id: own.id, status: 'active' })
      .execute();
    const memberAdminCookie = await signIn(t, memberAdmin);
    assert.equal(await code({ nomineeOrgId: peers[0] }, memberAdminCookie), 'HONOUR_SELF_NOMINATION');
    // The database refuses it as well.
    await assert.rejects(
      t.handle.db
        .insertInto('honour_nominations')
        .values({
          round_id: roundId,
          org_id: org,
          nominee_org_id: org,
          reason: '自荐',
          nominated_by: memberAdmin.id,
        })
        .execute(),
      /nobody nominates their own organization/,
    );

    const ids: string[] = [];
    for (const nominee of [team, ...peers]) {
      const r = await nominate({ nomineeOrgId: nominee });
      assert.equal(r.statusCode, 200, r.body);
      ids.push(r.json().id);
    }
    assert.equal(await code({ nomineeOrgId: team }), 'HONOUR_DUPLICATE');

    // A federation member who serves in the nominated team does not decide about it.
    const tiedAdmin = await createUser(t, 'hon.region.tied', { role: 'region_admin', region: NANSHAN });
    const tiedVolunteer = await addVolunteerRecord(t, tiedAdmin.id);
    await t.handle.db
      .insertInto('memberships')
      .values({ org_id: team, volunteer_id: tiedVolunteer.id, status: 'active' })
      .execute();
    const decide = (id: string, approve: boolean, cookie = region) =>
      api(t, cookie, 'POST', `/api/honours/nominations/${id}/decide`, { approve, reason: '评审意见' });
    const tied = await decide(ids[0]!, true, await signIn(t, tiedAdmin));
    assert.equal(tied.json().error.code, 'HONOUR_SELF_DECISION');
    await assert.rejects(
      t.handle.db
        .updateTable('honour_nominations')
        .set({ status: 'approved', decided_by: tiedAdmin.id, decided_at: new Date(), decision_reason: 'x' })
        .where('id', '=', ids[0]!)
        .execute(),
      /nobody decides about their own organization/,
    );

    // Ten places: the eleventh approval is refused, by the service and by the database.
    for (const id of ids.slice(0, 10)) assert.equal((await decide(id, true)).statusCode, 200);
    assert.equal((await decide(ids[10]!, true)).json().error.code, 'HONOUR_QUOTA');
    await assert.rejects(
      t.handle.db
        .updateTable('honour_nominations')
        .set({ status: 'approved', decided_by: regionUser, decided_at: new Date(), decision_reason: 'x' })
        .where('id', '=', ids[10]!)
        .execute(),
      /all 10 places are taken/,
    );
    assert.equal((await decide(ids[10]!, false)).statusCode, 200);

    const pub = await api(t, region, 'POST', `/api/honours/rounds/${roundId}/publish`);
    assert.equal(pub.statusCode, 200, pub.body);
    const awards = await t.handle.db
      .selectFrom('organization_award_records')
      .select(['org_id', 'name'])
      .where('nomination_id', 'in', ids)
      .execute();
    assert.deepEqual(
      awards.map((a) => a.org_id).sort(),
      [team, ...peers.slice(0, 9)].sort(),
      'the ten approved organizations, the rejected one not',
    );
    assert.ok(awards.every((a) => a.name === '2026 南山区十佳志愿服务组织'));
    const published = await api(t, undefined, 'GET', '/api/honours/published');
    const r = published.json().items.find((x: { roundId: string }) => x.roundId === roundId);
    assert.equal(r.kind, 'ten_best_teams');
    assert.equal(r.honourees.length, 10);
    assert.ok(r.honourees.includes('南山区评优测试分队'));
  });
});
