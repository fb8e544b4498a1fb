import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';
import {
  idFor,
  importFile,
  MEMBER_HEADER,
  titledXlsx,
  VOLUNTEER_HEADER,
  volunteerRow,
  xlsx,
} from './imports.testkit.ts';

const NANSHAN = '440305000000';

let t: TestApp;
let team: string;
let admin: string;
let adminId: string;
let byNo: { id: string; volunteerNo: string }[];
const docNumber = idFor(9000);
before(async () => {
  t = await startTestApp();
  team = await insertOrganization(t, '南山成员队', NANSHAN);
  const user = await createUser(t, 'im.a', { role: 'org_admin', orgId: team });
  adminId = user.id;
  admin = await signIn(t, user);
  byNo = [];
  for (let i = 0; i < 4; i++) byNo.push(await addVolunteerRecord(t, null));
  // One person registered by another team's import (which made them its member, not this team's), found
  // by document in the member list.
  const elsewhere = await insertOrganization(t, '南山另一队', NANSHAN);
  const registered = await importFile(
    t,
    await signIn(t, await createUser(t, 'im.b', { role: 'org_admin', orgId: elsewhere })),
    'volunteers',
    elsewhere,
    await xlsx(VOLUNTEER_HEADER, [volunteerRow(1, { 2: docNumber })]),
  );
  assert.equal(registered.status, 'done');
});
after(() => t.close());

const memberships = () =>
  t.handle.db
    .selectFrom('memberships as m')
    .innerJoin('volunteers as v', 'v.id', 'm.volunteer_id')
    .select(['v.volunteer_no', 'v.doc_type', 'm.role', 'm.status', 'm.source', 'm.decided_by'])
    .where('m.org_id', '=', team)
    .orderBy('v.volunteer_no')
    .execute();

test('a member list makes active members with their roles; open memberships are left as they are', async () => {
  await t.handle.db
    .insertInto('memberships')
    .values({ org_id: team, volunteer_id: byNo[3]!.id, status: 'applied' })
    .execute();
  const file = await xlsx(MEMBER_HEADER, [
    [byNo[0]!.volunteerNo, '', '', '骨干'],
    [byNo[1]!.volunteerNo, '', '', ''],
    ['', '身份证', docNumber, 'admin'],
    [byNo[3]!.volunteerNo, '', '', '成员'],
  ]);
  const auditBefore = (await auditRows(t)).length;
  const job = await importFile(t, admin, 'members', team, file);
  assert.equal(job.status, 'done', JSON.stringify(job.errors));
  assert.deepEqual([job.totalRows, job.created, job.skipped], [4, 3, 1]);
  const rows = await memberships();
  const active = rows.filter((r) => r.source === 'import');
  assert.deepEqual(active.map((r) => [r.role, r.status, r.decided_by]).sort(), [
    ['admin', 'active', adminId],
    ['leader', 'active', adminId],
    ['member', 'active', adminId],
  ]);
  assert.ok(rows.some((r) => r.volunteer_no === byNo[3]!.volunteerNo && r.status === 'applied'));
  const audit = (await auditRows(t)).slice(auditBefore).map((a) => a.action);
  assert.deepEqual(audit, ['import.upload', 'import.commit']);

  const again = await importFile(t, admin, 'members', team, file);
  assert.deepEqual([again.status, again.created, again.skipped], ['done', 0, 4]);
  assert.equal((await memberships()).length, rows.length);
});

test('unknown people, the same person twice, a bad role: reported, nothing written', async () => {
  const closed = await addVolunteerRecord(t, null, { status: 'closed' });
  const before = (await memberships()).length;
  const file = await xlsx(MEMBER_HEADER, [
    ['44030500000000', '', '', ''], // 2: no such number
    [closed.volunteerNo, '', '', ''], // 3: closed record
    [byNo[2]!.volunteerNo, '', '', '队长'], // 4: fine (队长 is a leader)
    ['', '居民身份证', docNumber, '成员'], // 5: already a member: skipped, not an error
    [byNo[2]!.volunteerNo, '', '', '成员'], // 6: same as row 4
    ['', '', '', '成员'], // 7: nobody named
    ['', '身份证', idFor(9001), ''], // 8: a valid number nobody registered with
    ['', '护照', 'E!', ''], // 9: not a passport number
    [byNo[1]!.volunteerNo, '', '', '志愿者'], // 10: no such role
  ]);
  const job = await importFile(t, admin, 'members', team, file);
  assert.equal(job.status, 'invalid');
  assert.deepEqual(
    job.errors.map((e) => [e.row, e.column, e.code]).sort((a, b) => Number(a[0]) - Number(b[0])),
    [
      [2, 'volunteerNo', 'MEMBER_VOLUNTEER_NOT_FOUND'],
      [3, 'volunteerNo', 'MEMBER_VOLUNTEER_NOT_FOUND'],
      [6, 'volunteerNo', 'IMPORT_DUPLICATE_IN_FILE'],
      [7, 'volunteerNo', 'IMPORT_CELL_REQUIRED'],
      [8, 'docNumber', 'MEMBER_VOLUNTEER_NOT_FOUND'],
      [9, 'docNumber', 'DOCUMENT_FORMAT'],
      [10, 'role', 'IMPORT_CELL_INVALID'],
    ],
  );
  assert.equal((await memberships()).length, before);
});

test('a member list needs a number column, or document type and number columns', async () => {
  const job = await importFile(
    t,
    admin,
    'members',
    team,
    await xlsx(['队内角色', '证件号码'], [['成员', 'x']]),
  );
  assert.deepEqual(
    job.errors.map((e) => [e.row, e.column, e.code]),
    [[1, 'volunteerNo', 'IMPORT_COLUMN_MISSING']],
  );
});

test('a member list under a merged title: the header row is found and errors name the sheet rows', async () => {
  const file = (role: string) =>
    titledXlsx('XX社区志愿服务队成员名单', MEMBER_HEADER, [
      [byNo[0]!.volunteerNo, '', '', '成员'],
      [byNo[1]!.volunteerNo, '', '', role],
    ]);
  const bad = await importFile(t, admin, 'members', team, await file('志愿者'));
  assert.deepEqual([bad.status, bad.headerRow], ['invalid', 2]);
  assert.deepEqual(
    bad.errors.map((e) => [e.row, e.column, e.code]),
    [[4, 'role', 'IMPORT_CELL_INVALID']],
  );
  const ok = await importFile(t, admin, 'members', team, await file('骨干'));
  assert.deepEqual([ok.status, ok.headerRow, ok.totalRows], ['done', 2, 2]);
});
