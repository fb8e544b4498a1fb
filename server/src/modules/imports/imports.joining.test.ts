import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { insertOrganization } from '../memberships/memberships.testkit.ts';
import { registerVolunteer } from '../volunteers/volunteers.testkit.ts';
import { idFor, importFile, upload, VOLUNTEER_HEADER, volunteerRow, xlsx } from './imports.testkit.ts';

/**
 * A volunteer import registers people on the organization's behalf and makes them members of it: the
 * people it creates, and the rows naming people already registered, in the import's one commit.
 */

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';

let t: TestApp;
let team: string;
let other: string;
let admin: string;
let otherAdmin: string;
let futianAdmin: string;
before(async () => {
  t = await startTestApp();
  team = await insertOrganization(t, '南山导入成员队', NANSHAN);
  other = await insertOrganization(t, '南山另一队', NANSHAN);
  admin = await signIn(t, await createUser(t, 'ij.a', { role: 'org_admin', orgId: team }));
  otherAdmin = await signIn(t, await createUser(t, 'ij.b', { role: 'org_admin', orgId: other }));
  futianAdmin = await signIn(t, await createUser(t, 'ij.ft', { role: 'region_admin', region: FUTIAN }));
});
after(() => t.close());

interface Member {
  volunteerNo: string;
  name: string;
  role: string;
  status: string;
  source: string;
}
async function members(orgId: string, cookie = admin): Promise<Member[]> {
  const res = await t.app.inject({
    url: `/api/organizations/${orgId}/members?pageSize=200`,
    headers: { cookie },
  });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as Member[]).sort((a, b) => a.name.localeCompare(b.name));
}

test('everyone a volunteer import names becomes an active member of the team, once', async () => {
  // Registered on their own, and named by the file: not registered twice, but added to the team.
  const self = await registerVolunteer(t, { docNumber: idFor(700), name: '自己注册' });
  // Already applied to the team: the application is left for the team to decide.
  const applied = await registerVolunteer(t, { docNumber: idFor(701), name: '已申请' });
  await t.handle.db
    .insertInto('memberships')
    .values({ org_id: team, volunteer_id: applied.volunteer.id, status: 'applied' })
    .execute();
  const file = await xlsx(VOLUNTEER_HEADER, [
    ...[1, 2, 3, 4, 5].map((n) => volunteerRow(n, { 0: `导入${n}` })),
    volunteerRow(700, { 0: '自己注册' }),
    volunteerRow(701, { 0: '已申请' }),
  ]);
  assert.deepEqual(
    (await members(team)).filter((m) => m.status === 'active'),
    [],
  );

  const job = await importFile(t, admin, 'volunteers', team, file);
  assert.equal(job.status, 'done', JSON.stringify(job.errors));
  assert.deepEqual([job.created, job.skipped], [5, 2]);
  const list = await members(team);
  assert.deepEqual(
    list.map((m) => [m.name, m.role, m.status, m.source]),
    [
      ['导入1', 'member', 'active', 'import'],
      ['导入2', 'member', 'active', 'import'],
      ['导入3', 'member', 'active', 'import'],
      ['导入4', 'member', 'active', 'import'],
      ['导入5', 'member', 'active', 'import'],
      ['已申请', 'member', 'applied', 'web'],
      ['自己注册', 'member', 'active', 'import'],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
  );
  assert.ok(list.some((m) => m.volunteerNo === self.volunteer.volunteerNo));
  const active = await t.app.inject({
    url: `/api/organizations/${team}/members?status=active`,
    headers: { cookie: admin },
  });
  assert.equal(active.json().total, 6);

  // The same file again: nobody is registered or added twice.
  const again = await importFile(t, admin, 'volunteers', team, file);
  assert.deepEqual([again.status, again.created, again.skipped], ['done', 0, 7]);
  assert.deepEqual(await members(team), list);

  // Another organization importing the same people makes them its members too, and only its own.
  const theirs = await importFile(t, otherAdmin, 'volunteers', other, file);
  assert.deepEqual([theirs.status, theirs.created, theirs.skipped], ['done', 0, 7]);
  assert.equal((await members(other, otherAdmin)).filter((m) => m.status === 'active').length, 7);
  assert.deepEqual(await members(team), list);
});

test('a closed record named by the file is not made a member', async () => {
  const closed = (await registerVolunteer(t, { docNumber: idFor(710) })).volunteer;
  await t.handle.db.updateTable('volunteers').set({ status: 'closed' }).where('id', '=', closed.id).execute();
  const job = await importFile(
    t,
    admin,
    'volunteers',
    team,
    await xlsx(VOLUNTEER_HEADER, [volunteerRow(710)]),
  );
  assert.deepEqual([job.status, job.created, job.skipped], ['done', 0, 1]);
  assert.ok(!(await members(team)).some((m) => m.volunteerNo === closed.volunteerNo));
});

test('an import for an organization the caller does not administer is refused and adds nobody', async () => {
  const before = await members(team);
  const file = await xlsx(VOLUNTEER_HEADER, [volunteerRow(720), volunteerRow(721)]);
  for (const cookie of [otherAdmin, futianAdmin]) {
    const res = await upload(t, cookie, 'volunteers', team, file);
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().error.code, 'OUT_OF_SCOPE');
  }
  assert.deepEqual(await members(team), before);
  const registered = await t.handle.db
    .selectFrom('volunteers')
    .select('id')
    .where('name', 'in', ['测试720', '测试721'])
    .execute();
  assert.deepEqual(registered, []);
});
