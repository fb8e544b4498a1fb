import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';
import { api } from '../activities/activities.testkit.ts';
import { insertRecord, sealPng } from './certificates.testkit.ts';

/** The organization's seal image: set, checked, printed on the certificate, removed. */

const NANSHAN = '440305000000';
let t: TestApp;
let orgA: string;
let adminA: string;
let adminB: string;
let volunteerCookie: string;

const has = (bin: string) => spawnSync(bin, ['-v']).error === undefined;

before(async () => {
  t = await startTestApp();
  orgA = await insertOrganization(t, '南山区印章测试服务队', NANSHAN);
  const orgB = await insertOrganization(t, '南山区另一服务队', NANSHAN);
  await t.handle.db
    .updateTable('organizations')
    .set({ person_in_charge: '李负责' })
    .where('id', '=', orgA)
    .execute();
  adminA = await signIn(t, await createUser(t, 'seal.a', { role: 'org_admin', orgId: orgA }));
  adminB = await signIn(t, await createUser(t, 'seal.b', { role: 'org_admin', orgId: orgB }));
  const user = await createUser(t, 'seal.v');
  const v = await addVolunteerRecord(t, user.id);
  volunteerCookie = await signIn(t, user);
  await insertRecord(t, { volunteerId: v.id, orgId: orgA, date: '2026-03-01', minutes: 150 });
  mkdirSync('test-output', { recursive: true });
});
after(() => t.close());

async function requestAndIssue(cookie: string, body: Record<string, unknown>, admin: string) {
  const req = await api(t, cookie, 'POST', '/api/me/certificates', body);
  assert.equal(req.statusCode, 200, req.body);
  const issued = await api(t, admin, 'POST', `/api/certificates/${req.json().id}/issue`, {});
  assert.equal(issued.statusCode, 200, issued.body);
  return issued.json() as { id: string };
}

describe('the seal', () => {
  it('is set by the unit’s admin, checked, printed, and removable', async () => {
    const png = sealPng();
    const bad = await api(t, adminA, 'PUT', `/api/organizations/${orgA}/certificate-seal`, {
      seal: { mimeType: 'image/png', contentBase64: Buffer.from('not an image at all').toString('base64') },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'CERT_SEAL_INVALID');
    const other = await api(t, adminB, 'PUT', `/api/organizations/${orgA}/certificate-seal`, {
      seal: null,
    });
    assert.equal(other.statusCode, 404);
    const res = await api(t, adminA, 'PUT', `/api/organizations/${orgA}/certificate-seal`, {
      seal: { mimeType: 'image/png', contentBase64: png.toString('base64') },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().seal.mimeType, 'image/png');
    const got = await api(t, adminA, 'GET', `/api/organizations/${orgA}/certificate-seal`);
    assert.equal(got.json().seal.contentBase64, png.toString('base64'));

    const c = await requestAndIssue(
      volunteerCookie,
      { orgId: orgA, scope: 'period', from: '2026-01-01', to: '2026-12-31' },
      adminA,
    );
    const pdf = await api(t, adminA, 'GET', `/api/certificates/${c.id}/pdf`);
    assert.equal(pdf.statusCode, 200);
    if (has('pdftoppm')) {
      writeFileSync('test-output/certificate-with-seal.pdf', pdf.rawPayload);
      const out = spawnSync('pdftoppm', [
        '-png',
        '-r',
        '110',
        '-singlefile',
        'test-output/certificate-with-seal.pdf',
        'test-output/certificate-with-seal',
      ]);
      assert.equal(out.status, 0);
    }
    const removed = await api(t, adminA, 'PUT', `/api/organizations/${orgA}/certificate-seal`, {
      seal: null,
    });
    assert.equal(removed.json().seal, null);
    assert.ok((await auditRows(t, 'certificate.seal')).length >= 2);
  });
});
