import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  signUp,
  type Organizer,
} from './activities.testkit.ts';

/**
 * A sign-up and a QR check-in read the session in their own first statement (decision 0072), not in the
 * access hook: the same sessions must be refused with the same 401, before anything is written, and a live
 * one is refreshed and named in the audit row as by the hook.
 */
let t: TestApp;
let org: Organizer;
const IDLE_MINUTES = 120;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: String(IDLE_MINUTES) } });
  org = await createOrganizer(t);
});
after(() => t.close());

const code = (r: { json(): unknown }) => (r.json() as { error?: { code: string } }).error?.code;
const rows = async (table: 'signups' | 'attendances', shiftId: string) =>
  (
    await t.handle.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('shift_id', '=', shiftId)
      .executeTakeFirstOrThrow()
  ).n;
const qr = async (activityId: string, shiftId: string) =>
  (await api(t, org.cookie, 'GET', `/api/activities/${activityId}/shifts/${shiftId}/qr`)).json()
    .token as string;

describe('the session read by the sign-up and check-in statements', () => {
  it('refuses no, forged and signed-out sessions with 401 and writes nothing', async () => {
    const a = await createActivity(t, org);
    const out = await createVolunteer(t);
    assert.equal((await api(t, out.cookie, 'POST', '/api/auth/logout')).statusCode, 200);
    const forged = 'yiqi_sid=' + 'x'.repeat(43);
    const url = `/api/shifts/${a.shiftId}/signups`;
    for (const cookie of [undefined, forged, 'yiqi_sid=short', out.cookie]) {
      const r = await api(t, cookie, 'POST', url, {});
      assert.equal(r.statusCode, 401, `${cookie}: ${r.body}`);
      assert.equal(code(r), 'UNAUTHENTICATED');
    }
    // The body is read before the session is decided: a small one only.
    assert.equal((await api(t, forged, 'POST', url, { inviteCode: 'x'.repeat(5000) })).statusCode, 413);
    assert.equal(await rows('signups', a.shiftId), 0);
  });

  it('signs up with a live session, refreshes it, and names the caller in the audit row', async () => {
    const a = await createActivity(t, org);
    const v = await createVolunteer(t);
    t.clock.advance(2 * 60_000);
    const r = await signUp(t, v, a.shiftId);
    assert.equal(r.statusCode, 200, r.body);
    const seen = await t.handle.db
      .selectFrom('sessions')
      .select('last_seen_at')
      .where('user_id', '=', v.userId)
      .executeTakeFirstOrThrow();
    assert.equal(new Date(seen.last_seen_at).getTime(), t.clock.now().getTime());
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select(['actor_id', 'actor_name'])
      .where('action', '=', 'signup.create')
      .where('object_id', '=', r.json().id)
      .executeTakeFirstOrThrow();
    assert.equal(audit.actor_id, v.userId);
    assert.ok(audit.actor_name);
    // A staff account without a volunteer record is signed in but not a volunteer.
    assert.equal(code(await signUp(t, { ...v, cookie: org.cookie }, a.shiftId)), 'VOLUNTEER_REQUIRED');
  });

  it('refuses a check-in of a signed-out session with 401, also with a malformed code', async () => {
    const a = await createActivity(t, org, { inHours: 0.5, hours: 3 });
    const v = await createVolunteer(t);
    assert.equal((await signUp(t, v, a.shiftId)).json().status, 'accepted');
    t.clock.advance(30 * 60_000);
    const token = await qr(a.activityId, a.shiftId);
    const stale = await createVolunteer(t);
    assert.equal((await api(t, stale.cookie, 'POST', '/api/auth/logout')).statusCode, 200);
    for (const body of [{ token }, { token: 'not-a-code' }, { code: '123456' }]) {
      const r = await api(t, stale.cookie, 'POST', '/api/checkins', body);
      assert.equal(r.statusCode, 401, `${JSON.stringify(body)}: ${r.body}`);
    }
    // The same malformed code from a live session is the scanner's error.
    assert.equal(
      code(await api(t, v.cookie, 'POST', '/api/checkins', { token: 'not-a-code' })),
      'QR_MALFORMED',
    );
    assert.equal(await rows('attendances', a.shiftId), 0);
    const ok = await api(t, v.cookie, 'POST', '/api/checkins', { token });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(await rows('attendances', a.shiftId), 1);
    // Signed out after checking in: the retry is refused too, not answered with the record.
    assert.equal((await api(t, v.cookie, 'POST', '/api/auth/logout')).statusCode, 200);
    assert.equal((await api(t, v.cookie, 'POST', '/api/checkins', { token })).statusCode, 401);
  });

  // Last: the clock moves past every session's idle limit.
  it('refuses a session idle too long', async () => {
    const a = await createActivity(t, org);
    const idle = await createVolunteer(t);
    t.clock.advance((IDLE_MINUTES + 1) * 60_000);
    assert.equal(code(await signUp(t, idle, a.shiftId)), 'UNAUTHENTICATED');
    assert.equal(await rows('signups', a.shiftId), 0);
  });
});
