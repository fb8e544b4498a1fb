import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { CERTIFICATE_NUMBER } from '@yiqi/shared/contracts/certificates';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { execAsOwner } from '../../test/database.ts';
import { encrypt } from '../../lib/crypto.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';
import { api } from '../activities/activities.testkit.ts';
import { seedActivity } from '../activities/activities.matrix.ts';
import { contentHash } from './certificates.content.ts';
import { insertRecord } from './certificates.testkit.ts';

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';
const DOC = '11010519491231002X';

let t: TestApp;
const orgs = {} as Record<'a' | 'b' | 'c' | 'noChief', string>;
const cookies = {} as Record<
  'adminA' | 'adminB' | 'regionNanshan' | 'regionFutian' | 'v' | 'w' | 'plain',
  string
>;
const vol = {} as Record<'v' | 'w', { id: string; volunteerNo: string }>;
/** Record ids by what they are. */
const rec = {} as Record<
  'a1' | 'a2' | 'a3' | 'aDraft' | 'aPending' | 'aRejected' | 'aOfW' | 'b1' | 'b2',
  string
>;
let activityA: string;

const has = (bin: string) => spawnSync(bin, ['-v']).error === undefined;

async function volunteer(name: string, username: string) {
  const user = await createUser(t, username);
  const v = await addVolunteerRecord(t, user.id);
  await t.handle.db
    .updateTable('volunteers')
    .set({ name, doc_type: 'mainland_id', doc_number_enc: encrypt(t.config.appKey, DOC) })
    .where('id', '=', v.id)
    .execute();
  return { v, cookie: await signIn(t, user) };
}

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  const db = t.handle.db;
  orgs.a = await insertOrganization(t, '南山区蛇口社区志愿服务队', NANSHAN);
  orgs.b = await insertOrganization(t, '南山区阳光助老服务队', NANSHAN);
  orgs.c = await insertOrganization(t, '南山区无记录服务队', NANSHAN);
  orgs.noChief = await insertOrganization(t, '南山区未登记负责人服务队', NANSHAN);
  await db
    .updateTable('organizations')
    .set({ person_in_charge: '李负责' })
    .where('id', 'in', [orgs.a, orgs.b, orgs.c])
    .execute();
  cookies.adminA = await signIn(t, await createUser(t, 'cert.admina', { role: 'org_admin', orgId: orgs.a }));
  cookies.adminB = await signIn(t, await createUser(t, 'cert.adminb', { role: 'org_admin', orgId: orgs.b }));
  cookies.regionNanshan = await signIn(
    t,
    await createUser(t, 'cert.region', { role: 'region_admin', region: NANSHAN }),
  );
  cookies.regionFutian = await signIn(
    t,
    await createUser(t, 'cert.futian', { role: 'region_admin', region: FUTIAN }),
  );
  cookies.plain = await signIn(t, await createUser(t, 'cert.plain'));
  const v = await volunteer('张三明', 'cert.v');
  const w = await volunteer('李四', 'cert.w');
  vol.v = v.v;
  vol.w = w.v;
  cookies.v = v.cookie;
  cookies.w = w.cookie;

  activityA = (await seedActivity(t, orgs.a, { ended: true })).activityId;
  const base = { volunteerId: vol.v.id, orgId: orgs.a };
  rec.a1 = await insertRecord(t, {
    ...base,
    date: '2026-03-14',
    minutes: 150,
    activityId: activityA,
    title: '深圳湾公园海滩清洁',
    content: '清理海滩垃圾，向游客宣传垃圾分类。',
  });
  rec.a2 = await insertRecord(t, {
    ...base,
    date: '2026-06-01',
    minutes: 240,
    title: '儿童节社区游园会',
    content: '引导游园秩序，协助组织亲子游戏。',
  });
  rec.a3 = await insertRecord(t, {
    ...base,
    date: '2026-10-20',
    minutes: 95,
    title: '长者关爱探访',
    content: '探访社区独居长者，协助整理家务并陪伴聊天。',
  });
  // Not confirmed, or not this volunteer's, or not this organization's: never certified by A for V.
  rec.aDraft = await insertRecord(t, { ...base, date: '2026-11-01', minutes: 60, status: 'draft' });
  rec.aPending = await insertRecord(t, { ...base, date: '2026-11-02', minutes: 60, status: 'pending' });
  rec.aRejected = await insertRecord(t, { ...base, date: '2026-11-03', minutes: 60, status: 'rejected' });
  rec.aOfW = await insertRecord(t, {
    volunteerId: vol.w.id,
    orgId: orgs.a,
    date: '2026-05-05',
    minutes: 300,
  });
  rec.b1 = await insertRecord(t, { volunteerId: vol.v.id, orgId: orgs.b, date: '2026-02-10', minutes: 120 });
  rec.b2 = await insertRecord(t, { volunteerId: vol.v.id, orgId: orgs.b, date: '2026-08-10', minutes: 180 });
  await insertRecord(t, { volunteerId: vol.v.id, orgId: orgs.noChief, date: '2026-08-11', minutes: 60 });
});
after(() => t.close());

