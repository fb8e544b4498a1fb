/**
 * Check-in at a site with several positions (issue 17): one code per activity and site checks each person in
 * to the shift they hold; the short code typed by hand works, a wrong one is a 4xx that changes nothing, and
 * guessing is limited per account. The old per-shift code keeps working, and now also for the volunteers
 * of the other positions at the same site.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  positionBody,
  signUp,
  type Organizer,
  type Volunteer,
} from './activities.testkit.ts';
import { makeSiteToken, qrKey, shortCode, stepAt } from './qr-token.ts';
import { WRONG_CODES_MAX } from './site-code.service.ts';

let t: TestApp;
let org: Organizer;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await createOrganizer(t);
});
after(() => t.close());

const code = (r: { json(): unknown }) => (r.json() as { error?: { code: string } }).error?.code;

/**
 * A published activity (the geofence off) with positions A and B at its one site, starting in 30 minutes,
 * a volunteer accepted on each; the clock is then at the start.
 */
async function twoPositions() {
  const a = await createActivity(t, org, { inHours: 0.5, hours: 3, publish: false });
  const b = await api(
    t,
    org.cookie,
    'POST',
    `/api/activities/${a.activityId}/positions`,
    positionBody(a.body, { name: '秩序维护员', duties: '维护现场秩序' }),
  );
  assert.equal(b.statusCode, 200, b.body);
  assert.equal((await api(t, org.cookie, 'POST', `/api/activities/${a.activityId}/publish`)).statusCode, 200);
  const detail = (await api(t, org.cookie, 'GET', `/api/activities/${a.activityId}/manage`)).json();
  const [shiftA, shiftB] = detail.positions.map((p: { shifts: { id: string }[] }) => p.shifts[0]!.id) as [
    string,
    string,
  ];
  const va = await createVolunteer(t);
  const vb = await createVolunteer(t);
  assert.equal((await signUp(t, va, shiftA)).json().status, 'accepted');
  assert.equal((await signUp(t, vb, shiftB)).json().status, 'accepted');
  t.clock.advance(30 * 60_000);
  return { activityId: a.activityId, shiftA, shiftB, va, vb };
}

const attendances = (v: Volunteer) =>
  t.handle.db
    .selectFrom('attendances')
    .select(['shift_id', 'check_in_method'])
    .where('volunteer_id', '=', v.id)
    .execute();

describe('site code', () => {
  it('checks the volunteer of position B in to B’s shift from the code shown for position A', async () => {
    const s = await twoPositions();
    const screen = await api(t, org.cookie, 'GET', `/api/activities/${s.activityId}/site-code`);
    assert.equal(screen.statusCode, 200, screen.body);
    const { token, code: short } = screen.json();
    assert.match(short, /^\d{6}$/);
    const b = await api(t, s.vb.cookie, 'POST', '/api/checkins', { token });
    assert.equal(b.statusCode, 200, b.body);
    assert.equal(b.json().positionName, '秩序维护员');
    assert.deepEqual(await attendances(s.vb), [{ shift_id: s.shiftB, check_in_method: 'qr' }]);
    const a = await api(t, s.va.cookie, 'POST', '/api/checkins', { token });
    assert.equal(a.json().positionName, '环保引导员');
    // A retry is the same record.
    assert.equal((await api(t, s.vb.cookie, 'POST', '/api/checkins', { token })).json().repeated, true);
    // Check-out with a later site code, on the shift checked in.
    t.clock.advance(2 * 3600_000);
    const later = (await api(t, org.cookie, 'GET', `/api/activities/${s.activityId}/site-code`)).json();
    const out = await api(t, s.vb.cookie, 'POST', '/api/checkouts', { token: later.token });
    assert.equal(out.statusCode, 200, out.body);
    assert.ok(out.json().checkOutAt);
  });

  it('the old per-shift code of position A checks in the volunteer of position B to B’s shift', async () => {
    const s = await twoPositions();
    const qrA = (
      await api(t, org.cookie, 'GET', `/api/activities/${s.activityId}/shifts/${s.shiftA}/qr`)
    ).json();
    const b = await api(t, s.vb.cookie, 'POST', '/api/checkins', { token: qrA.token });
    assert.equal(b.statusCode, 200, b.body);
    assert.deepEqual(await attendances(s.vb), [{ shift_id: s.shiftB, check_in_method: 'qr' }]);
    // Someone with no shift at this activity is still told so, and nothing is written.
    const stranger = await createVolunteer(t);
    const r = await api(t, stranger.cookie, 'POST', '/api/checkins', { token: qrA.token });
    assert.equal(r.statusCode, 403);
    assert.equal(code(r), 'CHECKIN_NOT_SIGNED_UP');
    const site = (await api(t, org.cookie, 'GET', `/api/activities/${s.activityId}/site-code`)).json();
    const r2 = await api(t, stranger.cookie, 'POST', '/api/checkins', { token: site.token });
    assert.equal(code(r2), 'CHECKIN_NO_SHIFT_HERE');
    assert.deepEqual(await attendances(stranger), []);
  });

  it('refuses expired and forged site codes, and a shift not open for check-in yet', async () => {
    const s = await twoPositions();
    const key = qrKey(t.config.appKey);
    const now = stepAt(t.clock.now());
    const old = makeSiteToken(key, s.activityId, now - 2);
    assert.equal(code(await api(t, s.va.cookie, 'POST', '/api/checkins', { token: old })), 'QR_EXPIRED');
    const forged = makeSiteToken(Buffer.alloc(32, 1), s.activityId, now);
    assert.equal(code(await api(t, s.va.cookie, 'POST', '/api/checkins', { token: forged })), 'QR_FORGED');
    // A later activity's shift: check-in opens an hour before it.
    const later = await createActivity(t, org, { inHours: 5, hours: 2 });
    const v = await createVolunteer(t);
    await signUp(t, v, later.shiftId);
    const early = makeSiteToken(key, later.activityId, now);
    const r = await api(t, v.cookie, 'POST', '/api/checkins', { token: early });
    assert.equal(code(r), 'CHECKIN_WINDOW', r.body);
    assert.deepEqual(await attendances(v), []);
  });
});

