import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { buildApp } from '../../app.ts';
import { auditRows, createUser, signIn, startTestApp, testConfig, type TestApp } from '../../test/harness.ts';
import { insertOrganization } from '../memberships/memberships.testkit.ts';
import {
  idFor,
  importFile,
  RECORD_HEADER,
  VOLUNTEER_HEADER,
  volunteerRow,
  xlsx,
} from '../imports/imports.testkit.ts';
import {
  cookieOf,
  onBehalfBody,
  phone,
  registerBody,
  registerVolunteer,
  VOLUNTEER_PASSWORD,
} from '../volunteers/volunteers.testkit.ts';

/**
 * Account claim (首次登录), forgotten password (忘记密码) and registration by a one-time code to the phone on
 * record: the code rules (10 minutes, 5 tries, single use), the hourly limits, and answers that never tell
 * whether someone is registered.
 */

const NANSHAN = '440305000000';
const NEW_PASSWORD = 'Zhou-jianguo-2026';

let t: TestApp;
let team: string;
let uploader: string;
let approver: string;
/** 周建国, registered by his team's roster import: a record, a phone on record, no account. */
const zhou = { doc: idFor(9301), phone: '13912345678', id: '' };

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers });
const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
const login = (username: string, password: string) => post('/api/auth/login', { username, password });
const codeTo = (p: string) => {
  const c = t.otp.lastCode(p);
  assert.ok(c, `a code was texted to ${p.slice(0, 3)}…`);
  return c;
};

before(async () => {
  t = await startTestApp();
  team = await insertOrganization(t, '南山社区义工队', NANSHAN);
  uploader = await signIn(t, await createUser(t, 'claim.a', { role: 'org_admin', orgId: team }));
  approver = await signIn(t, await createUser(t, 'claim.b', { role: 'org_admin', orgId: team }));
  const roster = await importFile(
    t,
    uploader,
    'volunteers',
    team,
    await xlsx(VOLUNTEER_HEADER, [volunteerRow(9301, { 0: '周建国', 2: zhou.doc, 3: zhou.phone })]),
  );
  assert.equal(roster.status, 'done', JSON.stringify(roster.errors));
  const row = await t.handle.db
    .selectFrom('volunteers')
    .select(['id', 'user_id'])
    .where('name', '=', '周建国')
    .executeTakeFirstOrThrow();
  assert.equal(row.user_id, null);
  zhou.id = row.id;
  // His paper hours, imported and approved by a second admin.
  const hours = await importFile(
    t,
    uploader,
    'records',
    team,
    await xlsx(RECORD_HEADER, [
      [
        '',
        '居民身份证',
        zhou.doc,
        '周建国',
        '2026-10-25',
        '深圳湾净滩',
        '深圳湾公园',
        '清理垃圾',
        '',
        '2',
        '王老师',
      ],
    ]),
  );
  assert.equal(hours.status, 'done', JSON.stringify(hours.errors));
  const batch = await t.handle.db
    .selectFrom('service_records')
    .select('import_job_id')
    .where('volunteer_id', '=', zhou.id)
    .executeTakeFirstOrThrow();
  const ok = await post(
    `/api/imports/${batch.import_job_id}/decision`,
    { decision: 'approve' },
    { cookie: approver },
  );
  assert.equal(ok.statusCode, 200, ok.body);
});
after(() => t.close());

