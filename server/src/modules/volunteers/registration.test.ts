import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  auditRows,
  createOrganization,
  createUser,
  signIn,
  startTestApp,
  type TestApp,
} from '../../test/harness.ts';
import {
  cookieOf,
  FUTIAN,
  guardian,
  idNumber,
  NANSHAN,
  onBehalfBody,
  phone,
  registerBody,
  registerVolunteer,
  registerWithCode,
  VOLUNTEER_PASSWORD,
} from './volunteers.testkit.ts';
import { isVolunteerNumber, luhnDigit } from './volunteer-number.ts';

let t: TestApp;
let orgAdmin: string;
let pendingOrgAdmin: string;
let nsAdmin: string;
let orgId: string;
let pendingOrgId: string;
let otherOrgId: string;
before(async () => {
  t = await startTestApp();
  orgId = await createOrganization(t, '南山义工队', NANSHAN);
  otherOrgId = await createOrganization(t, '福田义工队', FUTIAN);
  pendingOrgId = await createOrganization(t, '待审核队', NANSHAN);
  await t.handle.db
    .updateTable('organizations')
    .set({ status: 'pending' })
    .where('id', '=', pendingOrgId)
    .execute();
  orgAdmin = await signIn(t, await createUser(t, 'reg.org', { role: 'org_admin', orgId }));
  pendingOrgAdmin = await signIn(
    t,
    await createUser(t, 'reg.pending', { role: 'org_admin', orgId: pendingOrgId }),
  );
  nsAdmin = await signIn(t, await createUser(t, 'reg.ns', { role: 'region_admin', region: NANSHAN }));
});
after(() => t.close());

const register = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  registerWithCode(t, body, headers);
const onBehalf = (cookie: string, body: object) =>
  t.app.inject({ method: 'POST', url: '/api/volunteers', payload: body, headers: { cookie } });
