import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { distanceM } from '@yiqi/shared/geo/coords';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { api, createActivity, createOrganizer, NANSHAN } from '../activities/activities.testkit.ts';
import { insertStation, stationBody } from './stations.testkit.ts';

/** Stations (阵地): admin CRUD within the region subtree, public detail and list, the nearby search. */

let t: TestApp;
let admin: string; // Nanshan region admin
let streetAdmin: string; // admin of Nanshan's first street
let streets: string[];

before(async () => {
  t = await startTestApp();
  streets = (
    await t.handle.db
      .selectFrom('regions')
      .select('code')
      .where('parent_code', '=', NANSHAN)
      .orderBy('code')
      .limit(3)
      .execute()
  ).map((r) => r.code);
  admin = await signIn(t, await createUser(t, 'st.admin', { role: 'region_admin', region: NANSHAN }));
  streetAdmin = await signIn(
    t,
    await createUser(t, 'st.street', { role: 'region_admin', region: streets[0]! }),
  );
});
after(() => t.close());

const count = async () =>
  Number(
    (
      await t.handle.db
        .selectFrom('stations')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('station administration', () => {
  it('a region admin adds a station with linked activities; the public sees it with its service line', async () => {
    const org = await createOrganizer(t);
    const { activityId } = await createActivity(t, org);
    const draft = await createActivity(t, org, { publish: false });
    const res = await api(
      t,
      admin,
      'POST',
      '/api/stations',
      stationBody(streets[0]!, { activityIds: [activityId, draft.activityId] }),
    );
    assert.equal(res.statusCode, 200, res.body);
    const id = res.json().id;
    const pub = await api(t, undefined, 'GET', `/api/stations/${id}`);
    assert.equal(pub.statusCode, 200);
    const s = pub.json();
    assert.equal(s.phone, '0755-26601234', 'a public service line is shown in full');
    assert.equal(s.regionCode, streets[0]);
    assert.ok(s.regionName);
    assert.deepEqual(s.services, ['理论宣讲', '便民服务']);
    assert.deepEqual(
      s.activities.map((a: { id: string }) => a.id),
      [activityId],
      'the public sees published activities only',
    );
    const manage = await api(t, admin, 'GET', `/api/stations/${id}/manage`);
    assert.equal(manage.json().activities.length, 2, 'its admins see every link');
    const audit = await auditRows(t, 'station.create');
    assert.equal(audit.at(-1)?.object_id, id);
  });

  it('refuses a personal mobile number as the phone, and accepts landlines and hotlines', async () => {
    const before = await count();
    for (const phone of ['13800138000', '+86 138-0013-8000', '１３８００１３８０００']) {
      const res = await api(t, admin, 'POST', '/api/stations', stationBody(NANSHAN, { phone }));
      assert.equal(res.statusCode, 400, phone);
      assert.equal(res.json().error.code, 'STATION_PHONE_NOT_PUBLIC');
    }
    const junk = await api(t, admin, 'POST', '/api/stations', stationBody(NANSHAN, { phone: 'call us' }));
    assert.equal(junk.json().error.code, 'STATION_PHONE_NOT_PUBLIC');
    assert.equal(await count(), before, 'nothing stored');
    for (const phone of [
      '0755-26601234',
      '075526601234',
      '0755-2660123-801',
      '12345',
      '400-123-4567',
      null,
    ]) {
      const res = await api(t, admin, 'POST', '/api/stations', stationBody(NANSHAN, { phone }));
      assert.equal(res.statusCode, 200, `${phone}: ${res.body}`);
    }
  });

  it('bad input answers a clear 4xx and stores nothing', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ region: '440300000000' }, 403, 'OUT_OF_SCOPE'], // the city is above the admin's scope
      [{ lat: 91 }, 400, 'VALIDATION'],
      [{ kind: 'palace' }, 400, 'VALIDATION'],
      [{ name: '' }, 400, 'VALIDATION'],
      [{ services: Array(21).fill('x') }, 400, 'VALIDATION'],
      [{ activityIds: ['00000000-0000-4000-8000-000000000000'] }, 422, 'STATION_ACTIVITY_UNKNOWN'],
    ];
    for (const [over, status, code] of cases) {
      const res = await api(t, admin, 'POST', '/api/stations', stationBody(NANSHAN, over));
      assert.equal(res.statusCode, status, `${JSON.stringify(over)}: ${res.body}`);
      if (code !== 'VALIDATION') assert.equal(res.json().error.code, code);
    }
    const city = await createUser(t, 'st.city', { role: 'region_admin', region: '440300000000' });
    const cityAdmin = await signIn(t, city);
    const level = await api(t, cityAdmin, 'POST', '/api/stations', stationBody('440300000000'));
    assert.equal(level.statusCode, 400);
    assert.equal(level.json().error.code, 'STATION_REGION_LEVEL');
    assert.equal(await count(), before);
  });

  it('an activity of another district cannot be linked', async () => {
    const other = await createOrganizer(t, '440304000000');
    const { activityId } = await createActivity(t, other, { body: { regionCode: '440304000000' } });
    const res = await api(
      t,
      admin,
      'POST',
      '/api/stations',
      stationBody(NANSHAN, { activityIds: [activityId] }),
    );
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().error.code, 'STATION_ACTIVITY_UNKNOWN');
  });

  it('a street admin edits only stations of their street, and cannot move one out of it', async () => {
    const mine = await insertStation(t, { region: streets[0]! });
    const theirs = await insertStation(t, { region: streets[1]! });
    const edit = await api(
      t,
      streetAdmin,
      'PUT',
      `/api/stations/${mine}`,
      stationBody(streets[0]!, { name: '新名字文明实践站' }),
    );
    assert.equal(edit.statusCode, 200, edit.body);
    const other = await api(t, streetAdmin, 'PUT', `/api/stations/${theirs}`, stationBody(streets[1]!));
    assert.equal(other.statusCode, 404);
    assert.equal(other.json().error.code, 'STATION_NOT_FOUND');
    const del = await api(t, streetAdmin, 'DELETE', `/api/stations/${theirs}`);
    assert.equal(del.statusCode, 404);
    const move = await api(t, streetAdmin, 'PUT', `/api/stations/${mine}`, stationBody(streets[1]!));
    assert.equal(move.statusCode, 403);
    assert.equal(move.json().error.code, 'OUT_OF_SCOPE');
    const after = (await api(t, undefined, 'GET', `/api/stations/${mine}`)).json();
    assert.equal(after.regionCode, streets[0], 'not moved');
    assert.equal(after.name, '新名字文明实践站');
    // The district admin above both may move it.
    const up = await api(t, admin, 'PUT', `/api/stations/${mine}`, stationBody(streets[1]!));
    assert.equal(up.statusCode, 200, up.body);
  });

  it('removing a station keeps its facts in the audit row; it is gone for the public', async () => {
    const id = await insertStation(t, { name: '待撤销服务点', kind: 'service_point' });
    const del = await api(t, admin, 'DELETE', `/api/stations/${id}`);
    assert.equal(del.statusCode, 200, del.body);
    assert.equal((await api(t, undefined, 'GET', `/api/stations/${id}`)).statusCode, 404);
    const row = (await auditRows(t, 'station.delete')).at(-1)!;
    assert.equal((row.details as { station: { name: string } }).station.name, '待撤销服务点');
    assert.equal((await api(t, admin, 'DELETE', `/api/stations/${id}`)).statusCode, 404);
  });
});