async function request(cookie: string, body: Record<string, unknown>) {
  return api(t, cookie, 'POST', '/api/me/certificates', body);
}

async function requestAndIssue(cookie: string, body: Record<string, unknown>, admin: string) {
  const req = await request(cookie, body);
  assert.equal(req.statusCode, 200, req.body);
  const issued = await api(t, admin, 'POST', `/api/certificates/${req.json().id}/issue`, {});
  assert.equal(issued.statusCode, 200, issued.body);
  return issued.json() as { id: string; number: string; totalMinutes: number; recordCount: number };
}

const verify = (number: string) => api(t, undefined, 'GET', `/api/certificates/${number}/verify`);

describe('asking for a certificate', () => {
  it('lists the organizations that recorded my confirmed service, with their activities', async () => {
    const res = await api(t, cookies.v, 'GET', '/api/me/certificates/sources');
    assert.equal(res.statusCode, 200, res.body);
    const a = res.json().items.find((o: { orgId: string }) => o.orgId === orgs.a);
    assert.equal(a.records, 3);
    assert.equal(a.minutes, 150 + 240 + 95);
    assert.deepEqual(
      a.activities.map((x: { activityId: string }) => x.activityId),
      [activityA],
    );
    const b = res.json().items.find((o: { orgId: string }) => o.orgId === orgs.b);
    assert.equal(b.minutes, 300);
    const none = await api(t, cookies.plain, 'GET', '/api/me/certificates/sources');
    assert.equal(none.json().error.code, 'VOLUNTEER_REQUIRED');
  });

  it('refuses a unit with no confirmed records of mine, and activities it did not record', async () => {
    const none = await request(cookies.v, { orgId: orgs.c, scope: 'all' });
    assert.equal(none.statusCode, 422);
    assert.equal(none.json().error.code, 'CERT_NO_RECORDS');
    const other = await request(cookies.w, { orgId: orgs.b, scope: 'all' });
    assert.equal(other.json().error.code, 'CERT_NO_RECORDS');
    const notMine = await request(cookies.v, {
      orgId: orgs.b,
      scope: 'activities',
      activityIds: [activityA],
    });
    assert.equal(notMine.json().error.code, 'CERT_NO_RECORDS');
    const emptyPeriod = await request(cookies.v, {
      orgId: orgs.a,
      scope: 'period',
      from: '2025-01-01',
      to: '2025-12-31',
    });
    assert.equal(emptyPeriod.json().error.code, 'CERT_NO_RECORDS');
    const badDay = await request(cookies.v, {
      orgId: orgs.a,
      scope: 'period',
      from: '2026-02-31',
      to: '2026-03-01',
    });
    assert.equal(badDay.json().error.code, 'VALIDATION_FAILED');
    const backwards = await request(cookies.v, {
      orgId: orgs.a,
      scope: 'period',
      from: '2026-05-01',
      to: '2026-04-01',
    });
    assert.equal(backwards.json().error.code, 'VALIDATION_FAILED');
    assert.equal((await request(cookies.v, { orgId: orgs.a, scope: 'activities' })).statusCode, 400);
  });
});

