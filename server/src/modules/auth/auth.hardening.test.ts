import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';
import { currentTotp } from './totp.ts';

// The second factor as an outside probe attacked it: guessing codes on a password-only session of a locked
// account, spreading guesses over addresses and fresh sign-ins, and keeping the pre-verification token.
let t: TestApp;
before(async () => (t = await startTestApp()));
after(() => t.close());

let ip = 0;
/** Every request from a new address, so nothing here is held back by per-address rate limits. */
const from = () => `10.9.${Math.floor(++ip / 250)}.${ip % 250}`;
const login = async (username: string, password = TEST_PASSWORD) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: from(),
  });
const cookieOf = (res: { cookies: { name: string; value: string }[] }) => {
  const c = res.cookies.find((x) => x.name === 'yiqi_sid');
  return c ? `yiqi_sid=${c.value}` : undefined;
};
const totp = (cookie: string, code: string, mode: 'verify' | 'enable' = 'verify') =>
  t.app.inject({
    method: 'POST',
    url: `/api/auth/totp/${mode}`,
    headers: { cookie },
    payload: { code },
    remoteAddress: from(),
  });
const me = (cookie: string) => t.app.inject({ url: '/api/me', headers: { cookie } });
const wrongCode = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0');

describe('lockout covers the second factor', () => {
  test('a valid code on a password-only session of a locked account is refused', async () => {
    const u = await createUser(t, 'lk.staff', { role: 'region_admin' });
    const session = cookieOf(await login('lk.staff'))!;
    // Someone else locks the account with wrong passwords meanwhile.
    for (let i = 0; i < 5; i++) assert.equal((await login('lk.staff', `Wrong-pass-${i}`)).statusCode, 401);
    t.clock.advance(30_000);
    const res = await totp(session, currentTotp(u.totpSecret!, t.clock.now()));
    assert.equal(res.statusCode, 423);
    assert.equal(res.json().error.code, 'ACCOUNT_LOCKED');
    assert.equal((await me(session)).json().mfa.verified, false);
    assert.ok(
      (await auditRows(t, 'auth.totp_verify')).some(
        (r) => r.actor_name === 'lk.staff' && r.details.reason === 'locked',
      ),
    );
    // Once the lock has passed the same session may verify.
    t.clock.advance(15 * 60_000 + 30_000);
    const later = await totp(session, currentTotp(u.totpSecret!, t.clock.now()));
    assert.equal(later.statusCode, 200);
  });

  test('enrolment is refused on a locked account too', async () => {
    await createUser(t, 'lk.new');
    const session = cookieOf(await login('lk.new'))!;
    for (let i = 0; i < 5; i++) await login('lk.new', `Wrong-pass-${i}`);
    const setup = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/setup',
      headers: { cookie: session },
    });
    assert.equal(setup.json().error.code, 'ACCOUNT_LOCKED');
  });

  test('five wrong codes lock the account, across addresses and fresh sign-ins', async () => {
    const u = await createUser(t, 'lk.guess', { role: 'region_admin' });
    t.clock.advance(30_000);
    const right = () => currentTotp(u.totpSecret!, t.clock.now());
    const first = cookieOf(await login('lk.guess'))!;
    for (let i = 0; i < 3; i++) assert.equal((await totp(first, wrongCode(right()))).statusCode, 400);
    // A new password sign-in must not wipe the count of wrong codes.
    const second = cookieOf(await login('lk.guess'))!;
    for (let i = 0; i < 2; i++) assert.equal((await totp(second, wrongCode(right()))).statusCode, 400);
    const res = await totp(second, right());
    assert.equal(res.json().error.code, 'ACCOUNT_LOCKED', 'the right code no longer helps');
    assert.equal((await login('lk.guess')).statusCode, 401, 'and the password no longer signs in');
    assert.ok(
      (await auditRows(t, 'auth.lockout')).some(
        (r) => r.actor_name === 'lk.guess' && r.details.reason === 'totp',
      ),
    );
    t.clock.advance(15 * 60_000 + 30_000);
    const again = cookieOf(await login('lk.guess'))!;
    assert.equal((await totp(again, right())).statusCode, 200);
  });

  test('wrong codes spread wider than the window do not add up', async () => {
    const u = await createUser(t, 'lk.slow', { role: 'region_admin' });
    const session = cookieOf(await login('lk.slow'))!;
    for (let i = 0; i < 8; i++) {
      t.clock.advance(4 * 60_000);
      const code = currentTotp(u.totpSecret!, t.clock.now());
      assert.equal((await totp(session, wrongCode(code))).json().error.code, 'MFA_CODE_INVALID');
      // Keep the session from idling out between guesses.
      await me(session);
    }
  });
});

describe('passing the second factor replaces the session token', () => {
  test('verify: a new token in a new cookie, and the old token stops working', async () => {
    const u = await createUser(t, 'rt.verify', { role: 'region_admin' });
    const before = cookieOf(await login('rt.verify'))!;
    t.clock.advance(30_000);
    const res = await totp(before, currentTotp(u.totpSecret!, t.clock.now()));
    assert.equal(res.statusCode, 200);
    const after = cookieOf(res);
    assert.ok(after, 'a new cookie is set');
    assert.notEqual(after, before);
    const c = res.cookies.find((x) => x.name === 'yiqi_sid')!;
    assert.ok(c.httpOnly);
    assert.equal((await me(before)).statusCode, 401, 'the pre-verification token is dead');
    const now = await me(after!);
    assert.equal(now.statusCode, 200);
    assert.equal(now.json().mfa.verified, true);
    const admin = await t.app.inject({
      url: '/api/admin/role-grants?region=440305000000',
      headers: { cookie: after! },
    });
    assert.equal(admin.statusCode, 200);
  });

  test('enable: the first code also replaces the token', async () => {
    await createUser(t, 'rt.enable');
    const before = cookieOf(await login('rt.enable'))!;
    const setup = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/setup',
      headers: { cookie: before },
    });
    const res = await totp(before, currentTotp(setup.json().secret, t.clock.now()), 'enable');
    assert.equal(res.statusCode, 200);
    const after = cookieOf(res);
    assert.ok(after && after !== before);
    assert.equal((await me(before)).statusCode, 401);
    assert.equal((await me(after!)).json().mfa.verified, true);
  });
});
