import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { auditRows, startTestApp, type TestApp } from '../../test/harness.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  signUp,
  type Organizer,
} from './activities.testkit.ts';
import { makeToken, qrKey, stepAt } from './qr-token.ts';

let t: TestApp;
let org: Organizer;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await createOrganizer(t);
});
after(() => t.close());

const code = (r: { json(): unknown }) => (r.json() as { error?: { code: string } }).error?.code;
const SITE = { lat: 22.5, lng: 113.95 };

/** A published activity starting in 30 minutes with one accepted volunteer; the clock is at its start. */
async function ready(opts: { body?: Record<string, unknown>; hours?: number } = {}) {
  const a = await createActivity(t, org, { inHours: 0.5, hours: opts.hours ?? 3, body: opts.body ?? {} });
  const v = await createVolunteer(t);
  const s = await signUp(t, v, a.shiftId);
  assert.equal(s.json().status, 'accepted');
  t.clock.advance(30 * 60_000);
  return { ...a, v, signupId: s.json().id as string };
}

async function qr(activityId: string, shiftId: string) {
  const r = await api(t, org.cookie, 'GET', `/api/activities/${activityId}/shifts/${shiftId}/qr`);
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as { token: string; step: number; expiresAt: string };
}

describe('QR check-in and check-out', () => {
  it('checks in with the current code, idempotently, and out with a newer one', async () => {
    const a = await ready();
    const { token, step } = await qr(a.activityId, a.shiftId);
    assert.equal(step, stepAt(t.clock.now()));
    const first = await api(t, a.v.cookie, 'POST', '/api/checkins', { token });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().repeated, false);
    // A retried request (same token, same person) finds the same record.
    const again = await api(t, a.v.cookie, 'POST', '/api/checkins', { token });
    assert.equal(again.json().repeated, true);
    assert.equal(again.json().attendanceId, first.json().attendanceId);
    // The same code cannot also check out: that would let one photo do both.
    assert.equal(code(await api(t, a.v.cookie, 'POST', '/api/checkouts', { token })), 'QR_REPLAYED');
    t.clock.advance(2 * 3600_000);
    const later = await qr(a.activityId, a.shiftId);
    const out = await api(t, a.v.cookie, 'POST', '/api/checkouts', { token: later.token });
    assert.equal(out.statusCode, 200, out.body);
    assert.ok(out.json().checkOutAt);
    assert.equal(
      (await api(t, a.v.cookie, 'POST', '/api/checkouts', { token: later.token })).json().repeated,
      true,
    );
    const rows = await t.handle.db
      .selectFrom('attendances')
      .selectAll()
      .where('signup_id', '=', a.signupId)
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.check_in_method, 'qr');
    assert.equal((await auditRows(t, 'attendance.check_in')).length >= 1, true);
    const mine = (await api(t, a.v.cookie, 'GET', '/api/me/signups')).json().items[0];
    assert.ok(mine.attendance.checkOutAt);
  });

  it('accepts the previous and next step, and rejects expired, forged and other-activity codes', async () => {
    const a = await ready();
    const key = qrKey(t.config.appKey);
    const now = stepAt(t.clock.now());
    const expired = makeToken(key, a.activityId, a.shiftId, now - 2);
    assert.equal(code(await api(t, a.v.cookie, 'POST', '/api/checkins', { token: expired })), 'QR_EXPIRED');
    const forged = makeToken(Buffer.alloc(32, 9), a.activityId, a.shiftId, now);
    assert.equal(code(await api(t, a.v.cookie, 'POST', '/api/checkins', { token: forged })), 'QR_FORGED');
    assert.equal(code(await api(t, a.v.cookie, 'POST', '/api/checkins', { token: 'hello' })), 'QR_MALFORMED');
    assert.equal(code(await api(t, a.v.cookie, 'POST', '/api/checkins', { token: '%' })), 'QR_MALFORMED');
    // A genuine code of another activity: the volunteer is not signed up there.
    const b = await createActivity(t, org, { inHours: 0.01, hours: 2 });
    const other = (await qr(b.activityId, b.shiftId)).token;
    assert.equal(
      code(await api(t, a.v.cookie, 'POST', '/api/checkins', { token: other })),
      'CHECKIN_NOT_SIGNED_UP',
    );
    // A code with this shift's id but signed for the other activity is forged.
    const crossed = makeToken(key, b.activityId, a.shiftId, now);
    assert.equal(code(await api(t, a.v.cookie, 'POST', '/api/checkins', { token: crossed })), 'QR_FORGED');
    assert.equal(
      await t.handle.db
        .selectFrom('attendances')
        .select('id')
        .where('signup_id', '=', a.signupId)
        .executeTakeFirst(),
      undefined,
    );
    const prev = makeToken(key, a.activityId, a.shiftId, now - 1);
    const ok = await api(t, a.v.cookie, 'POST', '/api/checkins', {
      token: `https://x.example/m/scan?t=${prev}`,
    });
    assert.equal(ok.statusCode, 200, ok.body);
  });

  it('opens an hour before the shift and closes at its end', async () => {
    const a = await createActivity(t, org, { inHours: 3, hours: 1 });
    const v = await createVolunteer(t);
    await signUp(t, v, a.shiftId);
    const early = await qr(a.activityId, a.shiftId);
    assert.equal(
      code(await api(t, v.cookie, 'POST', '/api/checkins', { token: early.token })),
      'CHECKIN_WINDOW',
    );
    t.clock.advance(4 * 3600_000);
    const late = await qr(a.activityId, a.shiftId);
    assert.equal(
      code(await api(t, v.cookie, 'POST', '/api/checkins', { token: late.token })),
      'CHECKIN_WINDOW',
    );
  });

  it('enforces the check-in area: reject mode refuses, review mode flags for the organizer', async () => {
    const strict = await ready({ body: { ...SITE, geofence: { mode: 'reject', radiusM: 200 } } });
    const t1 = (await qr(strict.activityId, strict.shiftId)).token;
    assert.equal(
      code(await api(t, strict.v.cookie, 'POST', '/api/checkins', { token: t1 })),
      'CHECKIN_POSITION_REQUIRED',
    );
    const far = { lat: 22.52, lng: 113.95, accuracyM: 20 }; // ~2.2 km north
    const r = await api(t, strict.v.cookie, 'POST', '/api/checkins', { token: t1, position: far });
    assert.equal(code(r), 'CHECKIN_OUTSIDE_AREA');
    assert.ok(r.json().error.details.distanceM > 2000);
    const near = { lat: 22.5005, lng: 113.9502, accuracyM: 30 };
    const ok = await api(t, strict.v.cookie, 'POST', '/api/checkins', { token: t1, position: near });
    assert.equal(ok.json().reviewStatus, 'ok');
    const row = await t.handle.db
      .selectFrom('attendances')
      .selectAll()
      .where('signup_id', '=', strict.signupId)
      .executeTakeFirstOrThrow();
    // Only the distance and accuracy are kept, never the coordinates.
    assert.ok(row.check_in_distance_m! < 100);
    assert.equal(row.check_in_accuracy_m, 30);

    const soft = await ready({ body: { ...SITE, geofence: { mode: 'review', radiusM: 200 } } });
    const t2 = (await qr(soft.activityId, soft.shiftId)).token;
    const flagged = await api(t, soft.v.cookie, 'POST', '/api/checkins', { token: t2, position: far });
    assert.equal(flagged.json().reviewStatus, 'review');
    const board = (await api(t, org.cookie, 'GET', `/api/activities/${soft.activityId}/attendance`)).json();
    assert.equal(board.counts.review, 1);
    const rev = await api(
      t,
      org.cookie,
      'POST',
      `/api/activities/${soft.activityId}/attendance/${flagged.json().attendanceId}/review`,
      { decision: 'approve' },
    );
    assert.equal(rev.statusCode, 200, rev.body);
    const again = await api(
      t,
      org.cookie,
      'POST',
      `/api/activities/${soft.activityId}/attendance/${flagged.json().attendanceId}/review`,
      { decision: 'approve' },
    );
    assert.equal(code(again), 'ATTENDANCE_STATE');
  });
});