describe('issuing', () => {
  let certId: string;
  let number: string;

  it('queues the request for the recording unit, one open request at a time', async () => {
    const res = await request(cookies.v, { orgId: orgs.a, scope: 'all', purpose: '升学材料' });
    assert.equal(res.statusCode, 200, res.body);
    certId = res.json().id;
    assert.equal(res.json().status, 'requested');
    assert.equal(res.json().number, null);
    assert.equal(res.json().recordCount, 3);
    const again = await request(cookies.v, {
      orgId: orgs.a,
      scope: 'period',
      from: '2026-01-01',
      to: '2026-12-31',
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'CERT_REQUEST_OPEN');
    const queue = await api(
      t,
      cookies.adminA,
      'GET',
      `/api/organizations/${orgs.a}/certificates?status=requested`,
    );
    assert.equal(queue.statusCode, 200);
    const item = queue.json().items.find((c: { id: string }) => c.id === certId);
    assert.equal(item.volunteerName, '张三明');
    assert.equal(item.purpose, '升学材料');
    assert.equal(item.totalMinutes, 485);
    assert.equal((await auditRows(t, 'certificate.request')).length >= 1, true);
  });

  it('is refused to another organization’s admin and to region admins elsewhere', async () => {
    const other = await api(t, cookies.adminB, 'POST', `/api/certificates/${certId}/issue`, {});
    assert.equal(other.statusCode, 404);
    assert.equal(other.json().error.code, 'NOT_FOUND');
    const list = await api(t, cookies.adminB, 'GET', `/api/organizations/${orgs.a}/certificates`);
    assert.equal(list.statusCode, 404);
    const far = await api(t, cookies.regionFutian, 'POST', `/api/certificates/${certId}/reject`, {
      reason: '不是我的辖区',
    });
    assert.equal(far.statusCode, 404);
    const volunteer = await api(t, cookies.v, 'POST', `/api/certificates/${certId}/issue`, {});
    assert.equal(volunteer.statusCode, 403);
    const unknown = await api(
      t,
      cookies.adminA,
      'POST',
      `/api/certificates/${crypto.randomUUID()}/issue`,
      {},
    );
    assert.equal(unknown.statusCode, 404);
  });

  it('freezes only the unit’s confirmed records of the volunteer, their total and a content hash', async () => {
    const res = await api(t, cookies.adminA, 'POST', `/api/certificates/${certId}/issue`, {});
    assert.equal(res.statusCode, 200, res.body);
    const c = res.json();
    number = c.number;
    assert.match(number, CERTIFICATE_NUMBER);
    assert.ok(number.startsWith('YQ-2026-'));
    assert.equal(c.status, 'issued');
    assert.equal(c.recordCount, 3);
    assert.equal(c.totalMinutes, 150 + 240 + 95);
    assert.equal(c.totalHours, 8.08);
    assert.equal(c.issuerName, '南山区蛇口社区志愿服务队');
    assert.equal(c.personInCharge, '李负责');
    assert.equal(c.handlerName, '测试 cert.admina');
    assert.equal(c.issueDate, '2026-11-22');
    const row = await t.handle.db
      .selectFrom('certificates')
      .selectAll()
      .where('id', '=', certId)
      .executeTakeFirstOrThrow();
    assert.deepEqual([...row.record_ids!].sort(), [rec.a1, rec.a2, rec.a3].sort());
    // The total is the sum of exactly those records.
    const sum = await t.handle.db
      .selectFrom('service_records')
      .select((eb) => eb.fn.sum<number>('minutes').as('m'))
      .where('id', 'in', row.record_ids!)
      .executeTakeFirstOrThrow();
    assert.equal(Number(sum.m), row.total_minutes);
    // The hash is over the canonical serialisation of exactly those records and the volunteer number.
    const records = await t.handle.db
      .selectFrom('service_records')
      .select(['id', 'activity_title as title', 'content', 'minutes'])
      .select(sql<string>`to_char(service_date, 'YYYY-MM-DD')`.as('date'))
      .where('id', 'in', row.record_ids!)
      .execute();
    assert.equal(row.content_hash, contentHash(vol.v.volunteerNo, records));
    const audit = (await auditRows(t, 'certificate.issue')).find((a) => a.object_id === certId);
    assert.equal(audit?.details.number, number);
    const again = await api(t, cookies.adminA, 'POST', `/api/certificates/${certId}/issue`, {});
    assert.equal(again.json().error.code, 'CERT_STATE');
  });

  it('is verified publicly with minimal, masked data', async () => {
    const res = await verify(number);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      number,
      status: 'issued',
      valid: true,
      changed: false,
      issuerName: '南山区蛇口社区志愿服务队',
      originalUnitName: null,
      volunteerName: '张*明',
      recordCount: 3,
      totalMinutes: 485,
      totalHours: 8.08,
      issueDate: '2026-11-22',
      revokedDate: null,
    });
    for (const secret of ['张三明', DOC, vol.v.volunteerNo, vol.v.id]) assert.ok(!res.body.includes(secret));
    // As typed from paper: lower case, spaces, O for 0.
    const typed = number.toLowerCase().replace(/0/g, 'o').replace('-', ' - ');
    assert.equal((await verify(encodeURIComponent(typed))).statusCode, 200);
    assert.equal((await verify('YQ-2026-0000000000')).statusCode, 404);
    assert.equal((await verify('not-a-number')).statusCode, 404);
  });

  it('lets the volunteer and the issuing unit download the PDF, nobody else', async () => {
    const mine = await api(t, cookies.v, 'GET', `/api/me/certificates/${certId}/pdf`);
    assert.equal(mine.statusCode, 200, mine.body);
    assert.equal(mine.headers['content-type'], 'application/pdf');
    assert.equal(mine.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const staff = await api(t, cookies.adminA, 'GET', `/api/certificates/${certId}/pdf`);
    assert.equal(staff.statusCode, 200);
    assert.equal((await api(t, cookies.w, 'GET', `/api/me/certificates/${certId}/pdf`)).statusCode, 404);
    assert.equal((await api(t, cookies.adminB, 'GET', `/api/certificates/${certId}/pdf`)).statusCode, 404);
    assert.equal((await api(t, undefined, 'GET', `/api/me/certificates/${certId}/pdf`)).statusCode, 401);
    assert.ok((await auditRows(t, 'certificate.download')).length >= 2);
  });

  it('prints the masked document, never the full number (pdftotext)', async (ctx) => {
    if (!has('pdftotext')) return ctx.skip('pdftotext not installed (apt-get install poppler-utils)');
    const res = await api(t, cookies.v, 'GET', `/api/me/certificates/${certId}/pdf`);
    const text = spawnSync('pdftotext', ['-layout', '-', '-'], { input: res.rawPayload }).stdout.toString();
    for (const want of [
      '志愿服务记录证明',
      number,
      '张三明',
      '110105********002X',
      vol.v.volunteerNo,
      '8.08',
    ])
      assert.ok(text.includes(want), `${want} in the PDF`);
    for (const want of ['深圳湾公园海滩清洁', '2026-06-01', '长者关爱探访', '李负责', '2026年11月22日'])
      assert.ok(text.includes(want), `${want} in the PDF`);
    assert.ok(!text.includes(DOC));
  });

  it('renders the certificate to PNG for a person to look at (pdftoppm)', async (ctx) => {
    if (!has('pdftoppm'))
      return ctx.skip('pdftoppm not installed (apt-get install poppler-utils): PNG skipped');
    const res = await api(t, cookies.v, 'GET', `/api/me/certificates/${certId}/pdf`);
    mkdirSync('test-output', { recursive: true });
    writeFileSync('test-output/certificate.pdf', res.rawPayload);
    const out = spawnSync('pdftoppm', [
      '-png',
      '-r',
      '110',
      '-singlefile',
      'test-output/certificate.pdf',
      'test-output/certificate',
    ]);
    assert.equal(out.status, 0, out.stderr?.toString());
  });
});