describe('public list and the nearby search', () => {
  // A point in Shekou and stations placed at known offsets from it (1° lat ≈ 111.2 km).
  const here = { lat: 22.4869, lng: 113.9108 };
  const north = (m: number) => ({ lat: here.lat + m / 111_195, lng: here.lng });
  const east = (m: number) => ({
    lat: here.lat,
    lng: here.lng + m / (111_195 * Math.cos((here.lat * Math.PI) / 180)),
  });
  const ids: Record<string, string> = {};

  before(async () => {
    const at = {
      n500: north(500),
      e700: east(700),
      n990: north(990),
      n1100: north(1100),
      // Inside the bounding box of a 1 km circle but outside the circle: 0.9 km north and 0.9 km east.
      corner: { lat: north(900).lat, lng: east(900).lng },
      far: north(5000),
    };
    for (const [name, p] of Object.entries(at))
      ids[name] = await insertStation(t, {
        name: `附近-${name}`,
        region: streets[2]!,
        kind: name === 'e700' ? 'u_station' : 'station',
        ...p,
      });
  });

  it('answers the stations within the radius, nearest first, with exact distances and walking minutes', async () => {
    const res = await api(t, undefined, 'GET', `/api/stations/nearby?lat=${here.lat}&lng=${here.lng}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.radius, 1000, 'the 10-minute circle by default');
    const got = body.items.filter((s: { name: string }) => s.name.startsWith('附近-'));
    assert.deepEqual(
      got.map((s: { name: string }) => s.name),
      ['附近-n500', '附近-e700', '附近-n990'],
    );
    for (const s of got) {
      const exact = distanceM(here, { lat: s.lat, lng: s.lng });
      assert.ok(Math.abs(s.distanceM - exact) <= 1, `${s.name}: ${s.distanceM} vs ${exact}`);
      assert.equal(s.walkMinutes, Math.ceil(s.distanceM / 80));
    }
    const wide = (
      await api(t, undefined, 'GET', `/api/stations/nearby?lat=${here.lat}&lng=${here.lng}&radius=2000`)
    ).json();
    const names = wide.items
      .map((s: { name: string }) => s.name)
      .filter((n: string) => n.startsWith('附近-'));
    assert.deepEqual(names, ['附近-n500', '附近-e700', '附近-n990', '附近-n1100', '附近-corner']);
    const kind = (
      await api(t, undefined, 'GET', `/api/stations/nearby?lat=${here.lat}&lng=${here.lng}&kind=u_station`)
    ).json();
    assert.deepEqual(
      kind.items.map((s: { name: string }) => s.name),
      ['附近-e700'],
    );
    const limited = (
      await api(
        t,
        undefined,
        'GET',
        `/api/stations/nearby?lat=${here.lat}&lng=${here.lng}&radius=2000&limit=2`,
      )
    ).json();
    assert.equal(limited.items.length, 2);
  });

  it('refuses a point or radius out of range with 400', async () => {
    for (const q of [
      'lat=91&lng=113',
      'lat=22&lng=181',
      'lat=22&lng=113&radius=10',
      'lat=22&lng=113&radius=50000',
      'lng=113',
      'lat=x&lng=113',
    ])
      assert.equal((await api(t, undefined, 'GET', `/api/stations/nearby?${q}`)).statusCode, 400, q);
  });

  it('lists by region subtree, kind and keyword, one page at a time', async () => {
    const street = (await api(t, undefined, 'GET', `/api/stations?region=${streets[2]}&pageSize=3`)).json();
    assert.equal(street.total, 6);
    assert.equal(street.items.length, 3);
    const page2 = (
      await api(t, undefined, 'GET', `/api/stations?region=${streets[2]}&pageSize=3&page=2`)
    ).json();
    assert.equal(new Set([...street.items, ...page2.items].map((s: { id: string }) => s.id)).size, 6);
    const kw = (await api(t, undefined, 'GET', `/api/stations?q=${encodeURIComponent('附近-n5')}`)).json();
    assert.deepEqual(
      kw.items.map((s: { id: string }) => s.id),
      [ids.n500],
    );
    const pct = (await api(t, undefined, 'GET', `/api/stations?q=${encodeURIComponent('%')}`)).json();
    assert.equal(pct.total, 0, 'a typed % is a literal');
    assert.equal((await api(t, undefined, 'GET', '/api/stations?region=449999000000')).statusCode, 404);
  });
});
