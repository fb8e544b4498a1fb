import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  auditRows,
  createUser,
  signIn,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../../test/harness.ts';
import { currentTotp } from './totp.ts';

let t: TestApp;
before(async () => (t = await startTestApp()));
after(() => t.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });
const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

describe('sign in and sessions', () => {
  test('a correct password opens a server-side session in an HttpOnly SameSite cookie', async () => {
    const u = await createUser(t, 'alice');
    const res = await login('Alice', TEST_PASSWORD);
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().username, 'alice');
    const c = res.cookies.find((x) => x.name === 'yiqi_sid')!;
    assert.ok(c.httpOnly);
    assert.equal(c.sameSite, 'Lax');
    assert.ok(c.value.length >= 40, 'token carries ≥ 64 random bits');
    const session = await t.handle.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', u.id)
      .execute();
    assert.equal(session.length, 1);
    assert.ok(
      !session[0]!.token_hash.toString('utf8').includes(c.value),
      'only a hash of the token is stored',
    );
    const m = await me(`yiqi_sid=${c.value}`);
    assert.equal(m.statusCode, 200);
    assert.equal(m.json().isStaff, false);
  });

  test('wrong password and unknown account get the same answer, and both are audited', async () => {
    await createUser(t, 'bob');
    const wrong = await login('bob', 'nope-nope-1');
    const unknown = await login('nobody-here', 'nope-nope-1');
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), unknown.json());
    assert.equal(wrong.json().error.code, 'LOGIN_FAILED');
    const rows = (await auditRows(t, 'auth.login')).filter((r) => r.result === 'failed');
    assert.ok(rows.some((r) => r.actor_name === 'bob' && r.details.reason === 'wrong_password'));
    assert.ok(rows.some((r) => r.actor_name === 'nobody-here' && r.details.reason === 'unknown_user'));
  });

  test('five failures lock the account for 15 minutes without revealing it', async () => {
    await createUser(t, 'carol');
    for (let i = 0; i < 5; i++) assert.equal((await login('carol', `bad-password-${i}`)).statusCode, 401);
    const locked = await login('carol', TEST_PASSWORD);
    assert.equal(locked.statusCode, 401, 'right password is refused while locked');
    assert.deepEqual(
      locked.json(),
      (await login('nobody-at-all', TEST_PASSWORD)).json(),
      'locked looks like unknown',
    );
    assert.equal((await auditRows(t, 'auth.lockout')).filter((r) => r.actor_name === 'carol').length, 1);
    t.clock.advance(14 * 60_000);
    assert.equal((await login('carol', TEST_PASSWORD)).statusCode, 401);
    t.clock.advance(61_000);
    assert.equal((await login('carol', TEST_PASSWORD)).statusCode, 200, 'unlocked after 15 minutes');
  });

  test('a success resets the failure count', async () => {
    await createUser(t, 'dave');
    for (let i = 0; i < 4; i++) await login('dave', 'bad-password-x');
    assert.equal((await login('dave', TEST_PASSWORD)).statusCode, 200);
    for (let i = 0; i < 4; i++) await login('dave', 'bad-password-x');
    assert.equal((await login('dave', TEST_PASSWORD)).statusCode, 200);
  });

  test('sign-out ends the session on the server', async () => {
    const u = await createUser(t, 'erin');
    const cookie = await signIn(t, u);
    assert.equal(
      (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode,
      200,
    );
    assert.equal((await me(cookie)).statusCode, 401);
  });

  test('sessions expire after 30 idle minutes and after 12 hours in any case', async () => {
    const u = await createUser(t, 'frank');
    const idle = await signIn(t, u);
    t.clock.advance(29 * 60_000);
    assert.equal((await me(idle)).statusCode, 200, 'activity within the idle window keeps it alive');
    t.clock.advance(29 * 60_000);
    assert.equal((await me(idle)).statusCode, 200);
    t.clock.advance(31 * 60_000);
    assert.equal((await me(idle)).statusCode, 401, 'idle for 31 minutes');

    const busy = await signIn(t, u);
    for (let i = 0; i < 24; i++) {
      t.clock.advance(29 * 60_000);
      assert.equal((await me(busy)).statusCode, 200);
    }
    t.clock.advance(29 * 60_000);
    assert.equal((await me(busy)).statusCode, 401, 'absolute limit of 12 hours');
  });

  test('a forged or malformed cookie is simply not signed in', async () => {
    assert.equal((await me('yiqi_sid=forged-token-forged-token-forged-token')).statusCode, 401);
    assert.equal((await me('yiqi_sid=x')).statusCode, 401);
  });
});

describe('change password', () => {
  test('checks the current password and strength, then ends other sessions', async () => {
    const u = await createUser(t, 'gina');
    const a = await signIn(t, u);
    const b = await signIn(t, u);
    const change = (currentPassword: string, newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie: a },
        payload: { currentPassword, newPassword },
      });
    assert.equal((await change('wrong-one-1', 'Another-pass-2')).json().error.code, 'WRONG_PASSWORD');
    assert.equal((await change(TEST_PASSWORD, 'short1')).json().error.code, 'WEAK_PASSWORD');
    assert.equal((await change(TEST_PASSWORD, 'onlyletterslong')).json().error.code, 'WEAK_PASSWORD');
    assert.equal((await change(TEST_PASSWORD, 'Another-pass-2')).statusCode, 200);
    assert.equal((await me(a)).statusCode, 200, 'this session stays');
    assert.equal((await me(b)).statusCode, 401, 'other sessions end');
    assert.equal((await login('gina', TEST_PASSWORD)).statusCode, 401);
    assert.equal((await login('gina', 'Another-pass-2')).statusCode, 200);
    assert.equal((await auditRows(t, 'auth.password_change')).filter((r) => r.result === 'ok').length, 1);
  });
});