describe('periods, activities and the unit that recorded them', () => {
  it('covers only the period asked for', async () => {
    const c = await requestAndIssue(
      cookies.v,
      { orgId: orgs.b, scope: 'period', from: '2026-07-01', to: '2026-08-31' },
      cookies.adminB,
    );
    assert.equal(c.recordCount, 1);
    assert.equal(c.totalMinutes, 180);
    const row = await t.handle.db
      .selectFrom('certificates')
      .select('record_ids')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row.record_ids, [rec.b2]);
  });

  it('covers only the activities chosen, issued by a region admin above the unit', async () => {
    const c = await requestAndIssue(
      cookies.v,
      { orgId: orgs.a, scope: 'activities', activityIds: [activityA] },
      cookies.regionNanshan,
    );
    assert.equal(c.recordCount, 1);
    assert.equal(c.totalMinutes, 150);
    const v = await verify(c.number);
    assert.equal(v.json().valid, true);
  });

  it('needs the unit’s person in charge on record', async () => {
    const req = await request(cookies.v, { orgId: orgs.noChief, scope: 'all' });
    assert.equal(req.statusCode, 200, req.body);
    const res = await api(t, cookies.regionNanshan, 'POST', `/api/certificates/${req.json().id}/issue`, {});
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'CERT_NO_PERSON_IN_CHARGE');
  });

  it('rejects with a reason; the volunteer may ask again', async () => {
    const req = await request(cookies.w, { orgId: orgs.a, scope: 'all' });
    assert.equal(req.statusCode, 200, req.body);
    const id = req.json().id;
    assert.equal(
      (await api(t, cookies.adminA, 'POST', `/api/certificates/${id}/reject`, {})).statusCode,
      400,
    );
    const res = await api(t, cookies.adminA, 'POST', `/api/certificates/${id}/reject`, {
      reason: '请补充用途说明后再申请',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'rejected');
    assert.equal(res.json().rejectReason, '请补充用途说明后再申请');
    assert.equal((await api(t, cookies.adminA, 'POST', `/api/certificates/${id}/issue`, {})).statusCode, 409);
    const mine = await api(t, cookies.w, 'GET', '/api/me/certificates');
    assert.equal(mine.json().items[0].status, 'rejected');
    assert.equal((await api(t, cookies.w, 'GET', `/api/me/certificates/${id}/pdf`)).statusCode, 409);
    const again = await request(cookies.w, { orgId: orgs.a, scope: 'all' });
    assert.equal(again.statusCode, 200);
    // The handler printed is the signed-in issuer: a name typed in is refused, not printed.
    const named = await api(t, cookies.adminA, 'POST', `/api/certificates/${again.json().id}/issue`, {
      handlerName: '陈经办',
    });
    assert.equal(named.statusCode, 400, named.body);
    const handled = await api(t, cookies.adminA, 'POST', `/api/certificates/${again.json().id}/issue`, {});
    assert.equal(handled.json().handlerName, '测试 cert.admina');
    // W's certificate covers W's record only.
    assert.equal(handled.json().totalMinutes, 300);
  });
});

