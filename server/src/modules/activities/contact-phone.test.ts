/**
 * The organizer's phone: in full, audited, to a volunteer accepted for a shift from
 * CONTACT_PHONE_OPENS_BEFORE_HOURS before it starts until it ends; masked to everyone else.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CONTACT_PHONE_OPENS_BEFORE_HOURS } from '@yiqi/shared/contracts/activities';
import { auditRows, startTestApp, type TestApp } from '../../test/harness.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  signUp,
  type Organizer,
} from './activities.testkit.ts';

const HOUR = 3600_000;
const FULL = '13800138000';
const MASKED = '138****8000';
let t: TestApp;
let org: Organizer;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await createOrganizer(t);
});
after(() => t.close());

const seen = async (cookie: string | undefined, activityId: string) => {
  const r = await api(t, cookie, 'GET', `/api/activities/${activityId}`);
  assert.equal(r.statusCode, 200, r.body);
  return [r.json().contactPhone, r.json().contactPhoneFull];
};

describe('the organizer’s contact phone', () => {
  it('is in full only to accepted volunteers around their shift, and each full view is audited', async () => {
    const a = await createActivity(t, org, { inHours: 48, hours: 6, quota: 1 });
    const approval = await createActivity(t, org, {
      inHours: 48,
      hours: 6,
      position: { needsApproval: true },
    });
    const accepted = await createVolunteer(t);
    const waitlisted = await createVolunteer(t);
    const pending = await createVolunteer(t);
    const other = await createVolunteer(t);
    const s = (await signUp(t, accepted, a.shiftId)).json();
    assert.equal(s.status, 'accepted');
    assert.equal((await signUp(t, waitlisted, a.shiftId)).json().status, 'waitlisted');
    assert.equal((await signUp(t, pending, approval.shiftId)).json().status, 'pending');

    // Before the window: masked even to the accepted volunteer.
    assert.deepEqual(await seen(accepted.cookie, a.activityId), [MASKED, false]);
    assert.equal((await auditRows(t, 'activity.contact_view')).length, 0);

    // Inside the window (an hour into it).
    t.clock.advance((48 - CONTACT_PHONE_OPENS_BEFORE_HOURS + 1) * HOUR);
    assert.deepEqual(await seen(accepted.cookie, a.activityId), [FULL, true]);
    const rows = await auditRows(t, 'activity.contact_view');
    assert.deepEqual(
      rows.map((r) => [r.actor_id, r.object_type, r.object_id, r.details.signupId, r.details.shiftId]),
      [[accepted.userId, 'activity', a.activityId, s.id, a.shiftId]],
    );
    assert.ok(!rows.some((r) => JSON.stringify(r).includes(FULL)));
    assert.deepEqual(await seen(waitlisted.cookie, a.activityId), [MASKED, false]);
    assert.deepEqual(await seen(pending.cookie, approval.activityId), [MASKED, false]);
    assert.deepEqual(await seen(other.cookie, a.activityId), [MASKED, false]);
    assert.deepEqual(await seen(undefined, a.activityId), [MASKED, false]);
    assert.deepEqual(await seen(org.cookie, a.activityId), [MASKED, false]);

    // While the shift runs, still in full; after it ends, masked again.
    t.clock.advance((CONTACT_PHONE_OPENS_BEFORE_HOURS - 1 + 3) * HOUR);
    assert.deepEqual(await seen(accepted.cookie, a.activityId), [FULL, true]);
    t.clock.advance(3 * HOUR);
    assert.deepEqual(await seen(accepted.cookie, a.activityId), [MASKED, false]);
    assert.equal((await auditRows(t, 'activity.contact_view')).length, 2);
  });
});