describe('account claim (首次登录)', () => {
  test('a person imported by a roster claims the record by document, signs in and sees their hours', async () => {
    // The roll-out story: registering again is no dead end, and there is no password to sign in with.
    const again = await post(
      '/api/volunteers/register',
      registerBody({ docNumber: zhou.doc, name: '周建国' }),
    );
    assert.equal(again.statusCode, 202, again.body);
    assert.match(t.otp.sent.at(-1)!.text, /认领/);
    assert.equal(t.otp.sent.at(-1)!.phone, zhou.phone, 'the code goes to the phone on record');
    assert.equal((await login(zhou.phone, NEW_PASSWORD)).statusCode, 401);

    const req = await post('/api/auth/claim/request', { docType: 'mainland_id', docNumber: zhou.doc });
    assert.equal(req.statusCode, 202);
    assert.deepEqual(req.json(), { codeSent: true });
    const code = codeTo(zhou.phone);
    const body = { docType: 'mainland_id', docNumber: zhou.doc, code, username: 'zhoujianguo' };
    const weak = await post('/api/auth/claim/confirm', { ...body, password: 'short' });
    assert.equal(weak.json().error.code, 'WEAK_PASSWORD');
    await createUser(t, 'taken.name');
    const taken = await post('/api/auth/claim/confirm', {
      ...body,
      username: 'taken.name',
      password: NEW_PASSWORD,
    });
    assert.equal(taken.json().error.code, 'USERNAME_TAKEN');

    const res = await post('/api/auth/claim/confirm', { ...body, password: NEW_PASSWORD });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().username, 'zhoujianguo');
    assert.equal(res.json().displayName, '周建国');
    const cookie = cookieOf(res);
    const me = await get('/api/me/volunteer', cookie);
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().id, zhou.id, 'the account is linked to the existing record');
    assert.equal(me.json().registeredByOrg, team);
    const records = await get('/api/me/records', cookie);
    assert.equal(records.statusCode, 200, records.body);
    assert.equal(records.json().totals.minutes, 120);
    assert.equal(records.json().items.length, 1);

    // From now on he signs in by name or by the phone on record.
    assert.equal((await login('zhoujianguo', NEW_PASSWORD)).statusCode, 200);
    assert.equal((await login(zhou.phone, NEW_PASSWORD)).statusCode, 200);
    // The code is used up, and the record cannot be claimed twice.
    const replay = await post('/api/auth/claim/confirm', {
      ...body,
      username: 'someone.else',
      password: NEW_PASSWORD,
    });
    assert.equal(replay.json().error.code, 'OTP_INVALID');
    // Asking again now texts a password-reset code for the account instead.
    await post('/api/auth/claim/request', { docType: 'mainland_id', docNumber: zhou.doc });
    assert.match(t.otp.sent.at(-1)!.text, /zhoujianguo.*忘记密码/);

    const claims = await auditRows(t, 'volunteer.claim');
    assert.equal(claims.length, 1);
    assert.equal(claims[0]!.object_id, zhou.id);
    const requests = await auditRows(t, 'auth.code_request');
    assert.ok(requests.some((r) => r.details.purpose === 'claim' && r.details.sent === true));
    assert.ok(!JSON.stringify([...claims, ...requests]).includes(zhou.doc));
    assert.ok(!JSON.stringify([...claims, ...requests]).includes(zhou.phone));
  });

  test('a record registered on someone’s behalf is claimed by the phone on record too', async () => {
    const p = phone();
    const reg = await post(
      '/api/volunteers',
      onBehalfBody({ phone: p, docNumber: idFor(9302), orgId: team }),
      {
        cookie: uploader,
      },
    );
    assert.equal(reg.statusCode, 200, reg.body);
    assert.equal((await post('/api/auth/claim/request', { phone: p })).statusCode, 202);
    const res = await post('/api/auth/claim/confirm', {
      phone: p,
      code: codeTo(p),
      username: 'li.claims',
      password: NEW_PASSWORD,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await get('/api/me/volunteer', cookieOf(res))).json().id, reg.json().id);
  });
});

