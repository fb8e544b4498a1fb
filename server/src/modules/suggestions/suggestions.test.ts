import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { distanceKm } from './scoring.ts';
import { insertAccepted, insertActivity, insertTeam, insertVolunteer } from './suggestions.testkit.ts';

/**
 * 派单建议 through HTTP: a known small population around one community of 南山区, so the ranking and each
 * part of the breakdown can be stated exactly; who may ask (region admins over the need's region, and
 * only the volunteers of their own scope come back); bad input refused.
 */
let t: TestApp;
const NANSHAN = '440305000000';
const FUTIAN = '440304000000';
const CITY = '440300000000';
/** The need: a community of 南山区, a point in it, two skills, two hours three days after the clock. */
const POINT = { lat: 22.53, lng: 113.93 };
const WINDOW = { startsAt: '2026-11-25T01:00:00Z', endsAt: '2026-11-25T03:00:00Z' };
let community: string;
let street: string;
let otherStreet: string;
let admin: string;
let streetAdmin: string;
let otherStreetAdmin: string;
let futianAdmin: string;
const v: Record<string, string> = {};
const team: Record<string, string> = {};

const near = { lat: 22.534, lng: 113.93 }; // 0.44 km north of the need's point
const far = { lat: 22.575, lng: 113.93 }; // 5 km north

function ask(cookie: string, body: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/dispatch/suggestions',
    headers: { cookie },
    payload: { regionCode: community, skills: ['急救', '驾驶'], ...WINDOW, ...body },
  });
}

interface Candidate {
  id: string;
  score: number;
  breakdown: Record<
    string,
    { score: number; weight: number; reason: Record<'zh-CN' | 'zh-HK' | 'en', string> }
  >;
}