describe('organizer roster and board', () => {
  it('staff check-in for volunteers without phones, and completing a forgotten check-out', async () => {
    const a = await ready();
    const url = `/api/activities/${a.activityId}/attendance`;
    const notIn = await api(t, org.cookie, 'POST', `${url}/check-out`, { signupId: a.signupId });
    assert.equal(code(notIn), 'CHECKOUT_NOT_CHECKED_IN');
    const inn = await api(t, org.cookie, 'POST', `${url}/check-in`, { signupId: a.signupId });
    assert.equal(inn.statusCode, 200, inn.body);
    const row = await t.handle.db
      .selectFrom('attendances')
      .selectAll()
      .where('signup_id', '=', a.signupId)
      .executeTakeFirstOrThrow();
    assert.equal(row.check_in_method, 'staff');
    assert.equal(row.check_in_by, org.userId);
    t.clock.advance(5 * 3600_000);
    const future = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    assert.equal(
      code(await api(t, org.cookie, 'POST', `${url}/check-out`, { signupId: a.signupId, at: future })),
      'ACTIVITY_TIME_RANGE',
    );
    const left = new Date(Date.parse(inn.json().checkInAt) + 2.5 * 3600_000).toISOString();
    const out = await api(t, org.cookie, 'POST', `${url}/check-out`, { signupId: a.signupId, at: left });
    assert.equal(out.json().checkOutAt, left);
    const done = await t.handle.db
      .selectFrom('attendances')
      .select('check_out_method')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.equal(done.check_out_method, 'completed');
    // A sign-up of another activity is not on this roster.
    const other = await ready();
    assert.equal(
      (await api(t, org.cookie, 'POST', `${url}/check-in`, { signupId: other.signupId })).statusCode,
      404,
    );
  });

  it('counts expected, checked in, late and absent, and records no-shows after the shift', async () => {
    const a = await createActivity(t, org, { inHours: 0.5, hours: 2, quota: 4 });
    const vs = await Promise.all(Array.from({ length: 4 }, () => createVolunteer(t)));
    const ids: string[] = [];
    for (const v of vs) ids.push((await signUp(t, v, a.shiftId)).json().id);
    t.clock.advance(25 * 60_000);
    const url = `/api/activities/${a.activityId}/attendance`;
    await api(t, vs[0]!.cookie, 'POST', '/api/checkins', {
      token: (await qr(a.activityId, a.shiftId)).token,
    });
    t.clock.advance(30 * 60_000); // 25 minutes after the start: late from here on
    await api(t, vs[1]!.cookie, 'POST', '/api/checkins', {
      token: (await qr(a.activityId, a.shiftId)).token,
    });
    const b = (await api(t, org.cookie, 'GET', url)).json();
    assert.deepEqual(b.counts, { expected: 4, checkedIn: 2, late: 1, absent: 2, checkedOut: 0, review: 0 });
    const late = (await api(t, org.cookie, 'GET', `${url}?state=late`)).json();
    assert.equal(late.total, 1);
    assert.equal(late.items[0].signupId, ids[1]);
    const early = await api(
      t,
      org.cookie,
      'POST',
      `/api/activities/${a.activityId}/shifts/${a.shiftId}/no-shows`,
    );
    assert.equal(code(early), 'ACTIVITY_STATE');
    t.clock.advance(2 * 3600_000);
    const ns = await api(
      t,
      org.cookie,
      'POST',
      `/api/activities/${a.activityId}/shifts/${a.shiftId}/no-shows`,
    );
    assert.equal(ns.json().recorded, 2);
    const list = (
      await api(t, org.cookie, 'GET', `/api/activities/${a.activityId}/signups?status=no_show`)
    ).json();
    assert.deepEqual(list.items.map((x: { id: string }) => x.id).sort(), [ids[2], ids[3]].sort());
  });

  it('the exclusion constraint refuses a second check-in to an overlapping shift', async () => {
    const a = await ready();
    const b = await createActivity(t, org, { inHours: 0.01, hours: 2 });
    // Sign-up rules already refuse overlaps, so plant the second sign-up directly.
    const g = await sql<{
      id: string;
    }>`INSERT INTO signups (shift_id, position_id, activity_id, volunteer_id, status, shift_range)
      SELECT id, position_id, activity_id, ${a.v.id}, 'accepted', tstzrange(starts_at, ends_at)
      FROM shifts WHERE id = ${b.shiftId} RETURNING id`.execute(t.handle.db);
    assert.equal(
      (
        await api(t, a.v.cookie, 'POST', '/api/checkins', {
          token: (await qr(a.activityId, a.shiftId)).token,
        })
      ).statusCode,
      200,
    );
    const second = await api(t, a.v.cookie, 'POST', '/api/checkins', {
      token: (await qr(b.activityId, b.shiftId)).token,
    });
    assert.equal(code(second), 'CHECKIN_OVERLAP');
    assert.equal(
      await t.handle.db
        .selectFrom('attendances')
        .select('id')
        .where('signup_id', '=', g.rows[0]!.id)
        .executeTakeFirst(),
      undefined,
    );
  });
});

describe('calendar', () => {
  it('exports my shifts as iCalendar and by a secret feed address', async () => {
    const a = await createActivity(t, org, { body: { title: '日历里的活动' } });
    const v = await createVolunteer(t);
    await signUp(t, v, a.shiftId);
    const ics = await api(t, v.cookie, 'GET', '/api/me/calendar.ics');
    assert.equal(ics.statusCode, 200);
    assert.match(ics.headers['content-type'] as string, /text\/calendar/);
    assert.match(ics.body, /BEGIN:VEVENT/);
    assert.match(ics.body, /日历里的活动/);
    const feed = await api(t, v.cookie, 'POST', '/api/me/calendar-feed');
    const path = new URL(feed.json().url).pathname;
    const pub = await api(t, undefined, 'GET', path);
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, /日历里的活动/);
    // A renewed address replaces the old one.
    await api(t, v.cookie, 'POST', '/api/me/calendar-feed');
    assert.equal((await api(t, undefined, 'GET', path)).statusCode, 404);
  });
});
