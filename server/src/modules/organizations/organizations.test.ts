import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { insertOrganization, makeUscc, registration } from '../memberships/memberships.testkit.ts';

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';
const VALID_USCC = '91350100M000100Y43';

let t: TestApp;
let applicant: string;
let applicantId: string;
let nsAdmin: string;
let ftAdmin: string;
let szAdmin: string;
before(async () => {
  t = await startTestApp();
  const a = await createUser(t, 'o.applicant', { totp: true });
  applicantId = a.id;
  applicant = await signIn(t, a);
  nsAdmin = await signIn(t, await createUser(t, 'o.ns', { role: 'region_admin', region: NANSHAN }));
  ftAdmin = await signIn(t, await createUser(t, 'o.ft', { role: 'region_admin', region: FUTIAN }));
  szAdmin = await signIn(t, await createUser(t, 'o.sz', { role: 'region_admin', region: '440300000000' }));
});
after(() => t.close());

const register = (cookie: string, body: object, lang = 'zh-CN') =>
  t.app.inject({
    method: 'POST',
    url: '/api/organizations',
    // A signed-in user's stored language wins over Accept-Language; the locale cookie wins over both.
    headers: { cookie: `${cookie}; yiqi_locale=${lang}` },
    payload: body,
  });
const review = (cookie: string, id: string, body: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/organizations/${id}/review`,
    headers: { cookie },
    payload: body,
  });
const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });

describe('registration', () => {
  test('a registered organization with a valid USCC waits for review; the phone is stored encrypted', async () => {
    const res = await register(
      applicant,
      registration({ orgType: 'social_group', uscc: VALID_USCC, hostUnit: undefined, levelBody: true }),
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'pending');
    const row = await t.handle.db
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    assert.equal(row.uscc, VALID_USCC);
    assert.equal(row.created_by, applicantId);
    assert.equal(row.level_body, true);
    assert.ok(row.contact_phone_enc?.startsWith('v2:'));
    assert.ok(!row.contact_phone_enc?.includes('13800138000'));
    const audit = (await auditRows(t, 'organization.register')).at(-1)!;
    assert.equal(audit.object_id, row.id);
    assert.equal(audit.region_code, NANSHAN);
    assert.ok(!JSON.stringify(audit.details).includes('13800138000'));
  });

  test('USCC checksum: wrong check character, wrong length and forbidden letters are refused', async () => {
    for (const uscc of [
      '91350100M000100Y44',
      '91350100M000100Y4',
      'I1350100M000100Y43',
      '9135010OM000100Y4X',
    ]) {
      const res = await register(applicant, registration({ orgType: 'foundation', uscc }));
      assert.equal(res.statusCode, 400, uscc);
      assert.equal(res.json().error.code, 'USCC_INVALID');
    }
  });

  test('errors explain themselves in all three languages', async () => {
    const body = registration({ orgType: 'foundation', uscc: '91350100M000100Y44' });
    const cn = (await register(applicant, body, 'zh-CN')).json().error.message;
    const hk = (await register(applicant, body, 'zh-HK')).json().error.message;
    const en = (await register(applicant, body, 'en')).json().error.message;
    assert.match(cn, /统一社会信用代码/);
    assert.match(hk, /統一社會信用代碼/);
    assert.match(en, /unified social credit code/);
  });

  test('registered types need a USCC; unregistered teams must not have one and name a host unit', async () => {
    const cases: [object, string][] = [
      [registration({ orgType: 'social_group', hostUnit: undefined }), 'USCC_REQUIRED'],
      [registration({ orgType: 'social_service_institution', uscc: '  ' }), 'USCC_REQUIRED'],
      [registration({ orgType: 'unregistered_team', uscc: makeUscc(1) }), 'USCC_NOT_ALLOWED'],
      [registration({ orgType: 'unregistered_team', hostUnit: undefined }), 'HOST_UNIT_REQUIRED'],
    ];
    for (const [body, code] of cases) {
      const res = await register(applicant, body);
      assert.equal(res.statusCode, 400, code);
      assert.equal(res.json().error.code, code);
    }
    assert.equal((await register(applicant, registration())).statusCode, 200);
    assert.equal((await register(applicant, registration({ orgType: 'other' }))).statusCode, 200);
  });

  test('an unregistered team may give its host unit’s USCC (checked); nobody else gives one', async () => {
    const team = (over: object) => registration({ orgType: 'unregistered_team', ...over });
    const bad = await register(applicant, team({ hostUnitUscc: '91350100M000100Y44' }));
    assert.equal(bad.json().error.code, 'USCC_INVALID');
    const notTeam = await register(applicant, registration({ orgType: 'other', hostUnitUscc: makeUscc(7) }));
    assert.equal(notTeam.json().error.code, 'USCC_NOT_ALLOWED');
    const ok = await register(applicant, team({ hostUnitUscc: makeUscc(8).toLowerCase() }));
    assert.equal(ok.statusCode, 200, ok.body);
    const row = await t.handle.db
      .selectFrom('organizations')
      .select('host_unit_uscc')
      .where('id', '=', ok.json().id)
      .executeTakeFirstOrThrow();
    assert.equal(row.host_unit_uscc, makeUscc(8));
  });

  test('one organization per USCC, whatever its letter case', async () => {
    const uscc = makeUscc(2);
    assert.equal((await register(applicant, registration({ orgType: 'foundation', uscc }))).statusCode, 200);
    const dup = await register(applicant, registration({ orgType: 'foundation', uscc: uscc.toLowerCase() }));
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'USCC_TAKEN');
  });

  test('unknown regions, unknown categories and anonymous callers are refused', async () => {
    const region = await register(applicant, registration({ regionCode: '449999999999' }));
    assert.equal(region.json().error.code, 'REGION_NOT_FOUND');
    const cat = await register(applicant, registration({ categories: ['knitting'] }));
    assert.equal(cat.json().error.code, 'VALIDATION_FAILED');
    const anon = await t.app.inject({ method: 'POST', url: '/api/organizations', payload: registration() });
    assert.equal(anon.statusCode, 401);
  });
});

describe('review', () => {
  test('the queue shows pending registrations within the admin’s subtree only', async () => {
    const id = (await register(applicant, registration({ name: '南山排队测试队' }))).json().id;
    const ns = (await get(nsAdmin, '/api/organizations/review-queue')).json();
    assert.ok(ns.items.some((o: { id: string }) => o.id === id));
    assert.ok(ns.items.every((o: { status: string; regionCode: string }) => o.status === 'pending'));
    assert.ok(ns.items.every((o: { regionCode: string }) => o.regionCode.startsWith('440305')));
    const sz = (await get(szAdmin, `/api/organizations/review-queue?region=${NANSHAN}`)).json();
    assert.ok(sz.items.some((o: { id: string }) => o.id === id));
    const ft = (await get(ftAdmin, '/api/organizations/review-queue')).json();
    assert.ok(!ft.items.some((o: { id: string }) => o.id === id));
    const ftAsk = await get(ftAdmin, `/api/organizations/review-queue?region=${NANSHAN}`);
    assert.equal(ftAsk.statusCode, 403);
    assert.equal(ftAsk.json().error.code, 'OUT_OF_SCOPE');
  });

  test('approval end to end: the registrant becomes org admin, granted by the approver', async () => {
    const id = (await register(applicant, registration({ name: '审核通过测试队' }))).json().id;
    assert.equal((await get(applicant, `/api/organizations/${id}`)).statusCode, 403);
    const other = await review(ftAdmin, id, { decision: 'approve' });
    assert.equal(other.json().error.code, 'NOT_FOUND');
    const ok = await review(szAdmin, id, { decision: 'approve' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'approved');
    const me = (await get(applicant, '/api/me')).json();
    const grant = me.roles.find((r: { scopeId: string }) => r.scopeId === id);
    assert.equal(grant.role, 'org_admin');
    const row = await t.handle.db
      .selectFrom('role_grants as g')
      .innerJoin('users as u', 'u.id', 'g.granted_by')
      .select(['u.username'])
      .where('g.org_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.username, 'o.sz');
    const view = await get(applicant, `/api/organizations/${id}`);
    assert.equal(view.statusCode, 200);
    assert.equal(view.json().status, 'approved');
    assert.equal(view.json().contactPhone, '138****8000');
    const audit = (await auditRows(t, 'organization.review')).filter((r) => r.object_id === id);
    assert.deepEqual(
      audit.map((r) => [r.result, r.details.decision]),
      [['ok', 'approve']],
    );
    assert.ok((await auditRows(t, 'role.grant')).some((r) => r.details.via === 'organization.review'));
    const again = await review(nsAdmin, id, { decision: 'reject', reason: '重复' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'ORG_NOT_PENDING');
  });

  test('two reviewers deciding at once: one decision wins, one org admin grant', async () => {
    const id = (await register(applicant, registration({ name: '并发审核测试队' }))).json().id;
    const [a, b] = await Promise.all([
      review(nsAdmin, id, { decision: 'approve' }),
      review(szAdmin, id, { decision: 'reject', reason: '重复' }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
    const grants = await t.handle.db
      .selectFrom('role_grants')
      .select('id')
      .where('org_id', '=', id)
      .execute();
    assert.equal(grants.length, a.statusCode === 200 ? 1 : 0);
  });

  test('a rejection needs a reason, tells it to the registrant, and frees the USCC', async () => {
    const uscc = makeUscc(3);
    const id = (await register(applicant, registration({ orgType: 'social_group', uscc }))).json().id;
    const bare = await review(nsAdmin, id, { decision: 'reject', reason: '  ' });
    assert.equal(bare.json().error.code, 'REVIEW_REASON_REQUIRED');
    assert.equal((await review(nsAdmin, id, { decision: 'reject', reason: '地址不详' })).statusCode, 200);
    const view = (await get(nsAdmin, `/api/organizations/${id}`)).json();
    assert.equal(view.status, 'rejected');
    assert.equal(view.reviewReason, '地址不详');
    const mine = (await get(applicant, '/api/me/organizations')).json().items;
    const own = mine.find((o: { id: string }) => o.id === id);
    assert.deepEqual([own.status, own.reviewReason], ['rejected', '地址不详']);
    const me = (await get(applicant, '/api/me')).json();
    assert.ok(!me.roles.some((r: { scopeId: string }) => r.scopeId === id));
    const again = await register(applicant, registration({ orgType: 'social_group', uscc }));
    assert.equal(again.statusCode, 200);
  });

  test('nobody reviews their own registration; org admins do not review at all', async () => {
    const id = (await register(nsAdmin, registration({ name: '自审测试队' }))).json().id;
    const self = await review(nsAdmin, id, { decision: 'approve' });
    assert.equal(self.statusCode, 403);
    assert.equal(self.json().error.code, 'SELF_REVIEW');
    assert.ok(
      (await auditRows(t, 'organization.review')).some((r) => r.object_id === id && r.result === 'denied'),
    );
    const orgAdmin = await signIn(
      t,
      await createUser(t, 'o.orgadmin', {
        role: 'org_admin',
        orgId: await insertOrganization(t, 'x', NANSHAN),
      }),
    );
    assert.equal((await review(orgAdmin, id, { decision: 'approve' })).json().error.code, 'FORBIDDEN');
    assert.equal((await review(szAdmin, id, { decision: 'approve' })).statusCode, 200);
  });
});

describe('sub-teams and the tree', () => {
  let root: string;
  let rootAdmin: string;
  before(async () => {
    root = await insertOrganization(t, '南山志愿服务总队', NANSHAN);
    rootAdmin = await signIn(t, await createUser(t, 'o.root', { role: 'org_admin', orgId: root }));
  });

  test('only an admin of the parent registers a sub-team, inside the parent’s region', async () => {
    const notMine = await register(applicant, registration({ parentId: root }));
    assert.equal(notMine.json().error.code, 'PARENT_NOT_ADMINISTERED');
    const outside = await register(rootAdmin, registration({ parentId: root, regionCode: FUTIAN }));
    assert.equal(outside.json().error.code, 'PARENT_REGION_MISMATCH');
    const street = (await get(rootAdmin, `/api/regions?parent=${NANSHAN}`)).json().items[0].code;
    // Acting for the parent is acting as its admin: the second factor is needed, as on staff routes.
    const noMfa = await signIn(t, { id: '', username: 'o.root', totpSecret: 'unused' }, { mfa: false });
    assert.equal((await register(noMfa, registration({ parentId: root }))).json().error.code, 'MFA_REQUIRED');
    const sub = await register(
      rootAdmin,
      registration({ parentId: root, regionCode: street, name: '一分队' }),
    );
    assert.equal(sub.statusCode, 200, sub.body);
    const pendingParent = await insertOrganization(t, '待审总队', NANSHAN, { status: 'pending' });
    const pendingAdmin = await signIn(
      t,
      await createUser(t, 'o.pend', { role: 'org_admin', orgId: pendingParent }),
    );
    const res = await register(pendingAdmin, registration({ parentId: pendingParent }));
    assert.equal(res.json().error.code, 'ORG_NOT_APPROVED');
  });

  test('the tree lists sub-teams recursively for the org admin and the region admins above', async () => {
    const a = await insertOrganization(t, '二分队', NANSHAN, { parentId: root });
    const a1 = await insertOrganization(t, '二分队一小组', NANSHAN, { parentId: a });
    const res = await get(rootAdmin, `/api/organizations/${root}/tree`);
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { id: string; depth: number; parentId: string | null }[];
    assert.equal(items[0]!.id, root);
    assert.equal(items[0]!.depth, 0);
    const ia = items.findIndex((i) => i.id === a);
    assert.equal(items[ia + 1]!.id, a1, 'a node follows its parent');
    assert.equal(items[ia + 1]!.depth, 2);
    assert.ok(items.some((i) => i.parentId === root && i.depth === 1));
    assert.equal((await get(szAdmin, `/api/organizations/${root}/tree`)).statusCode, 200);
    assert.equal((await get(ftAdmin, `/api/organizations/${root}/tree`)).statusCode, 404);
    const subAdmin = await signIn(t, await createUser(t, 'o.sub', { role: 'org_admin', orgId: a }));
    assert.equal((await get(subAdmin, `/api/organizations/${root}/tree`)).statusCode, 404);
    const own = (await get(subAdmin, `/api/organizations/${a}/tree`)).json().items;
    assert.deepEqual(
      own.map((i: { id: string }) => i.id),
      [a, a1],
    );
  });
});

test('anyone signed in sees the summary of an approved organization, never of a pending one', async () => {
  const pendingId = await insertOrganization(t, '待审核的队', NANSHAN, { status: 'pending' });
  const approvedId = await insertOrganization(t, '已批准的队', NANSHAN);
  const user = await signIn(t, await createUser(t, 'summary.reader'));
  const ok = await t.app.inject({
    url: `/api/organizations/${approvedId}/summary`,
    headers: { cookie: user },
  });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(Object.keys(ok.json()).sort(), ['id', 'name', 'orgType', 'parentName', 'regionName']);
  const hidden = await t.app.inject({
    url: `/api/organizations/${pendingId}/summary`,
    headers: { cookie: user },
  });
  assert.equal(hidden.statusCode, 404);
  assert.equal(ok.json().name, '已批准的队');
  assert.equal((await t.app.inject({ url: `/api/organizations/${approvedId}/summary` })).statusCode, 401);
});