before(async () => {
  t = await startTestApp();
  const db = t.handle.db;
  const streets = await db
    .selectFrom('regions')
    .select('code')
    .where('parent_code', '=', NANSHAN)
    .orderBy('code')
    .limit(2)
    .execute();
  street = streets[0]!.code;
  otherStreet = streets[1]!.code;
  community = (
    await db
      .selectFrom('regions')
      .select('code')
      .where('parent_code', '=', street)
      .where('level', '=', 5)
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;
  const otherCommunity = (
    await db
      .selectFrom('regions')
      .select('code')
      .where('parent_code', '=', otherStreet)
      .where('level', '=', 5)
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;

  const a = await createUser(t, 'sg.admin', { role: 'region_admin', region: NANSHAN });
  admin = await signIn(t, a);
  streetAdmin = await signIn(t, await createUser(t, 'sg.street', { role: 'region_admin', region: street }));
  otherStreetAdmin = await signIn(
    t,
    await createUser(t, 'sg.other', { role: 'region_admin', region: otherStreet }),
  );
  futianAdmin = await signIn(t, await createUser(t, 'sg.futian', { role: 'region_admin', region: FUTIAN }));

  // Volunteers who may be suggested.
  v.nearBoth = await insertVolunteer(t, {
    name: '近双技',
    region: community,
    skills: ['急救', '驾驶'],
    point: near,
  });
  v.nearBusy = await insertVolunteer(t, { name: '近有班', region: community, skills: ['急救'], point: near });
  v.farBoth = await insertVolunteer(t, {
    name: '远双技',
    region: community,
    skills: ['急救', '驾驶'],
    point: far,
  });
  v.unlocated = await insertVolunteer(t, { name: '未定位', region: community, skills: ['急救', '摄影'] });
  v.otherStreet = await insertVolunteer(t, {
    name: '邻街道',
    region: otherCommunity,
    skills: ['驾驶', '急救'],
  });
  // Never suggested: not verified, closed, no matching skill, another district.
  await insertVolunteer(t, {
    name: '未实名',
    region: community,
    skills: ['急救', '驾驶'],
    point: near,
    verified: false,
  });
  await insertVolunteer(t, {
    name: '已注销',
    region: community,
    skills: ['急救'],
    status: 'closed',
    point: near,
  });
  await insertVolunteer(t, { name: '无技能', region: community, skills: ['厨艺'], point: near });
  await insertVolunteer(t, { name: '福田人', region: '440304001000', skills: ['急救', '驾驶'] });

  // Teams: in the community, of the district and of the city (their areas contain the need).
  team.community = await insertTeam(t, {
    name: '社区义诊队',
    region: community,
    categories: ['health'],
    point: near,
  });
  team.district = await insertTeam(t, {
    name: '南山区医疗志愿服务队',
    region: NANSHAN,
    categories: ['health', 'community'],
  });
  team.city = await insertTeam(t, { name: '深圳市红十字志愿服务队', region: CITY, categories: ['health'] });
  await insertTeam(t, { name: '支教队', region: community, categories: ['education'], point: near });
  await insertTeam(t, { name: '待审核队', region: community, categories: ['health'], status: 'pending' });
  await insertTeam(t, { name: '福田医疗队', region: FUTIAN, categories: ['health'] });

  // The busy volunteer's accepted shift overlaps the window; the district team runs an activity then.
  const shift = { startsAt: '2026-11-25T00:00:00Z', endsAt: '2026-11-25T02:00:00Z' };
  const act = await insertActivity(t, { orgId: team.district, region: NANSHAN, ...shift, createdBy: a.id });
  await insertAccepted(t, { ...act, ...shift }, v.nearBusy);
});
after(() => t?.close());

describe('ranking', () => {
  it('ranks volunteers by skills, distance, availability, load and rating, with the breakdown', async () => {
    const res = await ask(admin, { point: POINT });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { volunteers: Candidate[]; considered: { volunteers: number } };
    const ids = body.volunteers.map((c) => c.id);
    assert.deepEqual(ids, [v.nearBoth, v.farBoth, v.otherStreet, v.unlocated, v.nearBusy]);
    assert.equal(body.considered.volunteers, 5);

    const nearScore = 1 / (1 + distanceKm(POINT, near) / 3);
    const top = body.volunteers[0]!;
    assert.equal(top.breakdown.skills!.score, 1);
    assert.equal(top.breakdown.skills!.weight, 0.35);
    assert.equal(top.breakdown.skills!.reason['zh-CN'], '具备 2/2 项所需技能：急救、驾驶');
    assert.equal(top.breakdown.distance!.score, Math.round(nearScore * 1000) / 1000);
    assert.equal(top.breakdown.distance!.reason['zh-CN'], '距服务地点约 0.4 公里');
    assert.equal(top.breakdown.availability!.score, 1);
    assert.equal(top.breakdown.load!.score, 1);
    assert.equal(top.breakdown.rating!.score, 0.5);
    assert.equal(top.breakdown.rating!.reason['zh-CN'], '暂无评价');
    assert.equal(top.breakdown.rating!.reason.en, 'No ratings yet');
    const expected = 0.35 + 0.25 * nearScore + 0.2 + 0.1 + 0.05;
    assert.equal(top.score, Math.round(expected * 1000) / 1000);

    const busy = body.volunteers.at(-1)!;
    assert.equal(busy.breakdown.skills!.score, 0.5);
    assert.equal(busy.breakdown.availability!.score, 0);
    assert.equal(busy.breakdown.availability!.reason['zh-HK'], '該時段已有已確認的班次');
    // The overlapping shift is still to come: one upcoming commitment, 1 / (1 + 1/2).
    assert.equal(busy.breakdown.load!.score, 0.667);
    assert.equal(busy.breakdown.load!.reason.en, '1 accepted shift to come');

    const unlocated = body.volunteers.find((c) => c.id === v.unlocated)!;
    assert.equal(unlocated.breakdown.distance!.score, 0.8);
    assert.equal(unlocated.breakdown.distance!.reason['zh-CN'], '同一社区（按区域，未定位）');
    const neighbour = body.volunteers.find((c) => c.id === v.otherStreet)!;
    assert.equal(neighbour.breakdown.distance!.score, 0.3);
    assert.equal(neighbour.breakdown.distance!.reason.en, 'Same district (by region, no map point)');
  });

  it('ranks teams by categories, distance, activities at that time and load', async () => {
    const res = await ask(admin, { point: POINT, categories: ['health'] });
    assert.equal(res.statusCode, 200, res.body);
    const teams = (res.json() as { teams: Candidate[] }).teams;
    assert.deepEqual(
      teams.map((c) => c.id),
      [team.community, team.city, team.district],
    );
    const district = teams[2]!;
    assert.equal(district.breakdown.skills!.reason['zh-CN'], '服务 1/1 个所需类别：卫生健康');
    assert.equal(district.breakdown.distance!.score, 0.3);
    assert.equal(district.breakdown.availability!.score, 0.4);
    assert.equal(district.breakdown.availability!.reason['zh-CN'], '该时段已有 1 个活动');
    assert.equal(district.breakdown.load!.score, 0.75);
    assert.equal(district.score, Math.round((0.35 + 0.075 + 0.08 + 0.075 + 0.05) * 1000) / 1000);
    assert.equal(teams[1]!.breakdown.distance!.reason['zh-CN'], '同一城市（按区域，未定位）');
  });

  it('without categories every team of the area counts; without a point distance is by region', async () => {
    const res = await ask(admin, {});
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { teams: Candidate[]; volunteers: Candidate[] };
    assert.equal(body.teams.length, 4);
    for (const c of [...body.teams, ...body.volunteers])
      assert.match(c.breakdown.distance!.reason.en, /by region/);
    // Same community, both skills, free: first; equal scores are ordered by id.
    const firstTwo = body.volunteers.slice(0, 2).map((c) => c.id);
    assert.deepEqual(firstTwo, [v.nearBoth, v.farBoth].sort());
  });

  it('limit cuts both lists', async () => {
    const res = await ask(admin, { point: POINT, limit: 2 });
    const body = res.json() as { teams: Candidate[]; volunteers: Candidate[] };
    assert.equal(body.volunteers.length, 2);
    assert.equal(body.teams.length, 2);
  });

  it('no skills asked: everyone of the area may be suggested', async () => {
    const res = await ask(admin, { point: POINT, skills: [] });
    const vols = (res.json() as { volunteers: Candidate[] }).volunteers;
    assert.equal(vols.length, 6); // the five above and 无技能
    assert.equal(vols[0]!.breakdown.skills!.reason['zh-CN'], '无技能要求');
  });
});

describe('scope', () => {
  it('a street admin sees only their street’s volunteers, teams above them still serve', async () => {
    const res = await ask(streetAdmin, { point: POINT });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { teams: Candidate[]; volunteers: Candidate[] };
    assert.ok(!body.volunteers.some((c) => c.id === v.otherStreet));
    assert.equal(body.volunteers.length, 4);
  });

  it('an admin of another street or district is refused', async () => {
    for (const cookie of [otherStreetAdmin, futianAdmin]) {
      const res = await ask(cookie, { point: POINT });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().error.code, 'OUT_OF_SCOPE');
    }
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, unknown>, number, string][] = [
    [
      'window ends before it starts',
      { startsAt: WINDOW.endsAt, endsAt: WINDOW.startsAt },
      400,
      'SUGGESTION_WINDOW_INVALID',
    ],
    ['window over 31 days', { endsAt: '2027-01-25T03:00:00Z' }, 400, 'SUGGESTION_WINDOW_INVALID'],
    ['no start', { startsAt: undefined }, 400, 'VALIDATION_FAILED'],
    ['latitude out of range', { point: { lat: 100, lng: 113.9 } }, 400, 'VALIDATION_FAILED'],
    ['malformed region', { regionCode: '4403' }, 400, 'VALIDATION_FAILED'],
    ['unknown category', { categories: ['cooking'] }, 400, 'VALIDATION_FAILED'],
    ['limit too large', { limit: 500 }, 400, 'VALIDATION_FAILED'],
    ['unknown field', { assign: true }, 400, 'VALIDATION_FAILED'],
    ['unknown region', { regionCode: '440305999999' }, 404, 'REGION_NOT_FOUND'],
  ];
  for (const [name, body, status, code] of cases)
    it(name, async () => {
      const res = await ask(admin, body);
      assert.equal(res.statusCode, status, res.body);
      assert.equal(res.json().error.code, code);
      assert.ok(res.json().error.message.length > 0);
    });

  it('the message is in the caller’s chosen language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/dispatch/suggestions',
      headers: { cookie: `${admin}; yiqi_locale=zh-HK` },
      payload: { regionCode: community, skills: [], startsAt: WINDOW.endsAt, endsAt: WINDOW.startsAt },
    });
    assert.equal(res.json().error.message, '服務結束時間須晚於開始時間，且時段不超過 31 天');
  });
});

