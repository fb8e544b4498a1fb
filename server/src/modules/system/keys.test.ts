import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.ts';
import { decrypt, encrypt, keyId } from '../../lib/crypto.ts';
import {
  createOrganization,
  createUser,
  signIn,
  startTestApp,
  testConfig,
  TEST_KEY,
  type TestApp,
} from '../../test/harness.ts';
import { openPostgres, type OpenDatabase } from '../../db/database.ts';
import {
  cookieOf,
  NANSHAN,
  registerVolunteer,
  registerWithCode,
  VOLUNTEER_PASSWORD,
} from '../volunteers/volunteers.testkit.ts';
import { insertIssuedCertificate, insertRecord } from '../certificates/certificates.testkit.ts';
import { execAsOwner } from '../../test/database.ts';
import { SEALED_COLUMNS } from './keys.repository.ts';
import { rotateKeys } from './keys.service.ts';

/**
 * Rotation of the personal-data key without downtime (docs/operations.md "Key rotation"): the app runs
 * with the new key and the old one as previous while `rotateKeys` re-seals the rows; lookups by document
 * number and phone (blind indexes), sign-in, second factor, masked and revealed data work before, half-way
 * and after, and nothing is left under the old key.
 */

const NEW_KEY = Buffer.alloc(32, 9).toString('base64');
let t: TestApp;
let people: { id: string; phone: string; doc: string }[] = [];
let admin: Awaited<ReturnType<typeof createUser>>;
/** The rotation runs as the schema owner (npm run keys:rotate uses DATABASE_OWNER_URL). */
let owner: OpenDatabase;

before(async () => {
  t = await startTestApp();
  const url = (t.handle as { url?: string }).url;
  owner = url ? await openPostgres(url) : t.handle;
  const orgId = await createOrganization(t, '轮换义工队', NANSHAN);
  admin = await createUser(t, 'keys.ns', { role: 'region_admin', region: NANSHAN });
  for (let i = 0; i < 3; i++) {
    const v = await registerVolunteer(t);
    people.push({ id: v.volunteer.id, phone: v.body.phone, doc: v.body.docNumber });
  }
  // An issued certificate: frozen by triggers, yet its issuer's phone must be re-sealed too.
  await insertRecord(t, { volunteerId: people[0]!.id, orgId, date: '2026-07-01', minutes: 60 });
  const revoked = await insertIssuedCertificate(t, people[0]!.id, orgId);
  await execAsOwner(
    t.handle,
    `ALTER TABLE certificates DISABLE TRIGGER USER;
     UPDATE certificates SET issuer_phone_enc = '${encrypt(t.config.appKey, '13900003333')}' WHERE id = '${revoked.id}';
     ALTER TABLE certificates ENABLE TRIGGER USER;`,
  );
  // A ciphertext from before key ids ("v1:"), as databases written by earlier versions hold.
  const legacy = encrypt(t.config.appKey, '13900001111').replace(/^v2:[0-9a-f]{8}:/, 'v1:');
  await t.handle.db
    .updateTable('organizations')
    .set({ contact_phone_enc: legacy })
    .where('id', '=', orgId)
    .execute();
});
after(async () => {
  if (owner !== t.handle) await owner.close();
  await t.close();
});

/** The same database served by an app with other keys (as a node restarted with new settings would be). */
async function appWith(env: Record<string, string>): Promise<TestApp> {
  const config = testConfig(env);
  const app = await buildApp({ db: t.handle.db, config, clock: t.clock.now, otpChannel: t.otp });
  await app.ready();
  return { ...t, app, config, close: () => app.close() };
}

/** Everything that reads or looks up sealed data still works through this app. */
async function allWork(a: TestApp) {
  const staff = await signIn(a, admin); // the second factor's secret is sealed
  for (const p of people) {
    const login = await a.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: p.phone, password: VOLUNTEER_PASSWORD },
    });
    assert.equal(login.statusCode, 200, `sign-in by phone (blind index): ${login.body}`);
    const me = await a.app.inject({ url: '/api/me/volunteer', headers: { cookie: cookieOf(login) } });
    assert.equal(me.json().phoneMasked, p.phone.slice(0, 3) + '****' + p.phone.slice(-4));
    for (const [field, plain] of [
      ['phone', p.phone],
      ['docNumber', p.doc],
    ] as const) {
      const r = await a.app.inject({
        method: 'POST',
        url: `/api/volunteers/${p.id}/reveal`,
        headers: { cookie: staff },
        payload: { field, reason: '核对登记信息' },
      });
      assert.equal(r.json().value, plain, `reveal ${field}: ${r.body}`);
    }
  }
  // One person, one volunteer: the document's blind index finds the first registration, so the same
  // document again is answered like a new person (no enumeration) but no code is texted and nothing made.
  const phone = `137${String(Date.now()).slice(-8)}`;
  const again = await registerWithCode(a, {
    phone,
    password: VOLUNTEER_PASSWORD,
    name: '李志愿',
    docType: 'mainland_id',
    docNumber: people[0]!.doc,
    regionCode: NANSHAN,
    privacyNoticeVersion: '2026-01',
    sensitiveConsent: true,
  });
  assert.equal(again.statusCode, 202, again.body);
  assert.ok(!a.otp.sent.some((m) => m.phone === phone), 'the same document was recognised');
}

