/**
 * What a certificate prints about who issued it: the verification address from PUBLIC_URL (never from the
 * request's Host header), the unit's person in charge and contact phone as the unit keeps them (edited by
 * its own admins or the region admins above it, audited, the phone encrypted and masked), and the
 * signed-in issuer as handler.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { loadConfig } from '../../lib/config.ts';
import { decrypt, encrypt } from '../../lib/crypto.ts';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';
import { api } from '../activities/activities.testkit.ts';
import { seedDemo } from '../../demo/demo.seed.ts';
import { insertRecord, insertRequest } from './certificates.testkit.ts';

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';
const PUBLIC = 'https://verify.yiqi.example.cn';
const HOSTILE = 'yiqi-verify.example.net';

let t: TestApp;
let orgId: string;
let otherOrg: string;
const cookies = {} as Record<'admin' | 'other' | 'region' | 'futian', string>;

before(async () => {
  t = await startTestApp({
    env: { PUBLIC_URL: `${PUBLIC}/`, SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' },
  });
  orgId = await insertOrganization(t, '南山区粤海街道志愿服务队', NANSHAN);
  otherOrg = await insertOrganization(t, '南山区桃源街道志愿服务队', NANSHAN);
  cookies.admin = await signIn(t, await createUser(t, 'uc.admin', { role: 'org_admin', orgId }));
  cookies.other = await signIn(t, await createUser(t, 'uc.other', { role: 'org_admin', orgId: otherOrg }));
  cookies.region = await signIn(
    t,
    await createUser(t, 'uc.region', { role: 'region_admin', region: NANSHAN }),
  );
  cookies.futian = await signIn(
    t,
    await createUser(t, 'uc.futian', { role: 'region_admin', region: FUTIAN }),
  );
});
after(() => t.close());

const contacts = (cookie: string, id: string, body: Record<string, unknown>) =>
  api(t, cookie, 'PUT', `/api/organizations/${id}/contacts`, body);

/** A volunteer with one confirmed record of the unit and an open request for a certificate. */
async function openRequest(unit: string): Promise<string> {
  const v = await addVolunteerRecord(t, null);
  await insertRecord(t, { volunteerId: v.id, orgId: unit, date: '2026-09-01', minutes: 120 });
  return insertRequest(t, v.id, unit);
}

describe('PUBLIC_URL', () => {
  it('is validated as an absolute http(s) address and defaults to localhost on the port', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    assert.equal(loadConfig({ YIQI_APP_KEY: key, PORT: '8080' }).publicUrl, 'http://localhost:8080');
    assert.equal(
      loadConfig({ YIQI_APP_KEY: key, PUBLIC_URL: 'https://yiqi.example.cn/app/' }).publicUrl,
      'https://yiqi.example.cn/app',
    );
    for (const bad of [
      'javascript:alert(1)',
      'ftp://yiqi.example.cn',
      '/verify',
      'yiqi.example.cn',
      'https://u:p@x.cn',
    ])
      assert.throws(() => loadConfig({ YIQI_APP_KEY: key, PUBLIC_URL: bad }), /PUBLIC_URL/, bad);
  });
});

describe('unit contacts', () => {
  it('are edited by the unit’s admin: audited, the phone encrypted at rest and masked in responses', async () => {
    const res = await contacts(cookies.admin, orgId, {
      personInCharge: '周负责',
      handlerName: '吴经办',
      contactName: '郑联系',
      contactPhone: '0755-2688 1234',
    });
    assert.equal(res.statusCode, 200, res.body);
    const v = res.json();
    assert.equal(v.personInCharge, '周负责');
    assert.equal(v.handlerName, '吴经办');
    assert.equal(v.contactName, '郑联系');
    assert.ok(!res.body.includes('2688 1234'), 'the phone is masked');
    assert.notEqual(v.contactPhone, null);
    const row = await t.handle.db
      .selectFrom('organizations')
      .select(['contact_phone_enc', 'handler_name'])
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow();
    assert.ok(row.contact_phone_enc?.startsWith('v2:'));
    assert.equal(decrypt(t.config.appKey, row.contact_phone_enc!), '0755-2688 1234');
    const audit = (await auditRows(t, 'organization.contacts')).at(-1)!;
    assert.equal(audit.object_id, orgId);
    assert.deepEqual([...(audit.details.changed as string[])].sort(), [
      'contactName',
      'contactPhone',
      'handlerName',
      'personInCharge',
    ]);
    assert.ok(!JSON.stringify(audit.details).includes('2688'), 'no phone in the audit log');
    // Without a phone the number on record stays.
    const keep = await contacts(cookies.admin, orgId, {
      personInCharge: '周负责',
      handlerName: '吴经办',
      contactName: '郑联系',
    });
    assert.equal(keep.statusCode, 200, keep.body);
    assert.equal(keep.json().contactPhone, v.contactPhone);
    assert.deepEqual((await auditRows(t, 'organization.contacts')).at(-1)!.details.changed, []);
  });

  it('are edited by region admins of its scope, nobody else; fields are validated', async () => {
    const body = {
      personInCharge: '钱负责',
      handlerName: '孙经办',
      contactName: '李联系',
      contactPhone: '13912345678',
    };
    assert.equal((await contacts(cookies.region, otherOrg, body)).statusCode, 200);
    assert.equal((await contacts(cookies.other, orgId, body)).statusCode, 404);
    assert.equal((await contacts(cookies.futian, orgId, body)).statusCode, 404);
    assert.equal(
      (await contacts(cookies.admin, orgId, { ...body, contactPhone: 'call me' })).statusCode,
      400,
    );
    assert.equal((await contacts(cookies.admin, orgId, { ...body, personInCharge: ' ' })).statusCode, 400);
    assert.equal((await contacts(cookies.admin, orgId, { ...body, extra: 1 })).statusCode, 400);
    const view = await api(t, cookies.region, 'GET', `/api/organizations/${otherOrg}`);
    assert.equal(view.json().personInCharge, '钱负责');
    assert.equal(view.json().contactPhone, '139****5678');
  });
});