describe('short code typed by hand', () => {
  it('checks in with the six digits on the screen, with or without the activity named', async () => {
    const s = await twoPositions();
    const { code: short } = (
      await api(t, org.cookie, 'GET', `/api/activities/${s.activityId}/site-code`)
    ).json();
    const b = await api(t, s.vb.cookie, 'POST', '/api/checkins', { code: short });
    assert.equal(b.statusCode, 200, b.body);
    assert.equal(b.json().positionName, '秩序维护员');
    const a = await api(t, s.va.cookie, 'POST', '/api/checkins', { code: short, activityId: s.activityId });
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(a.json().positionName, '环保引导员');
    // The previous step's code still passes (±1 step), two steps back does not.
    const key = qrKey(t.config.appKey);
    const prev = shortCode(key, s.activityId, stepAt(t.clock.now()) - 1);
    const v2 = await api(t, s.va.cookie, 'POST', '/api/checkins', { code: prev });
    assert.equal(v2.statusCode, 200, v2.body);
  });

  it('a wrong code is a 400 with a clear message and nothing written; guessing stops after a few', async () => {
    const s = await twoPositions();
    const key = qrKey(t.config.appKey);
    const step = stepAt(t.clock.now());
    const right = new Set([-1, 0, 1].map((d) => shortCode(key, s.activityId, step + d)));
    const wrongs = ['000000', '111111', '222222', '333333', '444444', '555555', '666666', '777777'].filter(
      (c) => !right.has(c),
    );
    for (let i = 0; i < WRONG_CODES_MAX; i++) {
      const r = await api(t, s.va.cookie, 'POST', '/api/checkins', { code: wrongs[i] });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(code(r), 'CHECKIN_CODE_WRONG');
      assert.match(r.json().error.message, /签到码不正确/);
    }
    assert.deepEqual(await attendances(s.va), []);
    // Past the limit even the right code is refused for a while: guesses are not worth making.
    const { code: short } = (
      await api(t, org.cookie, 'GET', `/api/activities/${s.activityId}/site-code`)
    ).json();
    const locked = await api(t, s.va.cookie, 'POST', '/api/checkins', { code: short });
    assert.equal(locked.statusCode, 429);
    assert.equal(code(locked), 'CHECKIN_CODE_LOCKED');
    assert.deepEqual(await attendances(s.va), []);
    // Others are not held up by one account's guesses; the lock passes with the window.
    assert.equal((await api(t, s.vb.cookie, 'POST', '/api/checkins', { code: short })).statusCode, 200);
    t.clock.advance(16 * 60_000);
    const fresh = (await api(t, org.cookie, 'GET', `/api/activities/${s.activityId}/site-code`)).json();
    assert.equal((await api(t, s.va.cookie, 'POST', '/api/checkins', { code: fresh.code })).statusCode, 200);
    // Malformed input is refused by the contract.
    for (const body of [{ code: '12345' }, { code: 'abcdef' }, {}, { code: '123456', token: 'x' }])
      assert.equal((await api(t, s.va.cookie, 'POST', '/api/checkins', body)).statusCode, 400);
  });
});
