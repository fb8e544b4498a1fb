import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { idCheckChar } from '@yiqi/shared/identity/documents';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { registration } from '../memberships/memberships.testkit.ts';
import { cookieOf, idNumber, NANSHAN, registerBody, registerWithCode } from './volunteers.testkit.ts';

/**
 * Numbers come in as people type them: phones with spaces, dashes or +86, documents and credit codes in
 * full-width characters (a Chinese input method's default). They are normalised once (shared/identity
 * normalize.ts, through the contracts), stored in one form and found again in any of them.
 */

let t: TestApp;
let nsAdmin: string;
before(async () => {
  t = await startTestApp();
  nsAdmin = await signIn(t, await createUser(t, 'nz.ns', { role: 'region_admin', region: NANSHAN }));
});
after(() => t.close());

/** Self-registration as the web does it: the form, then the form with the code texted to the phone. */
const register = (body: Record<string, unknown>) => registerWithCode(t, body);
const reveal = (id: string, field: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/volunteers/${id}/reveal`,
    headers: { cookie: nsAdmin },
    payload: { field, reason: '核对登记信息' },
  });
const fullWidth = (s: string) =>
  s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('phones and document numbers as typed', () => {
  test('registration: "+86 138-…" and a full-width ID with spaces are stored normalised and found again', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const doc = idNumber('19920704', { male: false });
    const res = await register(
      registerBody({
        phone: `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`,
        docNumber: `${fullWidth(doc.slice(0, 6))} ${fullWidth(doc.slice(6, 14))}　${fullWidth(doc.slice(14))}`,
      }),
    );
    assert.equal(res.statusCode, 200, res.body);
    const id = res.json().volunteer.id as string;
    assert.equal(res.json().volunteer.birthDate, '1992-07-04');
    assert.deepEqual((await reveal(id, 'phone')).json().value, phone);
    assert.deepEqual((await reveal(id, 'docNumber')).json().value, doc);

    // The same person typed plainly is the same person.
    const again = await register(
      registerBody({ phone: `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, docNumber: doc }),
    );
    // (answered like anyone else: the code goes to the phone on record, and is no registration code)
    assert.equal(again.json().error?.code, 'OTP_INVALID', again.body);

    // Staff search by the whole number, typed any way.
    for (const q of [
      `0086 ${phone}`,
      fullWidth(phone),
      `${doc.slice(0, 6)}-${doc.slice(6)}`,
      fullWidth(doc.toLowerCase()),
    ]) {
      const found = await t.app.inject({
        method: 'POST',
        url: '/api/volunteers/search',
        headers: { cookie: nsAdmin },
        payload: { q },
      });
      assert.equal(found.statusCode, 200, found.body);
      assert.deepEqual(
        found.json().items.map((i: { id: string }) => i.id),
        [id],
        q,
      );
    }

    // Profile: an emergency contact's phone with +86 and a corrected number in full width.
    const cookie = cookieOf(res);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/me/volunteer',
      headers: { cookie },
      payload: { emergencyContact: { name: '王五', phone: '+8613800138000' } },
    });
    assert.equal(patch.statusCode, 200, patch.body);
    assert.equal(patch.json().emergencyContact.phoneMasked, '138****8000');
  });

  test('an ID number whose address code is 000000 or names no province is refused', async () => {
    for (const area of ['000000', '990101', '201234']) {
      const first17 = `${area}19900101123`;
      const res = await register(registerBody({ docNumber: first17 + idCheckChar(first17) }));
      assert.equal(res.statusCode, 400, area);
      assert.equal(res.json().error.code, 'DOCUMENT_REGION', area);
    }
  });

  test('organization registration: a full-width USCC with spaces and a +86 phone', async () => {
    const applicant = await signIn(t, await createUser(t, 'nz.applicant', { totp: true }));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: { cookie: applicant },
      payload: registration({
        orgType: 'foundation',
        uscc: '９１３５ ０１００ Ｍ０００ １００ｙ４３',
        contactPhone: '+86 138 0013 8000',
      }),
    });
    assert.equal(res.statusCode, 200, res.body);
    const row = await t.handle.db
      .selectFrom('organizations')
      .select('uscc')
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    assert.equal(row.uscc, '91350100M000100Y43');
  });
});

describe('ages on China’s calendar', () => {
  test('at 01:00 in China (17:00 UTC the day before) someone turning 14 that day registers on their own', async () => {
    const saved = t.clock.t;
    t.clock.t = Date.parse('2026-12-06T17:00:00Z');
    try {
      const res = await register(registerBody({ docNumber: idNumber('20121207') }));
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().volunteer.age, 14);
      // One day younger is still 13 there: a guardian has to register them.
      const younger = await register(registerBody({ docNumber: idNumber('20121208') }));
      assert.equal(younger.json().error?.code, 'MINOR_NEEDS_GUARDIAN_REGISTRATION');
    } finally {
      t.clock.t = saved;
    }
  });
});