async function sealedValues(): Promise<string[]> {
  const out: string[] = [];
  for (const [table, columns] of Object.entries(SEALED_COLUMNS))
    for (const column of columns) {
      const rows = await t.handle.db
        .selectFrom(table as 'users')
        .select(`${column} as v` as 'id')
        .execute();
      for (const r of rows as unknown as { v: string | null }[]) if (r.v) out.push(r.v);
    }
  return out;
}

describe('rotating the personal-data key', () => {
  let rotated: TestApp;
  const oldId = keyId(Buffer.from(TEST_KEY, 'base64'));
  const newId = keyId(Buffer.from(NEW_KEY, 'base64'));

  test('before: the data is sealed under the first key and everything works', async () => {
    const values = await sealedValues();
    assert.ok(values.length >= 8, `${values.length} sealed values`);
    assert.ok(values.some((v) => v.startsWith('v1:')));
    assert.ok(values.every((v) => v.startsWith('v1:') || v.startsWith(`v2:${oldId}:`)));
    await allWork(t);
  });

  test('a node with the new key but not the old one cannot read the data (so the test can fail)', () => {
    const sealed = encrypt(t.config.appKey, '13900002222');
    assert.throws(() => decrypt(Buffer.from(NEW_KEY, 'base64'), sealed), /unknown key/);
  });

  test('an earlier key without a stable index key is refused at start', () => {
    assert.throws(
      () => testConfig({ YIQI_APP_KEY: NEW_KEY, YIQI_APP_KEYS_PREVIOUS: TEST_KEY }),
      /YIQI_INDEX_KEY/,
    );
  });

  test('during: half the rows re-sealed, new writes under the new key, everything works', async () => {
    rotated = await appWith({
      YIQI_APP_KEY: NEW_KEY,
      YIQI_APP_KEYS_PREVIOUS: TEST_KEY,
      YIQI_INDEX_KEY: TEST_KEY,
    });
    const total = (await sealedValues()).length;
    const half = await rotateKeys(owner.db, rotated.config.appKey, {
      batchSize: 2,
      maxRows: Math.floor(total / 2),
    });
    assert.ok(half.remaining > 0 && half.remaining < total, `half-way: ${half.remaining} of ${total} left`);
    const v = await registerVolunteer(rotated);
    people.push({ id: v.volunteer.id, phone: v.body.phone, doc: v.body.docNumber });
    const row = await t.handle.db
      .selectFrom('volunteers')
      .select('phone_enc')
      .where('id', '=', v.volunteer.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.phone_enc!.startsWith(`v2:${newId}:`));
    await allWork(rotated);
    // A node still on the old key as its current one, restarted with the new key as an extra one first
    // (step 1 of the rotation), reads both old and new ciphertexts during a rolling restart.
    const knowsNew = await appWith({
      YIQI_APP_KEY: TEST_KEY,
      YIQI_APP_KEYS_PREVIOUS: NEW_KEY,
      YIQI_INDEX_KEY: TEST_KEY,
    });
    await allWork(knowsNew);
    await knowsNew.close();
  });

  test('after: nothing is left under the old key, and the old key is no longer needed', async () => {
    const done = await rotateKeys(owner.db, rotated.config.appKey, { batchSize: 3 });
    assert.equal(done.remaining, 0);
    const values = await sealedValues();
    assert.ok(
      values.every((v) => v.startsWith(`v2:${newId}:`)),
      'every ciphertext under the new key',
    );
    await allWork(rotated);
    await rotated.close();
    const withoutOld = await appWith({ YIQI_APP_KEY: NEW_KEY, YIQI_INDEX_KEY: TEST_KEY });
    await allWork(withoutOld);
    await withoutOld.close();
  });
});