describe('service points', () => {
  it('a volunteer sets their own point, stored to 0.001° (about 100 m), audited without the value', async () => {
    const u = await createUser(t, 'sg.vol');
    const id = await insertVolunteer(t, { name: '设点人', region: community, skills: ['急救'] });
    await t.handle.db.updateTable('volunteers').set({ user_id: u.id }).where('id', '=', id).execute();
    const cookie = await signIn(t, u);
    const put = (point: unknown) =>
      t.app.inject({ method: 'PUT', url: '/api/me/service-point', headers: { cookie }, payload: { point } });
    const res = await put({ lat: 22.5312345, lng: 113.9387654 });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { point: { lat: 22.531, lng: 113.939 } });
    const row = await t.handle.db
      .selectFrom('volunteers')
      .select(['service_lat', 'service_lng'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { service_lat: 22.531, service_lng: 113.939 });
    const audit = (await auditRows(t, 'volunteer.service_point')).at(-1)!;
    assert.equal(audit.object_id, id);
    assert.doesNotMatch(JSON.stringify(audit.details), /22\.5|113\.9/);
    const got = await t.app.inject({ method: 'GET', url: '/api/me/service-point', headers: { cookie } });
    assert.deepEqual(got.json(), { point: { lat: 22.531, lng: 113.939 } });

    assert.equal((await put({ lat: 91, lng: 113 })).statusCode, 400);
    const cleared = await put(null);
    assert.deepEqual(cleared.json(), { point: null });
  });

  it('the database refuses a volunteer point finer than 0.001°', async () => {
    await assert.rejects(
      t.handle.db
        .updateTable('volunteers')
        .set({ service_lat: 22.5312, service_lng: 113.931 })
        .where('id', '=', v.nearBoth!)
        .execute(),
      /volunteers_service_point_coarse/,
    );
  });

  it('a team’s admin sets its point; an admin of another district cannot', async () => {
    const ok = await t.app.inject({
      method: 'PUT',
      url: `/api/organizations/${team.district}/service-point`,
      headers: { cookie: admin },
      payload: { point: { lat: 22.5333, lng: 113.9301 } },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { point: { lat: 22.5333, lng: 113.9301 } });
    const denied = await t.app.inject({
      method: 'PUT',
      url: `/api/organizations/${team.district}/service-point`,
      headers: { cookie: futianAdmin },
      payload: { point: null },
    });
    assert.equal(denied.statusCode, 404);
    // Located now: ranked by kilometres from the need's point.
    const res = await ask(admin, { point: POINT, categories: ['health'] });
    const district = (res.json() as { teams: Candidate[] }).teams.find((c) => c.id === team.district)!;
    assert.match(district.breakdown.distance!.reason.en, /km away/);
  });
});