describe('issuing with the unit’s contacts', () => {
  let certId: string;
  let number: string;

  it('prints the person in charge and phone on record, the signed-in issuer as handler, and the configured address whatever the Host', async () => {
    certId = await openRequest(orgId);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/certificates/${certId}/issue`,
      headers: { cookie: cookies.admin, host: HOSTILE },
      payload: {},
    });
    assert.equal(res.statusCode, 200, res.body);
    const c = res.json();
    number = c.number;
    assert.equal(c.personInCharge, '周负责');
    assert.equal(c.handlerName, '测试 uc.admin');
    assert.equal(c.issuerPhone, '075****1234');
    assert.equal(c.verifyUrl, `${PUBLIC}/verify/${number}`);
    assert.ok(!res.body.includes(HOSTILE));
    // Frozen encrypted; the unit's later change does not alter an issued certificate.
    const changed = await contacts(cookies.admin, orgId, {
      handlerName: '吴经办',
      contactName: '郑联系',
      contactPhone: '0755-2000 0000',
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const row = await t.handle.db
      .selectFrom('certificates')
      .select('issuer_phone_enc')
      .where('id', '=', certId)
      .executeTakeFirstOrThrow();
    assert.equal(decrypt(t.config.appKey, row.issuer_phone_enc!), '0755-2688 1234');
    await assert.rejects(
      t.handle.db
        .updateTable('certificates')
        .set({ issuer_phone_enc: encrypt(t.config.appKey, '110') })
        .where('id', '=', certId)
        .execute(),
    );
  });

  it('puts the configured verification address, never the Host header’s, into the PDF', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/certificates/${certId}/pdf`,
      headers: { cookie: cookies.admin, host: HOSTILE, 'x-forwarded-host': HOSTILE },
    });
    assert.equal(res.statusCode, 200, res.body);
    const raw = res.rawPayload.toString('latin1');
    // The QR code's area links to the address it encodes: a plain /URI in the PDF.
    assert.ok(raw.includes(`/URI (${PUBLIC}/verify/${number})`), 'link to the configured address');
    assert.ok(!raw.includes(HOSTILE));
    if (spawnSync('pdftotext', ['-v']).error === undefined) {
      const text = spawnSync('pdftotext', ['-layout', '-', '-'], { input: res.rawPayload }).stdout.toString();
      assert.ok(text.includes(`${PUBLIC}/verify/${number}`));
      assert.ok(text.includes('0755-2688 1234'), 'the issuer’s phone is printed');
      assert.ok(text.includes('周负责') && text.includes('测试 uc.admin'));
      assert.ok(!text.includes(HOSTILE));
    }
  });

  it('refuses a phone from the unit’s admin (the unit’s record is used)', async () => {
    const id = await openRequest(orgId);
    const res = await api(t, cookies.admin, 'POST', `/api/certificates/${id}/issue`, {
      contactPhone: '0755-1234 5678',
    });
    assert.equal(res.json().error.code, 'CERT_ISSUER_FIELDS');
  });
});

describe('the handler printed (经办人)', () => {
  it('is the signed-in issuer’s own name, never the unit’s handler on record nor its admin’s', async () => {
    // A unit with its own handler on record, dissolved with an open request: the region admins issue it.
    const unit = await insertOrganization(t, '南山区蛇口街道志愿服务队', NANSHAN);
    const unitAdmin = await signIn(
      t,
      await createUser(t, 'uc.unitadmin', { role: 'org_admin', orgId: unit }),
    );
    const set = await contacts(unitAdmin, unit, {
      personInCharge: '冯负责',
      handlerName: '褚经办',
      contactName: '卫联系',
      contactPhone: '0755-2666 0000',
    });
    assert.equal(set.statusCode, 200, set.body);
    const id = await openRequest(unit);
    const gone = await api(t, cookies.region, 'POST', `/api/organizations/${unit}/dissolve`, {
      reason: '换届后撤销',
    });
    assert.equal(gone.statusCode, 200, gone.body);
    const res = await api(t, cookies.region, 'POST', `/api/certificates/${id}/issue`, {
      personInCharge: '蒋主任',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().handlerName, '测试 uc.region');
    const pdf = await api(t, cookies.region, 'GET', `/api/certificates/${id}/pdf`);
    assert.equal(pdf.statusCode, 200, pdf.body);
    if (spawnSync('pdftotext', ['-v']).error === undefined) {
      const text = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf.rawPayload }).stdout.toString();
      assert.ok(text.includes('测试 uc.region'), 'the issuer’s own name');
      assert.ok(!text.includes('褚经办') && !text.includes('测试 uc.unitadmin'), 'no other name');
    }
  });
});

describe('demo data', () => {
  it('gives every demo organization a person in charge, handler and contact, so it can issue', async () => {
    const demo = await startTestApp();
    try {
      assert.equal(await seedDemo(demo.handle.db, demo.config.appKey), true);
      const rows = await demo.handle.db
        .selectFrom('organizations')
        .select(['name', 'person_in_charge', 'handler_name', 'contact_name', 'contact_phone_enc'])
        .execute();
      assert.ok(rows.length >= 3);
      for (const r of rows) {
        assert.ok(r.person_in_charge, `${r.name} has a person in charge`);
        assert.ok(r.handler_name && r.contact_name, `${r.name} has a handler and contact`);
        assert.match(decrypt(demo.config.appKey, r.contact_phone_enc!), /^0755-/);
      }
    } finally {
      await demo.close();
    }
  });
});
