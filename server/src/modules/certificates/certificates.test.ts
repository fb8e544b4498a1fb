import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { CERTIFICATE_NUMBER } from '@yiqi/shared/contracts/certificates';
import { auditRows, type TestApp } from '../../test/harness.ts';
import { api } from '../activities/activities.testkit.ts';
import { contentHash } from './certificates.content.ts';
import {
  cookies,
  DOC,
  has,
  orgs,
  rec,
  request,
  requestAndIssue,
  useCertificateFixture,
  verify,
  vol,
} from './certificates-suite.testkit.ts';

let t: TestApp;
let activityA: string;
useCertificateFixture((fx) => {
  t = fx.t;
  activityA = fx.activityA;
});

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
