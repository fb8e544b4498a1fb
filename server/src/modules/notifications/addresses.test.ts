import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { auditRows, startTestApp, type TestApp } from '../../test/harness.ts';
import { api, createVolunteer, type Volunteer } from '../activities/activities.testkit.ts';
import { registerVolunteer, VOLUNTEER_PASSWORD } from '../volunteers/volunteers.testkit.ts';
import { DomainError } from '../../core/domain-error.ts';
import type { OutgoingNotice } from './channels.ts';
import { notify } from './notifications.service.ts';
import { devWechatIdentity, miniProgramIdentity } from './wechat.ts';

/**
 * The e-mail address and WeChat identity the e-mail and WeChat channels send to (decision 0069): an address
 * proved by a code sent through the e-mail channel, a WeChat identity from a login code, both sealed and
 * masked, changed and unbound with an audit row, and the channels then delivering there.
 */

let t: TestApp;
let gateway: Server;
/** What the operator's gateway received (codes and notices alike). */
const received: OutgoingNotice[] = [];

before(async () => {
  gateway = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as OutgoingNotice);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((ok) => gateway.listen(0, '127.0.0.1', ok));
  const port = (gateway.address() as AddressInfo).port;
  t = await startTestApp({
    env: {
      NOTIFY_CHANNEL: 'webhook',
      NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${port}/send`,
      NOTIFY_DELIVER_SECONDS: '10',
      SESSION_IDLE_MINUTES: '100000',
      SESSION_ABSOLUTE_HOURS: '10000',
      OTP_PER_IDENTIFIER_PER_HOUR: '5',
    },
  });
});
after(async () => {
  await t?.close();
  gateway?.close();
});

let seq = 0;
const email = (name: string) => `${name}.${process.pid}.${++seq}@Example.COM`;
const prefs = (v: Volunteer) => api(t, v.cookie, 'GET', '/api/me/notification-preferences');
const channelOf = (body: { channels: { channel: string }[] }, c: string) =>
  body.channels.find((x) => x.channel === c) as {
    channel: string;
    enabled: boolean;
    available: boolean;
    addressMasked: string | null;
  };

/** The code the e-mail channel sent to `to` (the send is not awaited by the request: wait for it). */
async function codeSentTo(to: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const m = [...received].reverse().find((r) => r.to === to && r.deliveryId === null);
    if (m) return /\b(\d{6})\b/.exec(m.body)![1]!;
    await new Promise((ok) => setTimeout(ok, 10));
  }
  throw new Error(`no code sent to ${to}`);
}

async function verifyEmail(v: Volunteer, address: string) {
  const sent = await api(t, v.cookie, 'POST', '/api/me/email/code', { email: address });
  assert.equal(sent.statusCode, 202, sent.body);
  const code = await codeSentTo(address.toLowerCase());
  return api(t, v.cookie, 'PUT', '/api/me/email', { email: address, code });
}

async function rows(userId: string) {
  return t.handle.db.selectFrom('notification_addresses').selectAll().where('user_id', '=', userId).execute();
}

/** Queues one notice for the user and runs the delivery job: what the gateway got for it, and the delivery. */
async function deliverOneTo(userId: string) {
  const before = received.length;
  await notify(t.handle.db, [userId], 'signup_promoted', { title: '长者探访' });
  t.clock.advance(11_000);
  await t.app.jobs.tick();
  const d = await t.handle.db
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
  return { sent: received.slice(before).filter((r) => r.deliveryId !== null), deliveries: d };
}

describe('e-mail address', () => {
  it('cannot be used before it is verified; the switch says so', async () => {
    const v = await createVolunteer(t);
    const got = (await prefs(v)).json();
    assert.deepEqual(channelOf(got, 'email'), {
      channel: 'email',
      enabled: false,
      available: false,
      addressMasked: null,
    });
    const refused = await api(t, v.cookie, 'PUT', '/api/me/notification-preferences', { email: true });
    assert.equal(refused.json().error.code, 'NOTIFY_CHANNEL_UNAVAILABLE');
    assert.match(refused.json().error.message, /邮箱/);
  });

  it('is proved by a code sent through the e-mail channel, sealed, masked, audited; notices then go there', async () => {
    const v = await createVolunteer(t);
    const address = email('Lin');
    const lower = address.toLowerCase();
    const sent = await api(t, v.cookie, 'POST', '/api/me/email/code', { email: address });
    assert.equal(sent.statusCode, 202, sent.body);
    const code = await codeSentTo(lower);
    const mail = received.find((r) => r.to === lower)!;
    assert.equal(mail.channel, 'email');
    assert.match(mail.title, /验证码/);

    // A wrong code, or the right code for another address, binds nothing.
    const wrong = await api(t, v.cookie, 'PUT', '/api/me/email', {
      email: address,
      code: code === '000000' ? '111111' : '000000',
    });
    assert.equal(wrong.json().error.code, 'OTP_INVALID');
    const other = await api(t, v.cookie, 'PUT', '/api/me/email', { email: email('other'), code });
    assert.equal(other.json().error.code, 'OTP_INVALID');
    assert.deepEqual(await rows(v.userId), []);

    const ok = await api(t, v.cookie, 'PUT', '/api/me/email', { email: address, code });
    assert.equal(ok.statusCode, 200, ok.body);
    const ch = channelOf(ok.json(), 'email');
    assert.equal(ch.available, true);
    assert.equal(ch.addressMasked, `l***@example.com`);
    assert.ok(!ok.body.includes(lower.split('@')[0]!));
    const again = await api(t, v.cookie, 'PUT', '/api/me/email', { email: address, code });
    assert.equal(again.json().error.code, 'OTP_INVALID', 'a code is used once');

    const [row] = await rows(v.userId);
    assert.ok(row && !row.address_enc.includes(lower.split('@')[0]!), 'sealed at rest');
    const audit = (await auditRows(t, 'notification.address_bind')).at(-1)!;
    assert.equal(audit.object_id, v.userId);
    assert.deepEqual(audit.details, { channel: 'email', change: 'added' });
    assert.ok(!JSON.stringify(await auditRows(t)).includes(lower));

    const on = await api(t, v.cookie, 'PUT', '/api/me/notification-preferences', { email: true });
    assert.equal(on.statusCode, 200, on.body);
    const { sent: out, deliveries } = await deliverOneTo(v.userId);
    assert.deepEqual(
      out.map((r) => [r.channel, r.to]),
      [['email', lower]],
    );
    assert.equal(deliveries[0]!.status, 'sent');
    const attempts = await t.handle.db
      .selectFrom('notification_attempts')
      .selectAll()
      .where('delivery_id', '=', deliveries[0]!.id)
      .execute();
    assert.deepEqual(
      attempts.map((a) => a.ok),
      [true],
    );
  });

  it('is changed by proving the new one, and removed (the channel turns off; queued notices skip)', async () => {
    const v = await createVolunteer(t);
    assert.equal((await verifyEmail(v, email('first'))).statusCode, 200);
    await api(t, v.cookie, 'PUT', '/api/me/notification-preferences', { email: true });
    const second = email('second');
    const changed = await verifyEmail(v, second);
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(channelOf(changed.json(), 'email').addressMasked, 's***@example.com');
    assert.equal(channelOf(changed.json(), 'email').enabled, true);
    assert.equal((await auditRows(t, 'notification.address_bind')).at(-1)!.details.change, 'changed');
    assert.equal((await rows(v.userId)).length, 1);
    assert.deepEqual(
      (await deliverOneTo(v.userId)).sent.map((r) => r.to),
      [second.toLowerCase()],
    );

    // A notice queued while the address existed finds none when it is sent: skipped, recorded.
    await notify(t.handle.db, [v.userId], 'signup_promoted', { title: '长者探访' });
    const removed = await api(t, v.cookie, 'DELETE', '/api/me/email');
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(channelOf(removed.json(), 'email'), {
      channel: 'email',
      enabled: false,
      available: false,
      addressMasked: null,
    });
    assert.deepEqual(await rows(v.userId), []);
    assert.deepEqual((await auditRows(t, 'notification.address_unbind')).at(-1)!.details, {
      channel: 'email',
    });
    t.clock.advance(11_000);
    await t.app.jobs.tick();
    const [last] = await t.handle.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('user_id', '=', v.userId)
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    assert.equal(last!.status, 'skipped');
    assert.equal(last!.last_error, 'no_address');

    const none = await api(t, v.cookie, 'DELETE', '/api/me/email');
    assert.equal(none.statusCode, 404);
    assert.equal(none.json().error.code, 'NOTIFY_ADDRESS_NONE');
  });

  it('refuses a malformed address and limits the codes per address and hour', async () => {
    const v = await createVolunteer(t);
    for (const bad of ['not-an-address', 'a@b', ' @example.com', 'x'.repeat(250) + '@example.com']) {
      const res = await api(t, v.cookie, 'POST', '/api/me/email/code', { email: bad });
      assert.equal(res.statusCode, 400, bad);
      assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    }
    const address = email('many');
    const answers: number[] = [];
    for (let i = 0; i < 6; i++)
      answers.push((await api(t, v.cookie, 'POST', '/api/me/email/code', { email: address })).statusCode);
    assert.deepEqual(answers, [202, 202, 202, 202, 202, 429]);
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/me/email/code',
      payload: { email: email('anon') },
    });
    assert.equal(anon.statusCode, 401);
  });
});

describe('WeChat identity', () => {
  it('is bound from a login code (dev adapter), one account per identity, and notices go to it', async () => {
    const v = await createVolunteer(t);
    const code = `login-${process.pid}-${++seq}`;
    const openid = await devWechatIdentity().openidOf(code);
    const bound = await api(t, v.cookie, 'PUT', '/api/me/wechat', { code });
    assert.equal(bound.statusCode, 200, bound.body);
    const ch = channelOf(bound.json(), 'wechat');
    assert.equal(ch.available, true);
    assert.equal(ch.addressMasked, `…${openid.slice(-4)}`);
    assert.ok(!bound.body.includes(openid));
    const [row] = await rows(v.userId);
    assert.ok(row && !row.address_enc.includes(openid));
    assert.deepEqual((await auditRows(t, 'notification.address_bind')).at(-1)!.details, {
      channel: 'wechat',
      change: 'added',
    });

    // The same WeChat cannot be bound by another account.
    const w = await createVolunteer(t);
    const taken = await api(t, w.cookie, 'PUT', '/api/me/wechat', { code });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'WECHAT_BOUND_ELSEWHERE');
    assert.deepEqual(await rows(w.userId), []);
    const invalid = await api(t, w.cookie, 'PUT', '/api/me/wechat', { code: 'invalid-expired-code' });
    assert.equal(invalid.statusCode, 400);
    assert.equal(invalid.json().error.code, 'WECHAT_CODE_INVALID');
    const malformed = await api(t, w.cookie, 'PUT', '/api/me/wechat', { code: 'o<script>' });
    assert.equal(malformed.json().error.code, 'VALIDATION_FAILED');

    await api(t, v.cookie, 'PUT', '/api/me/notification-preferences', { wechat: true });
    const { sent, deliveries } = await deliverOneTo(v.userId);
    assert.deepEqual(
      sent.map((r) => [r.channel, r.to]),
      [['wechat', openid]],
    );
    assert.equal(deliveries[0]!.status, 'sent');

    const unbound = await api(t, v.cookie, 'DELETE', '/api/me/wechat');
    assert.equal(channelOf(unbound.json(), 'wechat').available, false);
    assert.equal(channelOf(unbound.json(), 'wechat').enabled, false);
    // Once unbound there, the other account may bind it.
    assert.equal((await api(t, w.cookie, 'PUT', '/api/me/wechat', { code })).statusCode, 200);
  });

  it('the mini-program adapter exchanges the code with code2session and keeps only the OpenID', async () => {
    const asked: URL[] = [];
    const answers: [number, object][] = [
      [200, { openid: 'oABCdef123_xyz', session_key: 'c2Vzc2lvbg==' }],
      [200, { errcode: 40029, errmsg: 'invalid code' }],
      [200, { errcode: -1, errmsg: 'system busy' }],
      [502, {}],
    ];
    const wx = createServer((req, res) => {
      asked.push(new URL(req.url!, 'http://x'));
      const [status, body] = answers.shift()!;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((ok) => wx.listen(0, '127.0.0.1', ok));
    try {
      const id = miniProgramIdentity({
        appId: 'wx123',
        appSecret: 'secret',
        apiUrl: `http://127.0.0.1:${(wx.address() as AddressInfo).port}`,
      });
      assert.equal(await id.openidOf('code-1'), 'oABCdef123_xyz');
      assert.equal(asked[0]!.pathname, '/sns/jscode2session');
      assert.equal(asked[0]!.searchParams.get('js_code'), 'code-1');
      assert.equal(asked[0]!.searchParams.get('appid'), 'wx123');
      assert.equal(asked[0]!.searchParams.get('grant_type'), 'authorization_code');
      const failure = async (code: string) =>
        id.openidOf(code).then(
          () => 'bound',
          (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
        );
      assert.equal(await failure('code-2'), 'WECHAT_CODE_INVALID');
      assert.equal(await failure('code-3'), 'WECHAT_UNAVAILABLE');
      assert.equal(await failure('code-4'), 'WECHAT_UNAVAILABLE');
    } finally {
      wx.close();
    }
  });
});

describe('account closure and own-data export', () => {
  it('the export holds the addresses in full; closing the account deletes them', async () => {
    const r = await registerVolunteer(t);
    const v: Volunteer = { id: r.volunteer.id, userId: r.me.id, cookie: r.cookie };
    const address = email('leaving');
    assert.equal((await verifyEmail(v, address)).statusCode, 200);
    assert.equal(
      (await api(t, v.cookie, 'PUT', '/api/me/wechat', { code: `bye-${++seq}-code` })).statusCode,
      200,
    );
    const exported = await api(t, v.cookie, 'GET', '/api/me/volunteer/export');
    const addresses = exported.json().notificationAddresses as { channel: string; address: string }[];
    assert.deepEqual(addresses.map((a) => a.channel).sort(), ['email', 'wechat']);
    assert.equal(addresses.find((a) => a.channel === 'email')!.address, address.toLowerCase());
    const closed = await api(t, v.cookie, 'POST', '/api/me/volunteer/close', {
      password: VOLUNTEER_PASSWORD,
    });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.deepEqual(await rows(v.userId), []);
    assert.equal((await auditRows(t, 'volunteer.close')).at(-1)!.details.addressesDeleted, 2);
  });
});
