import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { createVolunteer, insertOrganization } from '../memberships/memberships.testkit.ts';
import { signIn } from '../../test/harness.ts';

/** 找组织: the public directory of approved teams, so joining does not need a link from an admin. */

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';
const tag = `目录${process.pid}`;
let t: TestApp;
let river: string;

before(async () => {
  t = await startTestApp();
  river = await insertOrganization(t, `${tag}蓝色河流队`, NANSHAN);
  await insertOrganization(t, `${tag}福田义工队`, FUTIAN);
  await insertOrganization(t, `${tag}待审队`, NANSHAN, { status: 'pending' });
  await insertOrganization(t, `${tag}蓝色河流分队`, '440305005000', { parentId: river });
  await t.handle.db
    .updateTable('organizations')
    .set({ categories: ['environment'], contact_name: '不应出现', address: '不应出现的地址' })
    .where('id', '=', river)
    .execute();
});
after(() => t.close());

const search = (query: string) => t.app.inject({ url: `/api/directory/organizations?${query}` });
const names = (res: { json: () => { items: { name: string }[] } }) => res.json().items.map((o) => o.name);

describe('team directory', () => {
  test('anyone finds approved teams by name; pending ones and contacts stay out', async () => {
    const res = await search(`q=${encodeURIComponent(tag)}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      names(res).sort(),
      [`${tag}福田义工队`, `${tag}蓝色河流分队`, `${tag}蓝色河流队`].sort(),
    );
    assert.doesNotMatch(res.body, /不应出现/);
    const sub = res.json().items.find((o: { name: string }) => o.name.endsWith('分队'));
    assert.equal(sub.parentName, `${tag}蓝色河流队`);
    assert.equal(sub.regionCode, '440305005000');
  });

  test('by area (a district includes its streets), category and type; paginated', async () => {
    const q = `q=${encodeURIComponent(tag)}`;
    assert.deepEqual(names(await search(`${q}&region=${FUTIAN}`)), [`${tag}福田义工队`]);
    assert.equal((await search(`${q}&region=${NANSHAN}`)).json().total, 2);
    assert.deepEqual(names(await search(`${q}&category=environment`)), [`${tag}蓝色河流队`]);
    const first = (await search(`${q}&pageSize=2&page=1`)).json();
    const second = (await search(`${q}&pageSize=2&page=2`)).json();
    assert.equal(first.total, 3);
    assert.equal(first.items.length + second.items.length, 3);
  });

  test('members count, and a team with more active members comes first', async () => {
    const v = await createVolunteer(t, 'dir.v');
    const cookie = await signIn(t, v.user);
    const joined = await t.app.inject({
      method: 'POST',
      url: `/api/organizations/${river}/join`,
      headers: { cookie },
    });
    assert.equal(joined.statusCode, 200, joined.body);
    await t.handle.db
      .updateTable('memberships')
      .set({ status: 'active' })
      .where('org_id', '=', river)
      .execute();
    const items = (await search(`q=${encodeURIComponent(tag)}`)).json().items;
    assert.equal(items[0].id, river);
    assert.equal(items[0].activeMembers, 1);
  });

  test('bad input: 4xx with a clear message', async () => {
    const unknown = await search('region=449999999999');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'REGION_NOT_FOUND');
    assert.equal((await search('region=abc')).statusCode, 400);
    assert.equal((await search(`q=${'长'.repeat(61)}`)).statusCode, 400);
    assert.equal((await search('pageSize=500')).statusCode, 400);
    assert.equal((await search('secret=1')).statusCode, 400);
  });
});