describe('second factor (TOTP)', () => {
  test('staff must enrol TOTP before admin routes; enrolment by QR and first code', async () => {
    const admin = await createUser(t, 'helen', { role: 'region_admin' });
    // Start as a staff member without an authenticator.
    await t.handle.db
      .updateTable('users')
      .set({ totp_secret_enc: null, totp_enabled_at: null })
      .where('id', '=', admin.id)
      .execute();
    const cookie = await signIn(t, { id: admin.id, username: admin.username });
    const admin403 = await t.app.inject({
      method: 'GET',
      url: '/api/admin/role-grants?region=440305000000',
      headers: { cookie },
    });
    assert.equal(admin403.statusCode, 403);
    assert.equal(admin403.json().error.code, 'MFA_REQUIRED');
    assert.equal((await me(cookie)).json().mfa.enrolled, false);

    const setup = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie } });
    assert.equal(setup.statusCode, 200);
    const { secret, otpauthUrl, qrDataUrl } = setup.json();
    assert.match(otpauthUrl, /^otpauth:\/\/totp\//);
    assert.match(qrDataUrl, /^data:image\/png;base64,/);
    const stored = await t.handle.db
      .selectFrom('users')
      .select('totp_secret_enc')
      .where('id', '=', admin.id)
      .executeTakeFirstOrThrow();
    assert.ok(stored.totp_secret_enc && !stored.totp_secret_enc.includes(secret), 'secret encrypted at rest');

    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: { cookie },
      payload: { code: '000000' },
    });
    assert.equal(bad.json().error.code, 'MFA_CODE_INVALID');
    const code = currentTotp(secret, t.clock.now());
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: { cookie },
      payload: { code },
    });
    assert.equal(ok.statusCode, 200);
    // The session moved to a new token with the second factor (auth.hardening.test.ts).
    const verified = `yiqi_sid=${ok.cookies.find((c) => c.name === 'yiqi_sid')!.value}`;
    const admin200 = await t.app.inject({
      method: 'GET',
      url: '/api/admin/role-grants?region=440305000000',
      headers: { cookie: verified },
    });
    assert.equal(admin200.statusCode, 200);

    // A new sign-in needs a fresh code; the one already used is refused (replay).
    const again = await signIn(t, { id: admin.id, username: admin.username });
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/verify',
      headers: { cookie: again },
      payload: { code },
    });
    assert.equal(replay.json().error.code, 'MFA_CODE_INVALID');
    assert.equal(
      (await auditRows(t, 'auth.totp_verify')).filter((r) => r.details.reason === 'replayed_code').length,
      1,
    );
  });

  test('codes one step early or late are accepted, two steps are not', async () => {
    const u = await createUser(t, 'ivan', { role: 'region_admin' });
    const verify = async (offsetSteps: number) => {
      const cookie = await signIn(t, u, { mfa: false });
      t.clock.advance(90_000);
      const code = currentTotp(u.totpSecret!, new Date(t.clock.t + offsetSteps * 30_000));
      return (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/totp/verify',
          headers: { cookie },
          payload: { code },
        })
      ).statusCode;
    };
    assert.equal(await verify(-1), 200);
    assert.equal(await verify(1), 200);
    assert.equal(await verify(-2), 400);
    assert.equal(await verify(2), 400);
  });
});

describe('language', () => {
  test('errors come in the caller’s language', async () => {
    const en = await login('nobody', 'x', { 'accept-language': 'en-US,en;q=0.9' });
    assert.match(en.json().error.message, /Wrong user name or password/);
    const hk = await login('nobody', 'x', { 'accept-language': 'zh-HK' });
    assert.match(hk.json().error.message, /用戶名或密碼錯誤/);
    const cn = await login('nobody', 'x');
    assert.match(cn.json().error.message, /用户名或密码错误/);
  });

  test('a signed-in user’s stored language is used', async () => {
    const u = await createUser(t, 'jane');
    const cookie = await signIn(t, u);
    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/me/locale',
      headers: { cookie },
      payload: { locale: 'en' },
    });
    assert.equal(set.statusCode, 200);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: 'x', newPassword: 'y' },
    });
    assert.equal(res.json().error.message, 'The current password is wrong');
  });
});

test('sign-in attempts from one address are rate limited with 429 and retry-after', async () => {
  const limited = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '3' } });
  try {
    const attempt = () =>
      limited.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'x', password: 'y' },
      });
    for (let i = 0; i < 3; i++) assert.equal((await attempt()).statusCode, 401);
    const res = await attempt();
    assert.equal(res.statusCode, 429);
    assert.equal(res.json().error.code, 'RATE_LIMITED');
    assert.ok(Number(res.headers['retry-after']) > 0);
  } finally {
    await limited.close();
  }
});
