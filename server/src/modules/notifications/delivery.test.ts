import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { encrypt, blindIndex } from '../../lib/crypto.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  signUp,
  type Organizer,
  type Volunteer,
} from '../activities/activities.testkit.ts';
import type { Ctx } from '../../core/ctx.ts';
import { claimDue } from './delivery.repository.ts';
import { deliverDue, MAX_ATTEMPTS, retryDelayMs } from './delivery.service.ts';
import type { NotificationChannel, OutgoingNotice } from './channels.ts';
import { notify } from './notifications.service.ts';

/**
 * Notices beyond the inbox: channel preferences, one delivery per (notice, channel) sent through the
 * configured gateway, every attempt recorded and failures retried, a claimed delivery whose process died sent
 * after its lease, and reminders before shifts sent once.
 */

let t: TestApp;
let gateway: Server;
/** What the gateway received, and how it answers next (a queue of status codes; empty: 200). */
const received: OutgoingNotice[] = [];
const answers: number[] = [];
let org: Organizer;

before(async () => {
  gateway = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const status = answers.shift() ?? 200;
      if (status === 200) received.push(JSON.parse(body) as OutgoingNotice);
      res.writeHead(status).end();
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
    },
  });
  org = await createOrganizer(t);
});
after(async () => {
  await t?.close();
  gateway?.close();
});

const ctx = (): Ctx => ({
  db: t.handle.db,
  actor: null,
  clock: t.clock.now,
  log: t.app.log,
  config: t.config,
  requestId: 'test',
  ip: '127.0.0.1',
  locale: 'zh-CN',
});

let phoneSeq = 0;
/** A volunteer with a phone on record (as registration stores it: sealed, with its blind index). */
async function withPhone(): Promise<Volunteer & { phone: string }> {
  const v = await createVolunteer(t);
  const phone = `139${String(10_000_000 + ++phoneSeq * 7 + (process.pid % 1000) * 1000).slice(-8)}`;
  await t.handle.db
    .updateTable('volunteers')
    .set({
      phone_enc: encrypt(t.config.appKey, phone),
      phone_bidx: blindIndex(t.config.appKey, 'phone', phone),
    })
    .where('id', '=', v.id)
    .execute();
  return { ...v, phone };
}

const prefs = (v: Volunteer, body?: Record<string, unknown>) =>
  api(t, v.cookie, body ? 'PUT' : 'GET', '/api/me/notification-preferences', body);

async function deliveries(userId: string) {
  return t.handle.db
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}
async function attempts(deliveryId: number) {
  return t.handle.db
    .selectFrom('notification_attempts')
    .selectAll()
    .where('delivery_id', '=', deliveryId)
    .orderBy('attempt')
    .execute();
}

/** Moves the clock past the delivery job's period and runs due jobs. */
async function tick(ms = 11_000) {
  t.clock.advance(ms);
  await t.app.jobs.tick();
}

describe('notification preferences', () => {
  it('SMS can be turned on only with a phone on record; the others are not linked yet; audited', async () => {
    const bare = await createVolunteer(t);
    const got = (await prefs(bare)).json();
    assert.deepEqual(
      got.channels.map((c: { channel: string; enabled: boolean; available: boolean }) => [
        c.channel,
        c.enabled,
        c.available,
      ]),
      [
        ['sms', false, false],
        ['wechat', false, false],
        ['email', false, false],
      ],
    );
    const refused = await prefs(bare, { sms: true });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().error.code, 'NOTIFY_CHANNEL_UNAVAILABLE');
    assert.match(refused.json().error.message, /短信/);
    assert.equal(
      (
        await t.handle.db
          .selectFrom('notification_preferences')
          .selectAll()
          .where('user_id', '=', bare.userId)
          .execute()
      ).length,
      0,
    );
    assert.equal((await prefs(bare, {})).json().error.code, 'NOTIFY_NOTHING_TO_CHANGE');
    assert.equal((await prefs(bare, { fax: true })).statusCode, 400);

    const v = await withPhone();
    assert.equal((await prefs(v)).json().channels[0].available, true);
    const on = await prefs(v, { sms: true });
    assert.equal(on.statusCode, 200, on.body);
    assert.equal(on.json().channels[0].enabled, true);
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'notification.preferences')
      .where('object_id', '=', v.userId)
      .execute();
    assert.equal(audit.length, 1);
    // Off again: an update, not a second row.
    assert.equal((await prefs(v, { sms: false })).json().channels[0].enabled, false);
  });
});

