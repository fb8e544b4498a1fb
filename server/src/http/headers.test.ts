import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, signIn, startTestApp, TEST_PASSWORD, type TestApp } from '../test/harness.ts';

// Security headers on every response, no caching of API answers, and the session cookie over HTTPS.
let t: TestApp;
let cookie: string;
before(async () => {
  t = await startTestApp();
  cookie = await signIn(t, await createUser(t, 'hd.user'));
});
after(() => t.close());

type Headers = Record<string, string | string[] | number | undefined>;
function assertSecurityHeaders(h: Headers, what: string) {
  const csp = String(h['content-security-policy'] ?? '');
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
  assert.match(csp, /script-src 'self'(;|$)/, `${what}: scripts only from the site`);
  assert.match(csp, /object-src 'none'/, `${what}: CSP object-src`);
  assert.equal(h['x-content-type-options'], 'nosniff', what);
  assert.equal(h['x-frame-options'], 'DENY', what);
  assert.ok(h['referrer-policy'], `${what}: Referrer-Policy`);
  assert.equal(h['strict-transport-security'], undefined, `${what}: no HSTS over plain HTTP`);
}

describe('security headers', () => {
  test('on API answers, which are never cached', async () => {
    const res = await t.app.inject({ url: '/api/me', headers: { cookie } });
    assert.equal(res.statusCode, 200);
    assertSecurityHeaders(res.headers, '/api/me');
    assert.equal(res.headers['cache-control'], 'no-store');
    const regions = await t.app.inject('/api/regions?parent=440300000000');
    assert.equal(regions.headers['cache-control'], 'no-store');
  });

  test('on error answers', async () => {
    const denied = await t.app.inject('/api/me');
    assert.equal(denied.statusCode, 401);
    assertSecurityHeaders(denied.headers, '401');
    assert.equal(denied.headers['cache-control'], 'no-store');
    const missing = await t.app.inject('/api/no-such-thing');
    assert.equal(missing.statusCode, 404);
    assertSecurityHeaders(missing.headers, '404');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    assert.equal(bad.statusCode, 400);
    assertSecurityHeaders(bad.headers, '400');
  });

  test('on HTML pages: the API documentation keeps a policy it can run under', async () => {
    const res = await t.app.inject('/api/docs/');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assertSecurityHeaders(res.headers, '/api/docs/');
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /style-src 'self' 'unsafe-inline'/);
    assert.match(csp, /img-src 'self' data:/);
    const health = await t.app.inject('/healthz');
    assertSecurityHeaders(health.headers, '/healthz');
  });

  test('HSTS when cookies are secure', async () => {
    const secure = await startTestApp({ env: { SECURE_COOKIES: '1' } });
    try {
      const res = await secure.app.inject('/api/no-such-thing');
      assert.match(String(res.headers['strict-transport-security']), /max-age=\d{7,}/);
    } finally {
      await secure.close();
    }
  });
});

describe('the session cookie over HTTPS', () => {
  const login = (app: TestApp, headers: Record<string, string> = {}) =>
    app.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers,
      payload: { username: 'hd.https', password: TEST_PASSWORD },
    });

  test('SECURE_COOKIES=1: __Host- prefix, Secure, path /, no domain; only that name is read', async () => {
    const secure = await startTestApp({ env: { SECURE_COOKIES: '1' } });
    try {
      await createUser(secure, 'hd.https');
      const res = await login(secure);
      assert.equal(res.statusCode, 200);
      const c = res.cookies.find((x) => x.name === '__Host-yiqi_sid');
      assert.ok(c, 'cookie named with the __Host- prefix');
      assert.equal(c.secure, true);
      assert.equal(c.path, '/');
      assert.equal(c.domain, undefined);
      assert.ok(c.httpOnly);
      assert.ok(!res.cookies.some((x) => x.name === 'yiqi_sid'));
      const me = (cookie: string) => secure.app.inject({ url: '/api/me', headers: { cookie } });
      assert.equal((await me(`__Host-yiqi_sid=${c.value}`)).statusCode, 200);
      assert.equal((await me(`yiqi_sid=${c.value}`)).statusCode, 401, 'the unprefixed name is not read');
      const out = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: `__Host-yiqi_sid=${c.value}` },
      });
      const cleared = out.cookies.find((x) => x.name === '__Host-yiqi_sid');
      assert.ok(cleared && cleared.value === '' && cleared.secure, 'sign-out clears the prefixed cookie');
    } finally {
      await secure.close();
    }
  });

  test('TRUST_PROXY=1: https forwarded by the proxy gets the secure cookie, plain http does not', async () => {
    const proxied = await startTestApp({ env: { TRUST_PROXY: '1' } });
    try {
      await createUser(proxied, 'hd.https');
      const viaHttps = await login(proxied, { 'x-forwarded-proto': 'https' });
      const c = viaHttps.cookies.find((x) => x.name === '__Host-yiqi_sid');
      assert.ok(c?.secure);
      assert.match(String(viaHttps.headers['strict-transport-security']), /max-age=/);
      const viaHttp = await login(proxied);
      assert.ok(viaHttp.cookies.some((x) => x.name === 'yiqi_sid' && !x.secure));
    } finally {
      await proxied.close();
    }
  });

  test('plain HTTP (development, tests) keeps the plain name', async () => {
    await createUser(t, 'hd.https');
    const res = await login(t);
    assert.ok(res.cookies.some((x) => x.name === 'yiqi_sid' && !x.secure));
  });
});