describe('forgotten password (忘记密码)', () => {
  test('a code to the phone on record sets a new password, ends every session and lifts a lockout', async () => {
    const v = await registerVolunteer(t);
    const second = cookieOf(await login(v.body.phone, VOLUNTEER_PASSWORD));
    for (let i = 0; i < 5; i++) await login(v.me.username, 'Wrong-pass-99');
    assert.equal((await login(v.me.username, VOLUNTEER_PASSWORD)).statusCode, 401, 'locked');

    const req = await post('/api/auth/password-reset/request', { identifier: v.me.username });
    assert.equal(req.statusCode, 202);
    const code = codeTo(v.body.phone);
    assert.ok(t.otp.sent.at(-1)!.text.includes(v.me.username));
    const weak = await post('/api/auth/password-reset/confirm', {
      identifier: v.me.username,
      code,
      newPassword: 'short',
    });
    assert.equal(weak.json().error.code, 'WEAK_PASSWORD');
    const ok = await post('/api/auth/password-reset/confirm', {
      identifier: v.me.username,
      code,
      newPassword: NEW_PASSWORD,
    });
    assert.equal(ok.statusCode, 200, ok.body);

    for (const c of [v.cookie, second]) assert.equal((await get('/api/me', c)).statusCode, 401);
    assert.equal((await login(v.me.username, VOLUNTEER_PASSWORD)).statusCode, 401);
    assert.equal((await login(v.me.username, NEW_PASSWORD)).statusCode, 200, 'the lockout is lifted');
    const replay = await post('/api/auth/password-reset/confirm', {
      identifier: v.me.username,
      code,
      newPassword: 'Another-pass-2026',
    });
    assert.equal(replay.json().error.code, 'OTP_INVALID', 'a code is used once');
    const audit = (await auditRows(t, 'auth.password_reset')).at(-1)!;
    assert.equal(audit.object_id, v.me.id);
  });

  test('the phone number works as the identifier, as at sign-in', async () => {
    const v = await registerVolunteer(t);
    assert.equal(
      (await post('/api/auth/password-reset/request', { identifier: v.body.phone })).statusCode,
      202,
    );
    const ok = await post('/api/auth/password-reset/confirm', {
      identifier: v.body.phone,
      code: codeTo(v.body.phone),
      newPassword: NEW_PASSWORD,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await login(v.body.phone, NEW_PASSWORD)).statusCode, 200);
  });

  test('five wrong codes burn the code: the right one is refused afterwards', async () => {
    const v = await registerVolunteer(t);
    await post('/api/auth/password-reset/request', { identifier: v.me.username });
    const code = codeTo(v.body.phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const confirm = (c: string) =>
      post('/api/auth/password-reset/confirm', {
        identifier: v.me.username,
        code: c,
        newPassword: NEW_PASSWORD,
      });
    for (let i = 0; i < 5; i++) assert.equal((await confirm(wrong)).json().error.code, 'OTP_INVALID');
    assert.equal((await confirm(code)).json().error.code, 'OTP_INVALID');
    assert.equal((await login(v.me.username, NEW_PASSWORD)).statusCode, 401);
    const failures = await auditRows(t, 'auth.code_check');
    assert.ok(failures.some((r) => r.details.tries === 5));
  });

  test('a code expires after 10 minutes; a new request replaces the old code', async () => {
    const v = await registerVolunteer(t);
    const confirm = (c: string) =>
      post('/api/auth/password-reset/confirm', {
        identifier: v.me.username,
        code: c,
        newPassword: NEW_PASSWORD,
      });
    await post('/api/auth/password-reset/request', { identifier: v.me.username });
    const first = codeTo(v.body.phone);
    t.clock.advance(10 * 60_000 + 1000);
    assert.equal((await confirm(first)).json().error.code, 'OTP_INVALID');
    await post('/api/auth/password-reset/request', { identifier: v.me.username });
    const second = codeTo(v.body.phone);
    await post('/api/auth/password-reset/request', { identifier: v.me.username });
    const third = codeTo(v.body.phone);
    if (second !== third) assert.equal((await confirm(second)).json().error.code, 'OTP_INVALID');
    t.clock.advance(9 * 60_000);
    assert.equal((await confirm(third)).statusCode, 200);
  });
});

describe('answers that never tell who is registered', () => {
  test('code requests answer the same for registered, unclaimed and unknown people', async () => {
    const v = await registerVolunteer(t);
    const cases = [
      ['/api/auth/claim/request', { docType: 'mainland_id', docNumber: idFor(9303) }], // nobody
      ['/api/auth/claim/request', { docType: 'mainland_id', docNumber: v.body.docNumber }], // has an account
      ['/api/auth/claim/request', { phone: phone() }],
      ['/api/auth/claim/request', { phone: v.body.phone }],
      ['/api/auth/password-reset/request', { identifier: 'no.such.user' }],
      ['/api/auth/password-reset/request', { identifier: v.me.username }],
      ['/api/auth/password-reset/request', { identifier: phone() }],
      ['/api/auth/password-reset/request', { identifier: 'claim.a' }], // staff: no phone on record
    ] as const;
    const answers = await Promise.all(cases.map(([url, body]) => post(url, body)));
    for (const a of answers) {
      assert.equal(a.statusCode, 202);
      assert.equal(a.body, answers[0]!.body);
      assert.equal(a.headers['content-type'], answers[0]!.headers['content-type']);
    }
  });

  test('wrong codes answer the same whether or not the account exists', async () => {
    const v = await registerVolunteer(t);
    await post('/api/auth/password-reset/request', { identifier: v.me.username });
    const known = await post('/api/auth/password-reset/confirm', {
      identifier: v.me.username,
      code: '000001',
      newPassword: NEW_PASSWORD,
    });
    const unknown = await post('/api/auth/password-reset/confirm', {
      identifier: 'no.such.user',
      code: '000001',
      newPassword: NEW_PASSWORD,
    });
    const claimUnknown = await post('/api/auth/claim/confirm', {
      docType: 'mainland_id',
      docNumber: idFor(9304),
      code: '000001',
      username: 'nobody.here',
      password: NEW_PASSWORD,
    });
    for (const r of [known, unknown, claimUnknown]) {
      assert.equal(r.statusCode, 400);
      assert.equal(r.body, known.body);
    }
  });

  test('anonymous registration with a document on record answers exactly like a new person', async () => {
    const fresh = await post('/api/volunteers/register', registerBody({ docNumber: idFor(9305) }));
    const onRecord = await post('/api/volunteers/register', registerBody({ docNumber: zhou.doc }));
    assert.notEqual(onRecord.statusCode, 409, 'VOLUNTEER_EXISTS told anyone who is registered');
    assert.equal(onRecord.statusCode, fresh.statusCode);
    assert.equal(onRecord.body, fresh.body);
  });
});

describe('hourly limits per identifier and per source', () => {
  let limited: TestApp;
  before(async () => {
    limited = await startTestApp({ env: { OTP_PER_IDENTIFIER_PER_HOUR: '3', OTP_PER_IP_PER_HOUR: '6' } });
  });
  after(() => limited.close());
  const ask = (docNumber: string, ip: string) =>
    limited.app.inject({
      method: 'POST',
      url: '/api/auth/claim/request',
      payload: { docType: 'mainland_id', docNumber },
      remoteAddress: ip,
    });

  test('a document is limited whoever asks, a source address whatever it asks; an hour later both may again', async () => {
    const doc = idFor(9401);
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) assert.equal((await ask(doc, ip)).statusCode, 202);
    const fourth = await ask(doc, '10.0.0.4');
    assert.equal(fourth.statusCode, 429);
    assert.equal(fourth.json().error.code, 'RATE_LIMITED');
    assert.equal((await ask(idFor(9402), '10.0.0.4')).statusCode, 202, 'another document is not limited');

    for (let i = 0; i < 6; i++) assert.equal((await ask(idFor(9410 + i), '10.0.0.9')).statusCode, 202);
    assert.equal((await ask(idFor(9420), '10.0.0.9')).statusCode, 429);
    assert.equal((await ask(idFor(9420), '10.0.0.8')).statusCode, 202, 'another address is not limited');

    limited.clock.advance(3_600_000 + 1000);
    assert.equal((await ask(doc, '10.0.0.9')).statusCode, 202);
    const denied = await auditRows(limited, 'auth.code_request');
    assert.ok(denied.some((r) => r.result === 'denied' && r.details.reason === 'rate_limited_identifier'));
    assert.ok(denied.some((r) => r.result === 'denied' && r.details.reason === 'rate_limited_source'));
  });
});

test('the development channel writes the code to the log, where a developer reads it', async () => {
  let logs = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs += String(chunk);
      done();
    },
  });
  const app = await buildApp({
    db: t.handle.db,
    config: testConfig({ LOG_LEVEL: 'warn' }),
    logStream: stream,
  });
  await app.ready();
  try {
    const v = await registerVolunteer(t);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { identifier: v.me.username },
    });
    assert.equal(res.statusCode, 202);
    const line = logs.split('\n').find((l) => l.includes('development channel'));
    assert.ok(line, logs);
    assert.match(JSON.parse(line).sms, /验证码 \d{6}/);
    assert.ok(!line.includes(v.body.phone), 'the phone is masked');
  } finally {
    await app.close();
  }
});
