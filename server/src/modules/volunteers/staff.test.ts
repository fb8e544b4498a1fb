import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { FUTIAN, idNumber, NANSHAN, registerVolunteer } from './volunteers.testkit.ts';

let t: TestApp;
let nsAdmin: string;
let ftAdmin: string;
let cityAdmin: string;
let orgAdmin: string;
type Registered = Awaited<ReturnType<typeof registerVolunteer>>;
let ns1: Registered;
let ns2: Registered;
let ft1: Registered;
let nsStreet: string;
before(async () => {
  t = await startTestApp();
  nsAdmin = await signIn(t, await createUser(t, 'st.ns', { role: 'region_admin', region: NANSHAN }));
  ftAdmin = await signIn(t, await createUser(t, 'st.ft', { role: 'region_admin', region: FUTIAN }));
  cityAdmin = await signIn(t, await createUser(t, 'st.sz', { role: 'region_admin', region: '440300000000' }));
  const org = await t.handle.db
    .insertInto('organizations')
    .values({ name: '南山队', region_code: NANSHAN })
    .returning('id')
    .executeTakeFirstOrThrow();
  orgAdmin = await signIn(t, await createUser(t, 'st.org', { role: 'org_admin', orgId: org.id }));
  nsStreet = (await t.app.inject(`/api/regions?parent=${NANSHAN}`)).json().items[0].code;
  ns1 = await registerVolunteer(t, { name: '陈南山', regionCode: nsStreet });
  ns2 = await registerVolunteer(t, { name: '黄南山', docNumber: idNumber('19700101', { male: false }) });
  ft1 = await registerVolunteer(t, { name: '陈福田', regionCode: FUTIAN });
  await t.app.inject({
    method: 'PATCH',
    url: '/api/me/volunteer',
    headers: { cookie: ns2.cookie },
    payload: { categories: ['health'] },
  });
  await t.app.inject({ method: 'POST', url: '/api/me/volunteer/verify', headers: { cookie: ns1.cookie } });
});
after(() => t.close());

const list = (cookie: string, qs = '') => t.app.inject({ url: `/api/volunteers${qs}`, headers: { cookie } });
const search = (cookie: string, body: object) =>
  t.app.inject({ method: 'POST', url: '/api/volunteers/search', headers: { cookie }, payload: body });
const ids = (res: { json(): { items: { id: string }[] } }) =>
  res
    .json()
    .items.map((i) => i.id)
    .sort();

describe('scope isolation', () => {
  test('a district admin lists only their district’s residents; a city admin sees both', async () => {
    const ns = await list(nsAdmin);
    assert.equal(ns.statusCode, 200, ns.body);
    assert.deepEqual(ids(ns), [ns1.volunteer.id, ns2.volunteer.id].sort());
    assert.deepEqual(ids(await list(ftAdmin)), [ft1.volunteer.id]);
    assert.equal((await list(cityAdmin)).json().total, 3);
    assert.deepEqual(ids(await list(cityAdmin, `?region=${FUTIAN}`)), [ft1.volunteer.id]);
    assert.deepEqual(ids(await list(nsAdmin, `?region=${nsStreet}`)), [ns1.volunteer.id]);
    const other = await list(nsAdmin, `?region=${FUTIAN}`);
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().error.code, 'OUT_OF_SCOPE');
    assert.equal((await list(orgAdmin)).statusCode, 403);
    assert.equal((await list(ns1.cookie)).statusCode, 403);
  });

  test('by id: another district’s volunteer is a 404, the same as an unknown id', async () => {
    const mine = await t.app.inject({
      url: `/api/volunteers/${ns1.volunteer.id}`,
      headers: { cookie: nsAdmin },
    });
    assert.equal(mine.statusCode, 200);
    assert.equal(mine.json().name, '陈南山');
    assert.ok(!mine.body.includes(ns1.body.docNumber) && !mine.body.includes(ns1.body.phone));
    const foreign = await t.app.inject({
      url: `/api/volunteers/${ft1.volunteer.id}`,
      headers: { cookie: nsAdmin },
    });
    const unknown = await t.app.inject({
      url: '/api/volunteers/00000000-0000-4000-8000-000000000000',
      headers: { cookie: nsAdmin },
    });
    assert.equal(foreign.statusCode, 404);
    assert.deepEqual(foreign.json(), unknown.json());
    const denied = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'authz.denied')
      .where('object_id', '=', ft1.volunteer.id)
      .execute();
    assert.equal(denied.length, 1);
  });

  test('the Excel export holds only the caller’s area, masked, and is audited', async () => {
    const res = await t.app.inject({ url: '/api/volunteers/export.xlsx', headers: { cookie: nsAdmin } });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.rowCount, 3);
    assert.equal(ws.getRow(1).getCell(1).value, '志愿者编号');
    const text = JSON.stringify(ws.getSheetValues());
    assert.ok(text.includes('陈南山') && text.includes('黄南山') && !text.includes('陈福田'));
    for (const v of [ns1, ns2]) {
      assert.ok(!text.includes(v.body.docNumber) && !text.includes(v.body.phone));
      assert.ok(text.includes(v.body.docNumber.slice(0, 6) + '********' + v.body.docNumber.slice(-4)));
    }
    const ft = await t.app.inject({ url: '/api/volunteers/export.xlsx', headers: { cookie: ftAdmin } });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(ft.rawPayload as unknown as ExcelJS.Buffer);
    assert.equal(wb2.worksheets[0]!.rowCount, 2);
    assert.equal(
      (
        await t.app.inject({
          url: `/api/volunteers/export.xlsx?region=${NANSHAN}`,
          headers: { cookie: ftAdmin },
        })
      ).statusCode,
      403,
    );
    const audit = await auditRows(t, 'volunteer.list_export');
    assert.deepEqual(
      audit.map((a) => [a.actor_name, a.details.rows]),
      [
        ['st.ns', 2],
        ['st.ft', 1],
      ],
    );
  });
});