describe('deliveries', () => {
  it('a notice goes to the gateway once for those who turned SMS on, in their language; inbox for all', async () => {
    const on = await withPhone();
    const off = await withPhone();
    assert.equal((await prefs(on, { sms: true })).statusCode, 200);
    await t.handle.db.updateTable('users').set({ locale: 'en' }).where('id', '=', on.userId).execute();
    await notify(t.handle.db, [on.userId, off.userId], 'signup_accepted', { title: '海滩清洁' });
    assert.equal((await deliveries(off.userId)).length, 0);
    const [d] = await deliveries(on.userId);
    assert.equal(d!.status, 'queued');
    const before = received.length;
    await tick();
    const sent = received.slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.channel, 'sms');
    assert.equal(sent[0]!.to, on.phone);
    assert.match(sent[0]!.body, /accepted/);
    const [done] = await deliveries(on.userId);
    assert.equal(done!.status, 'sent');
    assert.equal((await attempts(done!.id)).length, 1);
    await tick();
    assert.equal(received.length, before + 1, 'sent once');
    // The inbox has it for both.
    const inbox = (await api(t, off.cookie, 'GET', '/api/me/notifications')).json();
    assert.equal(inbox.items[0].kind, 'signup_accepted');
    const mine = (await api(t, on.cookie, 'GET', '/api/me/notification-deliveries')).json();
    assert.equal(mine.items[0].status, 'sent');
  });

  it('a failing gateway is retried with backoff, each attempt recorded; after the last it is failed', async () => {
    const v = await withPhone();
    await prefs(v, { sms: true });
    answers.push(500, 503);
    await notify(t.handle.db, [v.userId], 'signup_promoted', { title: '长者探访' });
    await tick();
    let [d] = await deliveries(v.userId);
    assert.equal(d!.status, 'queued');
    assert.equal(d!.attempts, 1);
    assert.match(d!.last_error!, /500/);
    // Not before its retry time.
    await tick(retryDelayMs(1) - 20_000);
    assert.equal((await deliveries(v.userId))[0]!.attempts, 1);
    await tick(20_000);
    assert.equal((await deliveries(v.userId))[0]!.attempts, 2);
    await tick(retryDelayMs(2) + 1000);
    [d] = await deliveries(v.userId);
    assert.equal(d!.status, 'sent');
    assert.deepEqual(
      (await attempts(d!.id)).map((a) => [a.attempt, a.ok]),
      [
        [1, false],
        [2, false],
        [3, true],
      ],
    );

    // A gateway that never answers 2xx: failed after MAX_ATTEMPTS, each one recorded.
    const w = await withPhone();
    await prefs(w, { sms: true });
    await notify(t.handle.db, [w.userId], 'signup_promoted', { title: '长者探访' });
    const failing: NotificationChannel = { send: () => Promise.reject(new Error('gateway down')) };
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      await deliverDue(ctx(), failing);
      t.clock.advance(retryDelayMs(i) + 1000);
    }
    [d] = await deliveries(w.userId);
    assert.equal(d!.status, 'failed');
    assert.equal((await attempts(d!.id)).length, MAX_ATTEMPTS);
    assert.equal(
      (await attempts(d!.id)).every((a) => !a.ok && a.error === 'gateway down'),
      true,
    );
  });

  it('a delivery claimed by a process that died is sent after its lease, not lost', async () => {
    const v = await withPhone();
    await prefs(v, { sms: true });
    await notify(t.handle.db, [v.userId], 'signup_accepted', { title: '义诊' });
    // Another process claims every due row, then dies before sending anything.
    const claimed = await claimDue(t.handle.db, t.clock.now(), t.config.notifyLeaseSeconds, 1000);
    assert.ok(claimed.some((c) => c.user_id === v.userId));
    const before = received.length;
    await tick(); // within the lease: held by the dead process
    assert.equal(received.filter((r) => r.to === v.phone).length, 0);
    await tick(120_000);
    assert.equal(received.slice(before).filter((r) => r.to === v.phone).length, 1);
    const [d] = await deliveries(v.userId);
    assert.equal(d!.status, 'sent');
    assert.equal(d!.attempts, 2, 'the lost claim counts as an attempt');
  });

  it('no address on record: skipped with the reason, never retried', async () => {
    const v = await withPhone();
    await prefs(v, { sms: true });
    await t.handle.db
      .updateTable('volunteers')
      .set({ phone_enc: null, phone_bidx: null })
      .where('id', '=', v.id)
      .execute();
    await notify(t.handle.db, [v.userId], 'signup_accepted', { title: '义诊' });
    await tick();
    const [d] = await deliveries(v.userId);
    assert.equal(d!.status, 'skipped');
    assert.equal(d!.last_error, 'no_address');
  });

  it('a rolled-back change queues nothing', async () => {
    const v = await withPhone();
    await prefs(v, { sms: true });
    await assert.rejects(
      t.handle.db.transaction().execute(async (tx) => {
        await notify(tx, [v.userId], 'signup_accepted', { title: '回滚' });
        throw new Error('rollback');
      }),
    );
    assert.equal((await deliveries(v.userId)).length, 0);
  });
});

describe('shift reminders', () => {
  it('accepted volunteers are reminded once within SHIFT_REMINDER_HOURS of the start, across re-runs', async () => {
    const { shiftId, activityId } = await createActivity(t, org, { inHours: 30 });
    const v = await withPhone();
    const s = await signUp(t, v, shiftId);
    assert.equal(s.statusCode, 200, s.body);
    const status = s.json().status as string;
    if (status !== 'accepted') {
      const ok = await api(t, org.cookie, 'POST', `/api/signups/${s.json().id}/decision`, {
        decision: 'accept',
      });
      assert.equal(ok.statusCode, 200, ok.body);
    }
    const reminders = async () =>
      (await api(t, v.cookie, 'GET', '/api/me/notifications'))
        .json()
        .items.filter((n: { kind: string }) => n.kind === 'shift_reminder');
    await tick(301_000);
    assert.equal((await reminders()).length, 0, '30 h before: not yet');
    await tick(7 * 3_600_000);
    const got = await reminders();
    assert.equal(got.length, 1);
    assert.equal(got[0].activityId, activityId);
    assert.match(got[0].body, /开始，请按时到岗签到/);
    await tick(301_000);
    await tick(301_000);
    assert.equal((await reminders()).length, 1, 'once');
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM shift_reminders`.execute(
      t.handle.db,
    );
    assert.ok(rows.rows[0]!.n >= 1);
  });
});
