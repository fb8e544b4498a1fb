import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { LOCAL_REJECTED_NUMBERS } from './identity-verifier.ts';
import { encrypt } from '../../lib/crypto.ts';
import { currentTotp, newTotpSecret } from '../auth/totp.ts';
import {
  cookieOf,
  FUTIAN,
  NANSHAN,
  pngBase64,
  registerVolunteer,
  VOLUNTEER_PASSWORD,
} from './volunteers.testkit.ts';

let t: TestApp;
let nsAdmin: string;
let ftAdmin: string;
before(async () => {
  t = await startTestApp();
  nsAdmin = await signIn(t, await createUser(t, 'ver.ns', { role: 'region_admin', region: NANSHAN }));
  ftAdmin = await signIn(t, await createUser(t, 'ver.ft', { role: 'region_admin', region: FUTIAN }));
});
after(() => t.close());

const post = (cookie: string, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
const upload = (cookie: string, payload: object) => post(cookie, '/api/me/volunteer/documents', payload);
const queue = (cookie: string, qs = '') =>
  t.app.inject({ url: `/api/volunteers/verification-queue${qs}`, headers: { cookie } });

describe('online check of mainland ID cards', () => {
  test('a passing check verifies with method "external"; it cannot run twice', async () => {
    const { cookie } = await registerVolunteer(t);
    const res = await post(cookie, '/api/me/volunteer/verify');
    assert.equal(res.statusCode, 200, res.body);
    const v = res.json();
    assert.equal(v.verification.status, 'verified');
    assert.equal(v.verification.method, 'external');
    assert.ok(v.verification.verifiedAt);
    assert.equal(v.canSignUp, true);
    assert.equal((await post(cookie, '/api/me/volunteer/verify')).json().error.code, 'ALREADY_VERIFIED');
    assert.equal((await auditRows(t, 'volunteer.verify')).at(-1)!.result, 'ok');
  });

  test('a refused check leaves the volunteer rejected with the reason, audited as failed', async () => {
    const number = [...LOCAL_REJECTED_NUMBERS][0]!;
    const { cookie } = await registerVolunteer(t, { docNumber: number });
    const v = (await post(cookie, '/api/me/volunteer/verify')).json();
    assert.equal(v.verification.status, 'rejected');
    assert.equal(v.verification.note, 'no_match');
    const row = (await auditRows(t, 'volunteer.verify')).at(-1)!;
    assert.equal(row.result, 'failed');
    assert.ok(!JSON.stringify(row).includes(number));
  });

  test('names the stand-in cannot match are refused', async () => {
    const { cookie } = await registerVolunteer(t, { name: 'X' });
    assert.equal((await post(cookie, '/api/me/volunteer/verify')).json().verification.note, 'name_mismatch');
  });

  test('other documents cannot be checked online', async () => {
    const { cookie } = await registerVolunteer(t, {
      docType: 'home_return_permit',
      docNumber: 'H12345678',
      birthDate: '1992-02-02',
      gender: 'male',
    });
    const res = await post(cookie, '/api/me/volunteer/verify');
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'EXTERNAL_VERIFICATION_UNAVAILABLE');
  });
});