describe('search and filters', () => {
  test('by name prefix, volunteer number, exact phone or document number', async () => {
    const q = async (s: string) => ids(await search(cityAdmin, { q: s }));
    assert.deepEqual(await q('陈'), [ns1.volunteer.id, ft1.volunteer.id].sort());
    assert.deepEqual(await q(ns2.volunteer.volunteerNo), [ns2.volunteer.id]);
    assert.deepEqual(await q(ns2.body.phone), [ns2.volunteer.id]);
    assert.deepEqual(await q(ft1.body.docNumber), [ft1.volunteer.id]);
    assert.deepEqual(await q(ft1.body.docNumber.toLowerCase()), [ft1.volunteer.id]);
    // Part of a number finds nothing: numbers are stored encrypted and matched whole.
    assert.deepEqual(await q(ft1.body.docNumber.slice(0, 10)), []);
    assert.deepEqual(await q('%'), []);
    // Search never crosses the scope.
    assert.deepEqual(ids(await search(nsAdmin, { q: ft1.body.phone })), []);
  });

  test('phone and document numbers are searched only in a request body, never through a URL', async () => {
    assert.deepEqual(ids(await list(cityAdmin, `?q=${ns2.body.phone}`)), []);
    assert.deepEqual(ids(await list(cityAdmin, `?q=${ft1.body.docNumber}`)), []);
    assert.deepEqual(ids(await list(cityAdmin, `?q=${ns2.volunteer.volunteerNo}`)), [ns2.volunteer.id]);
  });

  test('by verification status and category, paginated', async () => {
    assert.deepEqual(ids(await list(nsAdmin, '?verification=verified')), [ns1.volunteer.id]);
    assert.deepEqual(ids(await list(nsAdmin, '?category=health')), [ns2.volunteer.id]);
    const page = (await list(cityAdmin, '?pageSize=2&page=2')).json();
    assert.equal(page.total, 3);
    assert.equal(page.items.length, 1);
    assert.equal((await list(cityAdmin, '?category=knitting')).statusCode, 400);
  });
});

describe('revealing one field', () => {
  const reveal = (cookie: string, id: string, body: object) =>
    t.app.inject({ method: 'POST', url: `/api/volunteers/${id}/reveal`, headers: { cookie }, payload: body });

  test('needs a reason, shows one field, and is audited with field and reason', async () => {
    const short = await reveal(nsAdmin, ns1.volunteer.id, { field: 'phone', reason: 'hi' });
    assert.equal(short.statusCode, 400);
    const res = await reveal(nsAdmin, ns1.volunteer.id, { field: 'docNumber', reason: '核对保险投保信息' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { field: 'docNumber', value: ns1.body.docNumber });
    assert.equal(res.headers['cache-control'], 'no-store');
    const phone = await reveal(nsAdmin, ns1.volunteer.id, { field: 'phone', reason: '紧急联系本人' });
    assert.equal(phone.json().value, ns1.body.phone);
    const rows = await auditRows(t, 'volunteer.reveal');
    assert.deepEqual(
      rows.map((r) => [r.actor_name, r.object_id, r.details.field, r.details.reason]),
      [
        ['st.ns', ns1.volunteer.id, 'docNumber', '核对保险投保信息'],
        ['st.ns', ns1.volunteer.id, 'phone', '紧急联系本人'],
      ],
    );
    assert.ok(!rows.some((r) => JSON.stringify(r).includes(ns1.body.docNumber)));
  });

  test('outside the caller’s area it is a 404; other roles are refused', async () => {
    const res = await reveal(ftAdmin, ns1.volunteer.id, { field: 'phone', reason: '想看一下号码' });
    assert.equal(res.statusCode, 404);
    assert.ok(!res.body.includes(ns1.body.phone));
    assert.equal(
      (await reveal(orgAdmin, ns1.volunteer.id, { field: 'phone', reason: '想看一下号码' })).statusCode,
      403,
    );
    assert.equal(
      (await reveal(ns1.cookie, ns1.volunteer.id, { field: 'phone', reason: '想看一下号码' })).statusCode,
      403,
    );
    assert.equal((await auditRows(t, 'volunteer.reveal')).length, 2);
  });
});