const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('self-registration', () => {
  test('creates an account and a volunteer, signs in, and answers masked', async () => {
    const body = registerBody({ docNumber: idNumber('19900315', { male: false }) });
    const res = await register(body);
    assert.equal(res.statusCode, 200, res.body);
    const { me, volunteer } = res.json();
    assert.ok(isVolunteerNumber(volunteer.volunteerNo));
    assert.ok(volunteer.volunteerNo.startsWith('440305'));
    assert.equal(me.username, `v${volunteer.volunteerNo}`);
    assert.equal(volunteer.birthDate, '1990-03-15');
    assert.equal(volunteer.gender, 'female');
    assert.equal(volunteer.age, 36);
    assert.equal(
      volunteer.docNumberMasked,
      body.docNumber.slice(0, 6) + '********' + body.docNumber.slice(-4),
    );
    assert.equal(volunteer.phoneMasked, body.phone.slice(0, 3) + '****' + body.phone.slice(-4));
    assert.equal(volunteer.verification.status, 'unverified');
    assert.deepEqual(volunteer.signUpBlockers, ['real_name_unverified']);
    assert.ok(!res.body.includes(body.docNumber) && !res.body.includes(body.phone));

    const profile = await t.app.inject({ url: '/api/me/volunteer', headers: { cookie: cookieOf(res) } });
    assert.equal(profile.json().id, volunteer.id);

    const row = await t.handle.db
      .selectFrom('volunteers')
      .selectAll()
      .where('id', '=', volunteer.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.doc_number_enc!.startsWith('v2:') && !row.doc_number_enc!.includes(body.docNumber));
    assert.ok(row.phone_enc!.startsWith('v2:'));
    assert.ok(row.sensitive_consent_at);
    assert.equal(row.privacy_notice_version, '2026-01');
    const audit = (await auditRows(t, 'volunteer.register')).at(-1)!;
    assert.equal(audit.object_id, volunteer.id);
    assert.ok(!JSON.stringify(audit).includes(body.docNumber));
  });

  test('signs in with the phone number as user name; failures never record the phone', async () => {
    const { body, me } = await registerVolunteer(t);
    const ok = await login(body.phone, VOLUNTEER_PASSWORD);
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().username, me.username);
    assert.equal((await login(me.username, VOLUNTEER_PASSWORD)).statusCode, 200);
    assert.equal((await login(body.phone, 'Wrong-pass-99')).statusCode, 401);
    const unknown = phone();
    assert.equal((await login(unknown, 'Wrong-pass-99')).statusCode, 401);
    const rows = await auditRows(t, 'auth.login');
    assert.ok(rows.some((r) => r.actor_name === me.username && r.result === 'failed'));
    assert.ok(rows.some((r) => r.actor_name === unknown.slice(0, 3) + '****' + unknown.slice(-4)));
    assert.ok(
      !rows.some((r) => JSON.stringify(r).includes(body.phone) || JSON.stringify(r).includes(unknown)),
    );
  });

  test('one person, one volunteer: the same document or phone again answers like a new person and registers nothing', async () => {
    const first = registerBody();
    assert.equal((await register(first)).statusCode, 200);
    const raw = (body: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/volunteers/register', payload: body });
    const fresh = await raw(registerBody());
    const sameDoc = await raw(registerBody({ docNumber: first.docNumber, name: '别人' }));
    // Lower-case x and spaces are the same number.
    const spaced = await raw(registerBody({ docNumber: ` ${first.docNumber.toLowerCase()} ` }));
    const samePhone = await raw(registerBody({ phone: first.phone }));
    for (const r of [sameDoc, spaced, samePhone]) {
      assert.equal(r.statusCode, fresh.statusCode);
      assert.equal(r.body, fresh.body);
    }
    assert.equal(fresh.statusCode, 202);
    // Completing with any code fails like a wrong code: no code was ever issued for that document.
    const guess = await raw({ ...registerBody({ docNumber: first.docNumber }), phoneCode: '123456' });
    assert.equal(guess.json().error.code, 'OTP_INVALID');
    const count = await t.handle.db
      .selectFrom('volunteers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('name', '=', '别人')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
    assert.ok(!sameDoc.body.includes(first.docNumber));
  });

  test('each document problem has its own code, in every language', async () => {
    const good = idNumber('19900315');
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const cases: [Record<string, unknown>, string][] = [
      [{ docNumber: '12345' }, 'DOCUMENT_FORMAT'],
      [{ docNumber: badCheck }, 'DOCUMENT_CHECKSUM'],
      [{ docNumber: '440305199002300012' }, 'DOCUMENT_BIRTH_DATE'],
      [{ docType: 'hk_residence_permit', docNumber: good }, 'DOCUMENT_PREFIX'],
      [{ docType: 'passport', docNumber: 'E12345678' }, 'BIRTH_DATE_REQUIRED'],
      [{ docNumber: good, birthDate: '1991-01-01' }, 'VALIDATION_FAILED'],
      [{ password: 'short1' }, 'WEAK_PASSWORD'],
      [{ regionCode: '449999999999' }, 'REGION_NOT_FOUND'],
      [{ phone: '12345678901' }, 'VALIDATION_FAILED'],
      [{ sensitiveConsent: false }, 'VALIDATION_FAILED'],
    ];
    for (const [over, code] of cases) {
      const res = await register(registerBody(over));
      assert.equal(res.json().error.code, code, JSON.stringify(over));
      assert.equal(res.statusCode, code.endsWith('NOT_FOUND') ? 404 : 400);
    }
    const messages = await Promise.all(
      ['zh-CN', 'zh-HK', 'en'].map(
        async (lang) =>
          (await register(registerBody({ docNumber: badCheck }), { 'accept-language': lang })).json().error
            .message,
      ),
    );
    assert.equal(new Set(messages).size, 3);
    assert.match(messages[2]!, /check character/);
  });

  test('documents without an encoded birth date take birth date and gender as inputs', async () => {
    const res = await register(
      registerBody({ docType: 'passport', docNumber: 'e1234 5678', birthDate: '1985-06-01', gender: 'male' }),
    );
    assert.equal(res.statusCode, 200, res.body);
    const v = res.json().volunteer;
    assert.equal(v.docType, 'passport');
    assert.equal(v.birthDate, '1985-06-01');
    assert.equal(v.docNumberMasked, 'E1*****78');
    const future = await register(
      registerBody({ docType: 'passport', docNumber: 'E99887766', birthDate: '2030-01-01', gender: 'male' }),
    );
    assert.equal(future.json().error.code, 'BIRTH_DATE_REQUIRED');
  });

  test('volunteer numbers carry a Luhn check digit and are unique', async () => {
    assert.equal(luhnDigit('7992739871'), '3');
    const nos = await t.handle.db.selectFrom('volunteers').select('volunteer_no').execute();
    assert.equal(new Set(nos.map((n) => n.volunteer_no)).size, nos.length);
    assert.ok(nos.every((n) => isVolunteerNumber(n.volunteer_no)));
    assert.ok(
      !isVolunteerNumber(nos[0]!.volunteer_no.slice(0, 13) + '0') || nos[0]!.volunteer_no.endsWith('0'),
    );
  });
});

describe('minors', () => {
  test('under 14 cannot register alone; a guardian filling in the form can', async () => {
    const child = { docNumber: idNumber('20150101') };
    const alone = await register(registerBody(child));
    assert.equal(alone.statusCode, 403);
    assert.equal(alone.json().error.code, 'MINOR_NEEDS_GUARDIAN_REGISTRATION');
    const notByGuardian = await register(registerBody({ ...child, guardian: guardian() }));
    assert.equal(notByGuardian.json().error.code, 'MINOR_NEEDS_GUARDIAN_REGISTRATION');
    const byGuardian = await register(
      registerBody({ ...child, guardian: guardian({ registeredByGuardian: true }) }),
    );
    assert.equal(byGuardian.statusCode, 200, byGuardian.body);
    const v = byGuardian.json().volunteer;
    assert.equal(v.age, 11);
    assert.equal(v.isMinor, true);
    assert.equal(v.guardian.registeredByGuardian, true);
    assert.match(v.guardian.phoneMasked, /^139\*{4}\d{4}$/);
    assert.deepEqual(v.signUpBlockers, ['real_name_unverified']);
  });

  test('14–17 register themselves but cannot sign up until a guardian consents', async () => {
    const teen = await registerVolunteer(t, { docNumber: idNumber('20081201') });
    const me = (await t.app.inject({ url: '/api/me/volunteer', headers: { cookie: teen.cookie } })).json();
    assert.equal(me.age, 17);
    assert.equal(me.canSignUp, false);
    assert.deepEqual(me.signUpBlockers, ['guardian_consent_required', 'real_name_unverified']);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/me/volunteer',
      headers: { cookie: teen.cookie },
      payload: { guardian: guardian() },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual(patched.json().signUpBlockers, ['real_name_unverified']);
  });
});

describe('registration on a volunteer’s behalf', () => {
  test('an approved organization registers a volunteer without an account', async () => {
    const body = onBehalfBody({ orgId });
    const res = await onBehalf(orgAdmin, body);
    assert.equal(res.statusCode, 200, res.body);
    const v = res.json();
    assert.equal(v.hasAccount, false);
    assert.equal(v.registeredByOrg, orgId);
    const row = await t.handle.db
      .selectFrom('volunteers')
      .selectAll()
      .where('id', '=', v.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.user_id, null);
    assert.equal(new Date(row.registration_consent_at!).toISOString(), body.consentRecordedAt);
    assert.equal(row.registration_consent_evidence, body.consentEvidence);
    const audit = (await auditRows(t, 'volunteer.register')).at(-1)!;
    assert.equal(audit.actor_name, 'reg.org');
    assert.equal(audit.details.mode, 'on_behalf');
    // The same person registering themselves later is the same volunteer.
    // (answered like a new registration; the code goes to the phone on record, to claim the record).
    const again = registerBody({ docNumber: body.docNumber });
    assert.equal((await register(again)).statusCode, 202);
    assert.match(t.otp.sent.at(-1)!.text, /认领/);
    assert.equal(t.otp.sent.at(-1)!.phone, body.phone);
  });

  test('an organization must be approved and administered by the caller', async () => {
    const pending = await onBehalf(pendingOrgAdmin, onBehalfBody({ orgId: pendingOrgId }));
    assert.equal(pending.json().error.code, 'REGISTERING_ORG_NOT_APPROVED');
    const other = await onBehalf(orgAdmin, onBehalfBody({ orgId: otherOrgId }));
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().error.code, 'OUT_OF_SCOPE');
    const noOrg = await onBehalf(orgAdmin, onBehalfBody());
    assert.equal(noOrg.statusCode, 403);
    const selfReg = await register(registerBody());
    const asVolunteer = await onBehalf(cookieOf(selfReg), onBehalfBody({ orgId }));
    assert.equal(asVolunteer.statusCode, 403);
  });

  test('a region admin registers residents of their area', async () => {
    const res = await onBehalf(nsAdmin, onBehalfBody());
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().registeredByOrg, null);
    const outside = await onBehalf(nsAdmin, onBehalfBody({ regionCode: FUTIAN }));
    assert.equal(outside.json().error.code, 'OUT_OF_SCOPE');
  });

  test('a child under 14 needs a guardian on record; consent may not be dated in the future', async () => {
    const child = { orgId, docNumber: idNumber('20160601') };
    const without = await onBehalf(orgAdmin, onBehalfBody(child));
    assert.equal(without.json().error.code, 'GUARDIAN_REQUIRED');
    const future = await onBehalf(
      orgAdmin,
      onBehalfBody({ ...child, consentRecordedAt: '2027-01-01T00:00:00Z' }),
    );
    assert.equal(future.json().error.code, 'VALIDATION_FAILED');
    const withGuardian = await onBehalf(orgAdmin, onBehalfBody({ ...child, guardian: guardian() }));
    assert.equal(withGuardian.statusCode, 200, withGuardian.body);
    assert.equal(withGuardian.json().guardian.name, '王监护');
  });
});

describe('the clock', () => {
  // Last in the file: moving the clock days ahead ends every session opened before.
  test('age follows the clock: a minor turns 18 without anyone touching the record', async () => {
    const teen = await registerVolunteer(t, { docNumber: idNumber('20081125') });
    const get = (cookie: string) => t.app.inject({ url: '/api/me/volunteer', headers: { cookie } });
    assert.equal((await get(teen.cookie)).json().age, 17);
    t.clock.advance(4 * 86_400_000);
    const cookie = cookieOf(await login(teen.body.phone, VOLUNTEER_PASSWORD));
    const after18 = (await get(cookie)).json();
    assert.equal(after18.age, 18);
    assert.deepEqual(after18.signUpBlockers, ['real_name_unverified']);
  });
});
