import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeUscc, registration } from '../memberships/memberships.testkit.ts';

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';

let t: TestApp;
let nsAdmin: string;
let ftAdmin: string;
let szAdmin: string;
let orgAdmin: string;
const ids: Record<string, string> = {};
before(async () => {
  t = await startTestApp();
  const applicant = await signIn(t, await createUser(t, 'l.applicant'));
  nsAdmin = await signIn(t, await createUser(t, 'l.ns', { role: 'region_admin', region: NANSHAN }));
  ftAdmin = await signIn(t, await createUser(t, 'l.ft', { role: 'region_admin', region: FUTIAN }));
  szAdmin = await signIn(t, await createUser(t, 'l.sz', { role: 'region_admin', region: '440300000000' }));
  const register = async (key: string, body: object) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: { cookie: applicant },
      payload: body,
    });
    assert.equal(res.statusCode, 200, res.body);
    ids[key] = res.json().id;
  };
  await register('nsTeam', registration({ name: '南山环保志愿队', categories: ['environment'] }));
  await register(
    'nsGroup',
    registration({
      name: '南山义工联合会',
      orgType: 'social_group',
      uscc: makeUscc(11),
      hostUnit: undefined,
      categories: ['community', 'health'],
      levelBody: true,
    }),
  );
  await register(
    'ftTeam',
    registration({ name: '福田环保志愿队', regionCode: FUTIAN, categories: ['environment'] }),
  );
  // Approve one, so status filters have two values to tell apart.
  const ok = await t.app.inject({
    method: 'POST',
    url: `/api/organizations/${ids.nsGroup}/review`,
    headers: { cookie: nsAdmin },
    payload: { decision: 'approve' },
  });
  assert.equal(ok.statusCode, 200, ok.body);
  orgAdmin = await signIn(t, await createUser(t, 'l.org', { role: 'org_admin', orgId: ids.nsGroup }));
});
after(() => t.close());

const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });
const listIds = async (cookie: string, qs = '') => {
  const res = await get(cookie, `/api/organizations${qs}`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as { id: string }[]).map((o) => o.id);
};

describe('lists', () => {
  test('a district admin sees only the district; the city admin sees both districts', async () => {
    const ns = await listIds(nsAdmin);
    assert.ok(ns.includes(ids.nsTeam!) && ns.includes(ids.nsGroup!));
    assert.ok(!ns.includes(ids.ftTeam!));
    const ft = await listIds(ftAdmin);
    assert.deepEqual(ft, [ids.ftTeam]);
    const sz = await listIds(szAdmin);
    assert.ok([ids.nsTeam, ids.nsGroup, ids.ftTeam].every((id) => sz.includes(id!)));
    assert.deepEqual(await listIds(szAdmin, `?region=${FUTIAN}`), [ids.ftTeam]);
  });

  test('asking for another district, or an organization there, is refused', async () => {
    const list = await get(nsAdmin, `/api/organizations?region=${FUTIAN}`);
    assert.equal(list.statusCode, 403);
    assert.equal(list.json().error.code, 'OUT_OF_SCOPE');
    assert.equal((await get(nsAdmin, `/api/organizations/${ids.ftTeam}`)).statusCode, 404);
    assert.equal((await get(nsAdmin, `/api/organizations/${ids.ftTeam}/tree`)).statusCode, 404);
    assert.equal((await get(nsAdmin, `/api/organizations/${ids.ftTeam}/members`)).statusCode, 404);
  });

  test('filters: name, USCC, status, category, type', async () => {
    assert.deepEqual(await listIds(szAdmin, `?q=${encodeURIComponent('环保')}&region=${NANSHAN}`), [
      ids.nsTeam,
    ]);
    assert.deepEqual(await listIds(szAdmin, `?q=${makeUscc(11).toLowerCase()}`), [ids.nsGroup]);
    assert.deepEqual(await listIds(nsAdmin, '?status=approved'), [ids.nsGroup]);
    assert.deepEqual(await listIds(nsAdmin, '?category=health'), [ids.nsGroup]);
    assert.deepEqual(
      (await listIds(szAdmin, '?category=environment&status=pending')).sort(),
      [ids.ftTeam, ids.nsTeam].sort(),
    );
    assert.deepEqual(await listIds(nsAdmin, '?orgType=social_group'), [ids.nsGroup]);
    assert.deepEqual(await listIds(nsAdmin, `?q=${encodeURIComponent('%')}`), []);
    const page = (await get(szAdmin, '/api/organizations?pageSize=1&page=2')).json();
    assert.equal(page.items.length, 1);
    assert.equal(page.total, 3);
  });

  test('lists are for region admins; an org admin or a plain user is refused', async () => {
    assert.equal((await get(orgAdmin, '/api/organizations')).json().error.code, 'FORBIDDEN');
    const user = await signIn(t, await createUser(t, 'l.user'));
    assert.equal((await get(user, '/api/organizations')).statusCode, 403);
    assert.equal((await get(user, '/api/organizations/review-queue')).statusCode, 403);
  });
});

describe('export', () => {
  const sheetOf = async (body: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    return book.worksheets[0]!;
  };

  test('the export holds the caller’s scope only, with masked phones, and is audited', async () => {
    const res = await get(nsAdmin, '/api/organizations/export.xlsx');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const sheet = await sheetOf(res.rawPayload);
    assert.equal(sheet.rowCount, 3);
    assert.equal(sheet.getRow(1).getCell(1).value, '名称');
    const names = [2, 3].map((i) => sheet.getRow(i).getCell(1).value);
    assert.deepEqual(names.sort(), ['南山义工联合会', '南山环保志愿队'].sort());
    const all = JSON.stringify(sheet.getSheetValues());
    assert.ok(!all.includes('福田'));
    assert.ok(all.includes('138****8000') && !all.includes('13800138000'));
    const audit = (await auditRows(t, 'organization.export')).at(-1)!;
    assert.equal(audit.actor_name, 'l.ns');
    assert.equal(audit.details.count, 2);
  });

  test('filters apply, headers follow the language, other districts are refused', async () => {
    const res = await t.app.inject({
      url: '/api/organizations/export.xlsx?status=pending',
      headers: { cookie: `${szAdmin}; yiqi_locale=en` },
    });
    const sheet = await sheetOf(res.rawPayload);
    assert.equal(sheet.getRow(1).getCell(1).value, 'Name');
    assert.equal(sheet.rowCount, 3);
    const other = await get(nsAdmin, `/api/organizations/export.xlsx?region=${FUTIAN}`);
    assert.equal(other.statusCode, 403);
    assert.equal((await get(orgAdmin, '/api/organizations/export.xlsx')).statusCode, 403);
  });
});
