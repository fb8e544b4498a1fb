import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { idNumber, NANSHAN, phone, registerVolunteer } from './volunteers.testkit.ts';

let t: TestApp;
before(async () => (t = await startTestApp()));
after(() => t.close());

const patch = (cookie: string, payload: object) =>
  t.app.inject({ method: 'PATCH', url: '/api/me/volunteer', headers: { cookie }, payload });
const get = (cookie: string) => t.app.inject({ url: '/api/me/volunteer', headers: { cookie } });

describe('own profile', () => {
  test('a signed-in user without a volunteer record is told to register', async () => {
    const cookie = await signIn(t, await createUser(t, 'plain.user'));
    const res = await get(cookie);
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'VOLUNTEER_REQUIRED');
    assert.equal((await t.app.inject({ url: '/api/me/volunteer' })).statusCode, 401);
  });

  test('skills, categories, regions, availability, languages and emergency contact', async () => {
    const { cookie } = await registerVolunteer(t);
    const contactPhone = phone();
    const res = await patch(cookie, {
      skills: ['急救', '手语', '急救'],
      categories: ['community', 'emergency_rescue'],
      serviceRegions: ['440305000000', '440304000000'],
      availability: [
        { weekday: 6, start: '09:00', end: '12:00' },
        { weekday: 7, start: '14:00', end: '18:00' },
      ],
      languages: ['zh', 'yue', 'en'],
      emergencyContact: { name: '李家人', phone: contactPhone },
    });
    assert.equal(res.statusCode, 200, res.body);
    const v = res.json();
    assert.deepEqual(v.skills, ['急救', '手语']);
    assert.deepEqual(v.categories, ['community', 'emergency_rescue']);
    assert.deepEqual(v.serviceRegions, ['440305000000', '440304000000']);
    assert.equal(v.availability.length, 2);
    assert.deepEqual(v.languages, ['zh', 'yue', 'en']);
    assert.equal(v.emergencyContact.name, '李家人');
    assert.equal(v.emergencyContact.phoneMasked, contactPhone.slice(0, 3) + '****' + contactPhone.slice(-4));
    assert.ok(!res.body.includes(contactPhone));
    assert.equal(v.verification.status, 'unverified', 'no real-name field changed');
    const row = await t.handle.db
      .selectFrom('volunteers')
      .select('emergency_contact_enc')
      .where('id', '=', v.id)
      .executeTakeFirstOrThrow();
    assert.ok(!row.emergency_contact_enc!.includes(contactPhone));
    const audit = (await auditRows(t, 'volunteer.update')).at(-1)!;
    assert.ok((audit.details.fields as string[]).includes('emergencyContact'));
    assert.ok(!JSON.stringify(audit.details).includes(contactPhone));

    const cleared = await patch(cookie, { emergencyContact: null });
    assert.equal(cleared.json().emergencyContact, null);
  });

  test('invalid profile values are refused', async () => {
    const { cookie } = await registerVolunteer(t);
    const bad: [object, string][] = [
      [{ categories: ['knitting'] }, 'VALIDATION_FAILED'],
      [{ availability: [{ weekday: 8, start: '09:00', end: '10:00' }] }, 'VALIDATION_FAILED'],
      [{ availability: [{ weekday: 1, start: '12:00', end: '09:00' }] }, 'VALIDATION_FAILED'],
      [{ availability: [{ weekday: 1, start: '9:00', end: '10:00' }] }, 'VALIDATION_FAILED'],
      [{ serviceRegions: ['449999999999'] }, 'REGION_NOT_FOUND'],
      [{ emergencyContact: { name: '某人', phone: '12345' } }, 'VALIDATION_FAILED'],
      [{ languages: ['Chinese!'] }, 'VALIDATION_FAILED'],
      [{ unknownField: 1 }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of bad)
      assert.equal((await patch(cookie, body)).json().error.code, code, JSON.stringify(body));
  });
});

