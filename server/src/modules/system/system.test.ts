import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { buildApp } from '../../app.ts';
import {
  createUser,
  signIn,
  startTestApp,
  testConfig,
  TEST_PASSWORD,
  type TestApp,
} from '../../test/harness.ts';
import { currentTotp } from '../auth/totp.ts';

const logLines: string[] = [];
let t: TestApp;
before(async () => {
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await startTestApp({ logStream, env: { LOG_LEVEL: 'debug' } });
});
after(() => t.close());

describe('operations endpoints', () => {
  test('healthz, readyz and metrics answer', async () => {
    assert.equal((await t.app.inject('/healthz')).json().status, 'ok');
    assert.equal((await t.app.inject('/readyz')).json().status, 'ready');
    await t.app.inject('/api/regions');
    const metrics = await t.app.inject('/metrics');
    assert.match(
      metrics.body,
      /yiqi_http_requests_total\{method="GET",route="\/api\/regions",status="200"\} \d+/,
    );
    assert.match(metrics.body, /process_cpu_seconds_total/);
  });

  test('the OpenAPI document is generated from the same schemas and served with Swagger UI', async () => {
    const doc = (await t.app.inject('/api/docs/json')).json();
    assert.equal(doc.openapi.startsWith('3.'), true);
    const login = doc.paths['/api/auth/login'].post;
    assert.deepEqual(login.requestBody.content['application/json'].schema.required.sort(), [
      'password',
      'username',
    ]);
    assert.equal(login.requestBody.content['application/json'].schema.additionalProperties, false);
    assert.ok(
      doc.paths['/api/admin/role-grants'].get.responses['4XX'] ??
        doc.paths['/api/admin/role-grants'].get.responses['4xx'],
    );
    assert.equal((await t.app.inject('/api/docs')).statusCode < 400, true);
  });

  test('every response carries its request id', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-123' } });
    assert.equal(res.headers['x-request-id'], 'trace-123');
  });
});

describe('bad input gets a 4xx with a clear message, never a 500', () => {
  const post = (payload: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers });

  test('malformed JSON → 400 MALFORMED_JSON', async () => {
    const res = await post('{"username":', { 'content-type': 'application/json' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'MALFORMED_JSON');
  });

  test('wrong content type → 415', async () => {
    const res = await post('username=a&password=b', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(res.statusCode, 415);
    assert.equal(res.json().error.code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('oversized body → 413', async () => {
    const res = await post(JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }), {
      'content-type': 'application/json',
    });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'PAYLOAD_TOO_LARGE');
  });

  test('unknown fields → 400 with the offending path', async () => {
    const res = await post(JSON.stringify({ username: 'a', password: 'b', admin: true }), {
      'content-type': 'application/json',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    assert.ok(Array.isArray(res.json().error.details));
  });

  test('unknown API path → 404 in the standard shape', async () => {
    const res = await t.app.inject('/api/nothing-here');
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'NOT_FOUND');
  });
});

describe('deny by default', () => {
  test('a route that declares no access rule cannot be registered', async () => {
    const app = await buildApp({ db: t.handle.db, config: testConfig() });
    assert.throws(() => app.get('/api/undeclared', async () => ({ ok: true })), /declares no access rule/);
    await app.close();
  });
});

describe('logs', () => {
  test('never contain passwords, session tokens, TOTP codes or secrets', async () => {
    const u = await createUser(t, 'logcheck', { role: 'region_admin' });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'logcheck', password: TEST_PASSWORD },
    });
    const token = login.cookies.find((c) => c.name === 'yiqi_sid')!.value;
    t.clock.advance(30_000);
    const code = currentTotp(u.totpSecret!, t.clock.now());
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/verify',
      headers: { cookie: `yiqi_sid=${token}` },
      payload: { code },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'logcheck', password: 'Wrong-secret-99' },
    });
    await signIn(t, u);
    const all = logLines.join('');
    assert.ok(all.length > 0, 'logging is on');
    assert.ok(all.includes('"reqId"'), 'logs are structured with request ids');
    for (const secret of [TEST_PASSWORD, 'Wrong-secret-99', token, u.totpSecret!])
      assert.ok(!all.includes(secret), `log contains a secret (${secret.slice(0, 4)}…)`);
  });
});