describe('manual review of uploaded documents', () => {
  test('an upload is stored encrypted, puts the volunteer in the queue of their area only', async () => {
    const { cookie, volunteer } = await registerVolunteer(t, {
      docType: 'passport',
      docNumber: 'P7654321',
      birthDate: '1980-01-01',
      gender: 'female',
    });
    const content = pngBase64(2048);
    const res = await upload(cookie, { mimeType: 'image/png', contentBase64: content });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().verificationStatus, 'pending');
    const stored = await t.handle.db
      .selectFrom('verification_documents')
      .selectAll()
      .where('volunteer_id', '=', volunteer.id)
      .executeTakeFirstOrThrow();
    assert.ok(stored.content_enc.startsWith('v2:') && !stored.content_enc.includes(content.slice(0, 40)));

    const ns = (await queue(nsAdmin)).json();
    const item = ns.items.find((i: { id: string }) => i.id === volunteer.id);
    assert.ok(item, 'in the Nanshan queue');
    assert.equal(item.documents.length, 1);
    assert.equal(item.docNumberMasked, 'P7****21');
    assert.ok(!(await queue(ftAdmin)).json().items.some((i: { id: string }) => i.id === volunteer.id));
    assert.equal((await queue(ftAdmin, `?region=${NANSHAN}`)).statusCode, 403);

    const file = await t.app.inject({
      url: `/api/volunteers/${volunteer.id}/documents/${item.documents[0].id}`,
      headers: { cookie: nsAdmin },
    });
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'image/png');
    assert.equal(file.rawPayload.toString('base64'), content);
    assert.equal((await auditRows(t, 'volunteer.document_view')).length, 1);
    const foreign = await t.app.inject({
      url: `/api/volunteers/${volunteer.id}/documents/${item.documents[0].id}`,
      headers: { cookie: ftAdmin },
    });
    assert.equal(foreign.statusCode, 404);
  });

  test('files must be what they claim and at most 2 MB', async () => {
    const { cookie } = await registerVolunteer(t);
    const fake = Buffer.alloc(200, 0x41).toString('base64');
    const r1 = await upload(cookie, { mimeType: 'image/png', contentBase64: fake });
    assert.equal(r1.json().error.code, 'DOCUMENT_FILE_INVALID');
    const r2 = await upload(cookie, { mimeType: 'application/pdf', contentBase64: pngBase64() });
    assert.equal(r2.json().error.code, 'DOCUMENT_FILE_INVALID');
    const big = await upload(cookie, {
      mimeType: 'image/png',
      contentBase64: pngBase64(2 * 1024 * 1024 + 3),
    });
    assert.equal(big.statusCode, 413);
    const huge = await upload(cookie, { mimeType: 'image/png', contentBase64: pngBase64(3 * 1024 * 1024) });
    assert.equal(huge.statusCode, 413);
    const ok = await upload(cookie, { mimeType: 'image/png', contentBase64: pngBase64(2 * 1024 * 1024) });
    assert.equal(ok.statusCode, 200, ok.body.slice(0, 200));
  });

  test('a reviewer approves or rejects (with a reason); the decision is recorded and audited', async () => {
    const a = await registerVolunteer(t);
    const b = await registerVolunteer(t);
    for (const v of [a, b]) await upload(v.cookie, { mimeType: 'image/png', contentBase64: pngBase64() });
    const decide = (cookie: string, id: string, body: object) =>
      post(cookie, `/api/volunteers/${id}/verification`, body);

    assert.equal((await decide(ftAdmin, a.volunteer.id, { decision: 'approve' })).statusCode, 404);
    const approved = await decide(nsAdmin, a.volunteer.id, { decision: 'approve', note: '证件清晰' });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().verification.status, 'verified');
    assert.equal(approved.json().verification.method, 'manual');
    const row = await t.handle.db
      .selectFrom('volunteers')
      .select(['verified_by', 'verified_at'])
      .where('id', '=', a.volunteer.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.verified_by && row.verified_at);
    const again = await decide(nsAdmin, a.volunteer.id, { decision: 'reject', note: 'x' });
    assert.equal(again.json().error.code, 'VERIFICATION_NOT_PENDING');

    const noReason = await decide(nsAdmin, b.volunteer.id, { decision: 'reject' });
    assert.equal(noReason.json().error.code, 'REVIEW_REASON_REQUIRED');
    const rejected = await decide(nsAdmin, b.volunteer.id, {
      decision: 'reject',
      note: '照片模糊，请重新上传',
    });
    assert.equal(rejected.json().verification.status, 'rejected');
    assert.equal(rejected.json().verification.note, '照片模糊，请重新上传');
    const audits = await auditRows(t, 'volunteer.verification');
    assert.deepEqual(
      audits.map((r) => r.details.decision),
      ['approve', 'reject'],
    );
    // A rejected volunteer may upload again and returns to the queue.
    await upload(b.cookie, { mimeType: 'image/png', contentBase64: pngBase64() });
    assert.ok((await queue(nsAdmin)).json().items.some((i: { id: string }) => i.id === b.volunteer.id));
  });

  test('nobody reviews their own verification', async () => {
    const v = await registerVolunteer(t);
    await upload(v.cookie, { mimeType: 'image/png', contentBase64: pngBase64() });
    // The volunteer is also a region admin of their own district, with an authenticator.
    const user = await t.handle.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', v.me.username)
      .executeTakeFirstOrThrow();
    const secret = newTotpSecret();
    await t.handle.db
      .insertInto('role_grants')
      .values({ user_id: user.id, role: 'region_admin', region_code: NANSHAN })
      .execute();
    await t.handle.db
      .updateTable('users')
      .set({ totp_secret_enc: encrypt(t.config.appKey, secret), totp_enabled_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: v.body.phone, password: VOLUNTEER_PASSWORD },
    });
    const self = cookieOf(login);
    t.clock.advance(30_000);
    const mfa = await post(self, '/api/auth/totp/verify', { code: currentTotp(secret, t.clock.now()) });
    assert.equal(mfa.statusCode, 200);
    const res = await post(cookieOf(mfa), `/api/volunteers/${v.volunteer.id}/verification`, {
      decision: 'approve',
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'SELF_VERIFICATION');
  });
});