describe('corrections of the real-name data', () => {
  test('a corrected name or document puts verification back to unverified, audited', async () => {
    const { cookie, volunteer } = await registerVolunteer(t, { name: '张三丰' });
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/me/volunteer/verify',
      headers: { cookie },
    });
    assert.equal(verified.json().verification.status, 'verified');

    // Saving the same values again is no correction.
    const same = await patch(cookie, { name: '张三丰' });
    assert.equal(same.json().verification.status, 'verified');

    const renamed = await patch(cookie, { name: '张三峰' });
    assert.equal(renamed.statusCode, 200);
    assert.equal(renamed.json().name, '张三峰');
    assert.equal(renamed.json().verification.status, 'unverified');
    assert.equal(renamed.json().verification.method, null);
    const me = await t.app.inject({ url: '/api/me', headers: { cookie } });
    assert.equal(me.json().displayName, '张三峰');
    const audit = (await auditRows(t, 'volunteer.update')).at(-1)!;
    assert.equal(audit.object_id, volunteer.id);
    assert.equal(audit.details.reverification, true);
    assert.ok(!JSON.stringify(audit.details).includes('张三'));

    const newDoc = idNumber('19880808', { male: false });
    const corrected = await patch(cookie, { docNumber: newDoc });
    assert.equal(corrected.statusCode, 200, corrected.body);
    assert.equal(corrected.json().birthDate, '1988-08-08');
    assert.equal(corrected.json().gender, 'female');
    assert.equal(corrected.json().docNumberMasked.slice(-4), newDoc.slice(-4));
  });

  test('a correction cannot take over another volunteer’s document, nor carry a bad number', async () => {
    const a = await registerVolunteer(t);
    const b = await registerVolunteer(t);
    const taken = await patch(b.cookie, { docNumber: a.body.docNumber });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'VOLUNTEER_EXISTS');
    const bad = await patch(b.cookie, { docNumber: a.body.docNumber.slice(0, 17) + 'Y' });
    assert.equal(bad.json().error.code, 'DOCUMENT_FORMAT');
  });

  test('switching to a passport keeps the stored birth date unless corrected', async () => {
    const { cookie } = await registerVolunteer(t, { docNumber: idNumber('19750505') });
    const res = await patch(cookie, { docType: 'passport', docNumber: 'G12345678' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().birthDate, '1975-05-05');
    assert.equal(res.json().docType, 'passport');
    const back = await patch(cookie, { docType: 'mainland_id', docNumber: idNumber('19750506') });
    assert.equal(back.json().birthDate, '1975-05-06');
  });
});

describe('the retired free-text qualifications (decision 0069)', () => {
  const declared = [{ name: '红十字救护员证', issuer: '深圳市红十字会', validUntil: '2028-06-30' }];
  /** A volunteer whose profile still holds what was typed before qualifications became records. */
  async function withDeclared() {
    const v = await registerVolunteer(t);
    await t.handle.db
      .updateTable('volunteers')
      .set({ qualifications: JSON.stringify(declared) })
      .where('id', '=', v.volunteer.id)
      .execute();
    return v;
  }

  test('a profile edit that sends them is refused in the caller’s language and changes nothing', async () => {
    const { cookie, volunteer } = await withDeclared();
    const audits = (await auditRows(t, 'volunteer.update')).length;
    const before = (await get(cookie)).json();
    for (const [lang, words] of [
      ['zh-CN', '资质'],
      ['zh-HK', '資質'],
      ['en', 'claim'],
    ] as const) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: '/api/me/volunteer',
        // A signed-in caller's language: the chosen one (cookie), else the account's.
        headers: { cookie: `${cookie}; yiqi_locale=${lang}` },
        payload: { skills: ['新技能'], qualifications: [{ name: '律师执业证', issuer: '司法局' }] },
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'QUALIFICATIONS_ARE_RECORDS');
      assert.ok(res.json().error.message.includes(words), res.json().error.message);
    }
    // Even an empty list is an edit of the retired field.
    const empty = await patch(cookie, { qualifications: [] });
    assert.equal(empty.json().error.code, 'QUALIFICATIONS_ARE_RECORDS');
    const after = (await get(cookie)).json();
    assert.deepEqual(after, before, 'nothing changed, not even the skills sent alongside');
    assert.deepEqual(after.declaredQualifications, declared);
    assert.equal((await auditRows(t, 'volunteer.update')).length, audits);
    const row = await t.handle.db
      .selectFrom('volunteers')
      .select('qualifications')
      .where('id', '=', volunteer.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row.qualifications, declared);
  });

  test('they stay readable by the volunteer only, who may remove them (audited)', async () => {
    const { cookie, volunteer } = await withDeclared();
    assert.deepEqual((await get(cookie)).json().declaredQualifications, declared);
    const admin = await signIn(
      t,
      await createUser(t, `dq.admin.${volunteer.volunteerNo}`, {
        role: 'region_admin',
        region: NANSHAN,
      }),
    );
    const staff = await t.app.inject({ url: `/api/volunteers/${volunteer.id}`, headers: { cookie: admin } });
    assert.equal(staff.statusCode, 200, staff.body);
    assert.deepEqual(staff.json().declaredQualifications, [], 'staff decide on records with evidence');
    assert.ok(!staff.body.includes('红十字救护员证'));

    const exported = await t.app.inject({ url: '/api/me/volunteer/export', headers: { cookie } });
    assert.deepEqual(exported.json().volunteer.declaredQualifications, declared);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/me/volunteer/declared-qualifications',
      headers: { cookie },
    });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(removed.json().declaredQualifications, []);
    const audit = (await auditRows(t, 'volunteer.declared_qualifications_cleared')).at(-1)!;
    assert.equal(audit.object_id, volunteer.id);
    assert.deepEqual(audit.details, { removed: 1 });
    assert.ok(!JSON.stringify(audit.details).includes('红十字'));
  });
});