describe('after issue', () => {
  it('shows changed once a certified record is corrected (superseded)', async () => {
    const c = await requestAndIssue(cookies.v, { orgId: orgs.b, scope: 'all' }, cookies.adminB);
    assert.equal((await verify(c.number)).json().changed, false);
    // A correction supersedes the record (the trigger allows confirmed → superseded, by a correction of it).
    const correction = await t.handle.db
      .insertInto('service_records')
      .values({
        kind: 'correction',
        corrects_id: rec.b1,
        reason: '时长登记有误',
        volunteer_id: vol.v.id,
        org_id: orgs.b,
        service_date: '2026-02-10',
        activity_title: '更正',
        place: '深圳市南山区',
        content: '协助社区开展志愿服务',
        person_in_charge: '李负责',
        minutes: 90,
        status: 'pending',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.handle.db
      .updateTable('service_records')
      .set({ status: 'superseded', superseded_by: correction.id })
      .where('id', '=', rec.b1)
      .execute();
    const res = await verify(c.number);
    assert.equal(res.json().status, 'issued');
    assert.equal(res.json().changed, true);
    assert.equal(res.json().valid, false);
    // The certificate itself still states what was issued.
    assert.equal(res.json().totalMinutes, 300);
  });

  it('shows changed when a record’s content differs from what was hashed', async () => {
    const id = await insertRecord(t, {
      volunteerId: vol.w.id,
      orgId: orgs.b,
      date: '2026-09-09',
      minutes: 45,
    });
    const c = await requestAndIssue(cookies.w, { orgId: orgs.b, scope: 'all' }, cookies.adminB);
    assert.equal((await verify(c.number)).json().valid, true);
    // Only someone bypassing the trigger could do this; verification still notices.
    await execAsOwner(
      t.handle,
      `ALTER TABLE service_records DISABLE TRIGGER service_records_guard;
       UPDATE service_records SET minutes = 90 WHERE id = '${id}';
       ALTER TABLE service_records ENABLE TRIGGER service_records_guard;`,
    );
    const res = await verify(c.number);
    assert.equal(res.json().changed, true);
    assert.equal(res.json().valid, false);
  });

  it('revokes with a reason: kept, shown revoked with its date, no longer downloadable', async () => {
    const c = await requestAndIssue(
      cookies.v,
      { orgId: orgs.a, scope: 'period', from: '2026-06-01', to: '2026-06-30' },
      cookies.adminA,
    );
    const other = await api(t, cookies.adminB, 'POST', `/api/certificates/${c.id}/revoke`, {
      reason: '越权撤销',
    });
    assert.equal(other.statusCode, 404);
    t.clock.advance(2 * 86400_000);
    const res = await api(t, cookies.adminA, 'POST', `/api/certificates/${c.id}/revoke`, {
      reason: '证明信息有误，重新出具',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'revoked');
    const v = await verify(c.number);
    assert.equal(v.json().status, 'revoked');
    assert.equal(v.json().valid, false);
    assert.equal(v.json().revokedDate, '2026-11-24');
    assert.equal(v.json().issueDate, '2026-11-22');
    assert.equal(
      (await api(t, cookies.adminA, 'POST', `/api/certificates/${c.id}/revoke`, { reason: '再次撤销' }))
        .statusCode,
      409,
    );
    assert.equal((await api(t, cookies.v, 'GET', `/api/me/certificates/${c.id}/pdf`)).statusCode, 409);
    const audit = (await auditRows(t, 'certificate.revoke')).find((a) => a.object_id === c.id);
    assert.equal(audit?.details.reason, '证明信息有误，重新出具');
  });

  it('never deletes a certificate nor changes what was issued', async () => {
    const row = await t.handle.db
      .selectFrom('certificates')
      .select(['id'])
      .where('status', '=', 'issued')
      .executeTakeFirstOrThrow();
    await assert.rejects(t.handle.db.deleteFrom('certificates').where('id', '=', row.id).execute());
    await assert.rejects(
      t.handle.db.updateTable('certificates').set({ total_minutes: 9999 }).where('id', '=', row.id).execute(),
    );
    await assert.rejects(
      t.handle.db.updateTable('certificates').set({ status: 'requested' }).where('id', '=', row.id).execute(),
    );
  });

  it('keeps the issuing unit frozen under its name since migration 202612061218 (issued_by_org_id)', async () => {
    const row = await t.handle.db
      .selectFrom('certificates')
      .select(['id', 'issued_by_org_id'])
      .where('status', '=', 'issued')
      .executeTakeFirstOrThrow();
    assert.ok(row.issued_by_org_id, 'an organization issued it');
    await assert.rejects(
      t.handle.db
        .updateTable('certificates')
        .set({ issued_by_org_id: null })
        .where('id', '=', row.id)
        .execute(),
      /content cannot change/,
    );
  });
});
