import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, type TestApp } from '../../test/harness.ts';
import { execAsOwner } from '../../test/database.ts';
import { api } from '../activities/activities.testkit.ts';
import { insertRecord } from './certificates.testkit.ts';
import {
  cookies,
  orgs,
  rec,
  request,
  requestAndIssue,
  useCertificateFixture,
  verify,
  vol,
} from './certificates-suite.testkit.ts';

// Certificates by period and activity, rejection, and what happens to an issued one (correction, tampering,
// revocation); asking and issuing are in certificates.test.ts.
let t: TestApp;
let activityA: string;
useCertificateFixture((fx) => {
  t = fx.t;
  activityA = fx.activityA;
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
    // W heard of both decisions in the inbox: the reason, then the number and hours.
    const notices = (await api(t, cookies.w, 'GET', '/api/me/notifications')).json().items as {
      kind: string;
      body: string;
    }[];
    const rejected = notices.find((n) => n.kind === 'certificate_rejected');
    assert.match(rejected?.body ?? '', /请补充用途说明后再申请/);
    const issued = notices.find((n) => n.kind === 'certificate_issued');
    assert.ok(issued?.body.includes(handled.json().number), issued?.body);
    assert.match(issued!.body, /5\.0 小时/);
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
