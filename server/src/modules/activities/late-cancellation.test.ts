/**
 * Late cancellation is counted from the later of the cut-off and a grace after the sign-up became binding
 * (LATE_CANCEL_GRACE_MINUTES): nobody is penalised who never had a fair chance to cancel on time.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LATE_CANCEL_GRACE_MINUTES } from '@yiqi/shared/contracts/activities';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  signUp,
  type Organizer,
  type Volunteer,
} from './activities.testkit.ts';

const MINUTE = 60_000;
const HOUR = 3600_000;
let t: TestApp;
let org: Organizer;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await createOrganizer(t);
});
after(() => t.close());

const mine = async (v: Volunteer) =>
  (await api(t, v.cookie, 'GET', '/api/me/signups?when=all')).json().items[0];
const cancel = async (v: Volunteer, id: string) => {
  const r = await api(t, v.cookie, 'POST', `/api/me/signups/${id}/cancel`);
  assert.equal(r.statusCode, 200, r.body);
  return r.json().late as boolean;
};

describe('late cancellation', () => {
  it('is not counted against someone who signed up inside the cut-off and cancels at once', async () => {
    // Published 30 minutes before it begins, with the default 24-hour cut-off.
    const a = await createActivity(t, org, { inHours: 0.5, hours: 2, body: { cancelCutoffHours: 24 } });
    const v = await createVolunteer(t);
    const s = (await signUp(t, v, a.shiftId)).json();
    t.clock.advance(MINUTE);
    assert.equal((await mine(v)).cancelIsLate, false);
    assert.equal(await cancel(v, s.id), false);
    assert.equal((await mine(v)).cancelKind, 'volunteer');
  });

  it('is counted once the grace after signing up inside the cut-off has passed', async () => {
    const a = await createActivity(t, org, { inHours: 3, hours: 2, body: { cancelCutoffHours: 24 } });
    const v = await createVolunteer(t);
    const s = (await signUp(t, v, a.shiftId)).json();
    t.clock.advance((LATE_CANCEL_GRACE_MINUTES - 1) * MINUTE);
    assert.equal((await mine(v)).cancelIsLate, false);
    t.clock.advance(2 * MINUTE);
    assert.equal((await mine(v)).cancelIsLate, true);
    assert.equal(await cancel(v, s.id), true);
    assert.equal((await mine(v)).cancelKind, 'late');
  });

  it('someone who signed up before the cut-off is late from the cut-off on', async () => {
    const a = await createActivity(t, org, { inHours: 48, hours: 2, body: { cancelCutoffHours: 24 } });
    const early = await createVolunteer(t);
    const onTime = await createVolunteer(t);
    const se = (await signUp(t, early, a.shiftId)).json();
    const so = (await signUp(t, onTime, a.shiftId)).json();
    t.clock.advance(23 * HOUR);
    assert.equal(await cancel(onTime, so.id), false);
    t.clock.advance(2 * HOUR);
    assert.equal(await cancel(early, se.id), true);
  });

  it('a place given from the waitlist inside the cut-off gets the same grace', async () => {
    const a = await createActivity(t, org, { inHours: 5, hours: 2, quota: 1 });
    const first = await createVolunteer(t);
    const next = await createVolunteer(t);
    const sf = (await signUp(t, first, a.shiftId)).json();
    const sn = (await signUp(t, next, a.shiftId)).json();
    assert.equal(sn.status, 'waitlisted');
    t.clock.advance(HOUR);
    assert.equal((await mine(next)).cancelIsLate, false); // waitlisted: never late
    assert.equal(await cancel(first, sf.id), true);
    assert.equal((await mine(next)).status, 'accepted');
    t.clock.advance(MINUTE);
    assert.equal(await cancel(next, sn.id), false);
  });
});
