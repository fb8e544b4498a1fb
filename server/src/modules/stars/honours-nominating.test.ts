import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';
import { api } from '../activities/activities.testkit.ts';

// The nominating organization's side: the rounds it sees with its own nominations, and whom it may put
// forward (the same rules `nominate` enforces).
const NANSHAN = '440305000000';
const SHENZHEN = '440300000000';
const FUTIAN = '440304000000';

let t: TestApp;
let org: string;
let team: string;
let other: string;
let futianOrg: string;
let region: string;
let orgAdmin: string;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await insertOrganization(t, '南山区推荐测试服务队', NANSHAN);
  team = await insertOrganization(t, '南山区推荐测试分队', NANSHAN, { parentId: org });
  other = await insertOrganization(t, '南山区另一支服务队', NANSHAN);
  futianOrg = await insertOrganization(t, '福田区某服务队', FUTIAN);
  region = await signIn(t, await createUser(t, 'nom.region', { role: 'region_admin', region: NANSHAN }));
  orgAdmin = await signIn(t, await createUser(t, 'nom.org', { role: 'org_admin', orgId: org }));
  for (const [name, at] of [
    ['王志愿', team],
    ['李离队', org],
  ] as const) {
    const v = await addVolunteerRecord(t, null);
    await t.handle.db.updateTable('volunteers').set({ name }).where('id', '=', v.id).execute();
    await t.handle.db
      .insertInto('memberships')
      .values({ org_id: at, volunteer_id: v.id, status: name === '李离队' ? 'left' : 'active' })
      .execute();
  }
});
after(() => t.close());

async function openRound(regionCode: string, kind: string, cookie = region) {
  const r = await api(t, cookie, 'POST', '/api/honours/rounds', {
    region: regionCode,
    year: 2026,
    kind,
    title: `${kind} 测试`,
    quota: 10,
  });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().id as string;
}

describe('nominating organization', () => {
  it('sees the rounds of its region and above, with its own nominations only', async () => {
    const teams = await openRound(NANSHAN, 'ten_best_teams');
    const cityAdmin = await signIn(
      t,
      await createUser(t, 'nom.city', { role: 'region_admin', region: SHENZHEN }),
    );
    const city = await openRound(SHENZHEN, 'five_star_volunteer', cityAdmin);
    const futianAdmin = await signIn(
      t,
      await createUser(t, 'nom.ft', { role: 'region_admin', region: FUTIAN }),
    );
    const elsewhere = await openRound(FUTIAN, 'ten_best_projects', futianAdmin);
    const n = await api(t, orgAdmin, 'POST', `/api/honours/rounds/${teams}/nominations`, {
      orgId: org,
      nomineeOrgId: other,
      reason: '服务成效显著，群众认可',
    });
    assert.equal(n.statusCode, 200, n.body);
    const list = await api(t, orgAdmin, 'GET', `/api/honours/nominating?orgId=${org}`);
    assert.equal(list.statusCode, 200, list.body);
    const ids = list.json().items.map((i: { round: { id: string } }) => i.round.id);
    assert.ok(ids.includes(teams) && ids.includes(city), 'its district’s and its city’s rounds');
    assert.ok(!ids.includes(elsewhere), 'not another district’s');
    const mine = list.json().items.find((i: { round: { id: string } }) => i.round.id === teams).mine;
    assert.deepEqual(
      mine.map((m: { nominee: string; status: string }) => [m.nominee, m.status]),
      [['南山区另一支服务队', 'nominated']],
    );
    // Another organization's admin does not see this one's nominations.
    const otherAdmin = await signIn(t, await createUser(t, 'nom.other', { role: 'org_admin', orgId: other }));
    const theirs = await api(t, otherAdmin, 'GET', `/api/honours/nominating?orgId=${other}`);
    const round = theirs.json().items.find((i: { round: { id: string } }) => i.round.id === teams);
    assert.deepEqual(round.mine, []);
    const refused = await api(t, otherAdmin, 'GET', `/api/honours/nominating?orgId=${org}`);
    assert.equal(refused.statusCode, 403);
  });

  it('offers only whom the round takes', async () => {
    const names = async (roundId: string, q = '') => {
      const r = await api(
        t,
        orgAdmin,
        'GET',
        `/api/honours/rounds/${roundId}/candidates?orgId=${org}&q=${encodeURIComponent(q)}`,
      );
      assert.equal(r.statusCode, 200, r.body);
      return r
        .json()
        .items.map((i: { name: string }) => i.name)
        .sort();
    };
    const volunteers = await openRound(NANSHAN, 'hundred_best_volunteers');
    assert.deepEqual(await names(volunteers), ['王志愿'], 'active members of the organization and its teams');
    assert.deepEqual(await names(volunteers, '李'), []);
    const projects = await openRound(NANSHAN, 'ten_best_projects');
    assert.deepEqual(await names(projects), ['南山区推荐测试分队', '南山区推荐测试服务队']);
    const teams = (await api(t, region, 'GET', `/api/honours/rounds?region=${NANSHAN}`))
      .json()
      .items.find((r: { kind: string }) => r.kind === 'ten_best_teams').id;
    // Ten best teams: another organization of the region, never its own nor its team (the admin is tied).
    const offered = await names(teams);
    assert.ok(offered.includes('南山区另一支服务队'));
    assert.ok(!offered.includes('南山区推荐测试服务队'));
    assert.ok(!offered.includes('福田区某服务队'), 'not outside the round’s region');
    assert.deepEqual(await names(teams, '另一支'), ['南山区另一支服务队']);
    void futianOrg;
  });
});
