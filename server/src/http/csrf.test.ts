import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, signIn, startTestApp, type TestApp } from '../test/harness.ts';

// Cross-site request forgery as an outside probe tried it: state changes with `Origin: https://evil.example`
// in JSON and text/plain, and body-less POST routes taking a form-style request.
let t: TestApp;
let cookie: string;
before(async () => {
  t = await startTestApp();
  cookie = await signIn(t, await createUser(t, 'cs.user'));
});
after(() => t.close());

const HOST = 'yiqi.example';
const me = (c = cookie) => t.app.inject({ url: '/api/me', headers: { cookie: c, host: HOST } });
const setLocale = (headers: Record<string, string>) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/me/locale',
    headers: { cookie, host: HOST, ...headers },
    payload: { locale: 'en' },
  });
const localeNow = async () =>
  (
    await t.handle.db
      .selectFrom('users')
      .select('locale')
      .where('username', '=', 'cs.user')
      .executeTakeFirstOrThrow()
  ).locale;

describe('state changes from other sites are refused', () => {
  test('a JSON request with a foreign Origin changes nothing', async () => {
    const res = await setLocale({ origin: 'https://evil.example' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'CROSS_SITE_REQUEST');
    assert.equal(await localeNow(), 'zh-CN');
  });

  test('Sec-Fetch-Site cross-site is refused even without an Origin', async () => {
    const res = await setLocale({ 'sec-fetch-site': 'cross-site' });
    assert.equal(res.json().error.code, 'CROSS_SITE_REQUEST');
    assert.equal(await localeNow(), 'zh-CN');
  });

  test('a body-less POST from another site (logout) leaves the session alone', async () => {
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: `https://${HOST}.evil.example` },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie, host: HOST, ...headers },
      });
      assert.equal(res.json().error.code, 'CROSS_SITE_REQUEST', headers.origin);
    }
    assert.equal((await me()).statusCode, 200);
  });

  test('sign-in from another site is refused too (login CSRF)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example', host: HOST },
      payload: { username: 'cs.user', password: 'whatever-1' },
    });
    assert.equal(res.json().error.code, 'CROSS_SITE_REQUEST');
  });

  test('same-origin requests and clients without Origin go through', async () => {
    assert.equal(
      (await setLocale({ origin: `https://${HOST}`, 'sec-fetch-site': 'same-origin' })).statusCode,
      200,
    );
    assert.equal(await localeNow(), 'en');
    assert.equal((await setLocale({})).statusCode, 200, 'no Origin, no Sec-Fetch-Site: not a browser');
    assert.equal((await setLocale({ 'sec-fetch-site': 'none' })).statusCode, 200);
    const get = await t.app.inject({
      url: '/api/me',
      headers: { cookie, host: HOST, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    assert.equal(get.statusCode, 200, 'reads are not state changes (CORS keeps their answers from the site)');
  });

  test('an origin in PUBLIC_URL or ALLOWED_ORIGINS is accepted behind a proxy that rewrites Host', async () => {
    const behind = await startTestApp({
      env: { PUBLIC_URL: 'https://yiqi.example.cn/', ALLOWED_ORIGINS: 'https://admin.yiqi.example.cn' },
    });
    try {
      const c = await signIn(behind, await createUser(behind, 'cs.proxy'));
      const put = (origin: string) =>
        behind.app.inject({
          method: 'PUT',
          url: '/api/me/locale',
          headers: { cookie: c, host: '127.0.0.1:3000', origin },
          payload: { locale: 'en' },
        });
      assert.equal((await put('https://yiqi.example.cn')).statusCode, 200);
      assert.equal((await put('https://admin.yiqi.example.cn')).statusCode, 200);
      assert.equal((await put('http://yiqi.example.cn')).statusCode, 403, 'scheme counts in the list');
      assert.equal((await put('https://evil.example')).statusCode, 403);
    } finally {
      await behind.close();
    }
  });
});

describe('form content types are refused on state changes', () => {
  test('a text/plain or form POST to a body-less route is refused and changes nothing', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      for (const payload of ['', 'a=1']) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/auth/logout',
          headers: { cookie, host: HOST, 'content-type': type },
          payload,
        });
        assert.equal(res.statusCode, 415, `${type} ${JSON.stringify(payload)}`);
        assert.equal(res.json().error.code, 'UNSUPPORTED_MEDIA_TYPE');
      }
    }
    assert.equal((await me()).statusCode, 200, 'still signed in');
  });

  test('a JSON body sent as text/plain is refused, not parsed', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/me/locale',
      headers: { cookie, host: HOST, 'content-type': 'text/plain' },
      payload: JSON.stringify({ locale: 'zh-HK' }),
    });
    assert.equal(res.statusCode, 415);
    assert.notEqual(await localeNow(), 'zh-HK');
  });
});
