import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { LATE_CANCEL_GRACE_MINUTES } from '@yiqi/shared/contracts/activities';
import { auditRows, startTestApp, type TestApp } from '../../test/harness.ts';
import { insertOrganization } from '../memberships/memberships.testkit.ts';
import { insertQualification } from '../training/training.testkit.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  positionBody,
  signUp,
  type Organizer,
} from './activities.testkit.ts';

let t: TestApp;
let org: Organizer;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await createOrganizer(t);
});
after(() => t.close());

const code = (r: { json(): unknown }) => (r.json() as { error?: { code: string } }).error?.code;
const taken = async (shiftId: string) =>
  (await t.handle.db.selectFrom('shifts').select('taken').where('id', '=', shiftId).executeTakeFirstOrThrow())
    .taken;

describe('eligibility', () => {
  it('gives a clear reason for each rule a volunteer fails', async () => {
    // The written requirement names a qualification type (急救 = first_aid): met by a record only.
    const a = await createActivity(t, org, {
      position: { minAge: 18, maxAge: 60, requiredSkills: ['急救'], requiredQualifications: ['急救'] },
    });
    const skilled = async (o: Parameters<typeof createVolunteer>[1] = {}) => {
      const v = await createVolunteer(t, { skills: ['急救'], ...o });
      await insertQualification(t, v.id, { code: 'first_aid' });
      return v;
    };

    const account = await skilled({ verified: false });
    assert.equal(code(await signUp(t, account, a.shiftId)), 'SIGNUP_UNVERIFIED');
    const minor = await skilled({ birthDate: '2012-01-01' });
    assert.equal(code(await signUp(t, minor, a.shiftId)), 'SIGNUP_GUARDIAN_CONSENT');
    const minorOk = await skilled({ birthDate: '2010-01-01', guardianConsent: true });
    const young = await signUp(t, minorOk, a.shiftId);
    assert.equal(code(young), 'SIGNUP_TOO_YOUNG');
    assert.equal(young.statusCode, 403);
    const old = await skilled({ birthDate: '1950-01-01' });
    assert.equal(code(await signUp(t, old, a.shiftId)), 'SIGNUP_TOO_OLD');
    const unskilled = await createVolunteer(t);
    const r = await signUp(t, unskilled, a.shiftId);
    assert.equal(code(r), 'SIGNUP_REQUIREMENTS');
    assert.deepEqual(r.json().error.details.missing, ['急救', '急救']);
    // What a volunteer once typed on the profile is not evidence (issue 16): refused without a record.
    const typed = await createVolunteer(t, {
      skills: ['急救'],
      qualifications: [{ name: '急救', issuer: '红十字会' }],
    });
    const typedR = await signUp(t, typed, a.shiftId);
    assert.equal(code(typedR), 'SIGNUP_REQUIREMENTS');
    assert.deepEqual(typedR.json().error.details.missing, ['急救']);
    // A record that lapsed before the shift does not count either.
    const expired = await createVolunteer(t, { skills: ['急救'] });
    await insertQualification(t, expired.id, { expiresAt: new Date(t.clock.now().getTime() - 86_400_000) });
    assert.equal(code(await signUp(t, expired, a.shiftId)), 'SIGNUP_REQUIREMENTS');
    const fine = await skilled();
    assert.equal((await signUp(t, fine, a.shiftId)).json().status, 'accepted');
    // A second sign-up for the same shift is refused, and a non-volunteer account cannot sign up.
    assert.equal(code(await signUp(t, fine, a.shiftId)), 'SIGNUP_EXISTS');
    const staffOnly = await api(t, org.cookie, 'POST', `/api/shifts/${a.shiftId}/signups`, {});
    assert.equal(code(staffOnly), 'VOLUNTEER_REQUIRED');
  });

  it('designated-team and invitation-code modes admit only those they name', async () => {
    const teamId = await insertOrganization(t, '指定的队伍', '440305000000');
    const teams = await createActivity(t, org, { body: { recruitMode: 'teams', designatedOrgs: [teamId] } });
    const outsider = await createVolunteer(t);
    assert.equal(code(await signUp(t, outsider, teams.shiftId)), 'SIGNUP_TEAMS_ONLY');
    await t.handle.db
      .insertInto('memberships')
      .values({ org_id: teamId, volunteer_id: outsider.id, status: 'active' })
      .execute();
    assert.equal((await signUp(t, outsider, teams.shiftId)).json().status, 'accepted');

    const coded = await createActivity(t, org, { body: { recruitMode: 'code', inviteCode: 'SZBAY2026' } });
    const v = await createVolunteer(t);
    assert.equal(code(await signUp(t, v, coded.shiftId)), 'SIGNUP_INVITE_CODE');
    assert.equal(code(await signUp(t, v, coded.shiftId, { inviteCode: 'WRONG' })), 'SIGNUP_INVITE_CODE');
    assert.equal((await signUp(t, v, coded.shiftId, { inviteCode: 'szbay2026' })).json().status, 'accepted');
    // The organizer sees the code; the public does not.
    assert.equal(
      (await api(t, org.cookie, 'GET', `/api/activities/${coded.activityId}/manage`)).json().inviteCode,
      'SZBAY2026',
    );
    assert.equal(
      (await api(t, undefined, 'GET', `/api/activities/${coded.activityId}`)).json().inviteCode,
      null,
    );
  });

  it('refuses overlapping shifts, drafts, and shifts that already started', async () => {
    const a = await createActivity(t, org);
    const b = await createActivity(t, org); // same time window
    const v = await createVolunteer(t);
    await signUp(t, v, a.shiftId);
    assert.equal(code(await signUp(t, v, b.shiftId)), 'SIGNUP_OVERLAP');
    const draft = await createActivity(t, org, { publish: false });
    assert.equal((await signUp(t, v, draft.shiftId)).statusCode, 404);
    const soon = await createActivity(t, org, { inHours: 1, hours: 1 });
    t.clock.advance(3600_000 + 1000);
    const other = await createVolunteer(t);
    assert.equal(code(await signUp(t, other, soon.shiftId)), 'SIGNUP_CLOSED');
  });
});

describe('places and the waitlist', () => {
  it('accepts up to the quota, waitlists the rest in order, and promotes on cancellation', async () => {
    const a = await createActivity(t, org, { quota: 2 });
    const vs = await Promise.all(Array.from({ length: 4 }, () => createVolunteer(t)));
    const results = [];
    for (const v of vs) results.push((await signUp(t, v, a.shiftId)).json());
    assert.deepEqual(
      results.map((r) => [r.status, r.waitlistPosition]),
      [
        ['accepted', null],
        ['accepted', null],
        ['waitlisted', 1],
        ['waitlisted', 2],
      ],
    );
    assert.equal(await taken(a.shiftId), 2);
    const cancel = await api(t, vs[0]!.cookie, 'POST', `/api/me/signups/${results[0].id}/cancel`);
    assert.equal(cancel.statusCode, 200, cancel.body);
    assert.equal(cancel.json().late, false);
    const third = (await api(t, vs[2]!.cookie, 'GET', '/api/me/signups')).json().items[0];
    assert.equal(third.status, 'accepted');
    const fourth = (await api(t, vs[3]!.cookie, 'GET', '/api/me/signups')).json().items[0];
    assert.equal(fourth.waitlistPosition, 1);
    const notes = (await api(t, vs[2]!.cookie, 'GET', '/api/me/notifications')).json();
    assert.equal(notes.items[0].kind, 'signup_promoted');
    assert.equal(await taken(a.shiftId), 2);
    // Someone else's sign-up cannot be cancelled.
    assert.equal(
      (await api(t, vs[3]!.cookie, 'POST', `/api/me/signups/${results[1].id}/cancel`)).statusCode,
      404,
    );
    // A new sign-up's position is counted on the shift row (issue 12): the promotion left one waiting, so
    // the next is second; once the first waiting cancels, the one after that is second again.
    const [fifth, sixth] = await Promise.all([createVolunteer(t), createVolunteer(t)]);
    assert.equal((await signUp(t, fifth!, a.shiftId)).json().waitlistPosition, 2);
    const leave = await api(t, vs[3]!.cookie, 'POST', `/api/me/signups/${results[3].id}/cancel`);
    assert.equal(leave.statusCode, 200, leave.body);
    assert.equal((await signUp(t, sixth!, a.shiftId)).json().waitlistPosition, 2);
    const shift = await t.handle.db
      .selectFrom('shifts')
      .select(['taken', 'waitlisted'])
      .where('id', '=', a.shiftId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(shift, { taken: 2, waitlisted: 2 });
  });

  it('a raised quota is filled from the waitlist at once', async () => {
    const a = await createActivity(t, org, { quota: 1 });
    const [v1, v2, v3] = await Promise.all([createVolunteer(t), createVolunteer(t), createVolunteer(t)]);
    await signUp(t, v1!, a.shiftId);
    await signUp(t, v2!, a.shiftId);
    await signUp(t, v3!, a.shiftId);
    const grow = positionBody(a.body, {
      shifts: [{ id: a.shiftId, startsAt: a.body.startsAt, endsAt: a.body.endsAt, quota: 2 }],
    });
    const r = await api(
      t,
      org.cookie,
      'PUT',
      `/api/activities/${a.activityId}/positions/${a.positionId}`,
      grow,
    );
    assert.equal(r.statusCode, 200, r.body);
    assert.equal((await api(t, v2!.cookie, 'GET', '/api/me/signups')).json().items[0].status, 'accepted');
    assert.equal((await api(t, v3!.cookie, 'GET', '/api/me/signups')).json().items[0].status, 'waitlisted');
    const shrink = positionBody(a.body, {
      shifts: [{ id: a.shiftId, startsAt: a.body.startsAt, endsAt: a.body.endsAt, quota: 1 }],
    });
    const s = await api(
      t,
      org.cookie,
      'PUT',
      `/api/activities/${a.activityId}/positions/${a.positionId}`,
      shrink,
    );
    assert.equal(code(s), 'QUOTA_BELOW_TAKEN');
  });

  it('the database itself refuses to overbook a shift', async () => {
    const a = await createActivity(t, org, { quota: 1 });
    const v = await createVolunteer(t);
    await signUp(t, v, a.shiftId);
    // Bypass the service: a raw accepted insert into a full shift must fail on the CHECK constraint.
    const other = await createVolunteer(t);
    await assert.rejects(
      sql`INSERT INTO signups (shift_id, position_id, activity_id, volunteer_id, status, shift_range)
          SELECT id, position_id, activity_id, ${other.id}, 'accepted', tstzrange(starts_at, ends_at)
          FROM shifts WHERE id = ${a.shiftId}`.execute(t.handle.db),
      (e: { code?: string }) => e.code === '23514',
    );
    assert.equal(await taken(a.shiftId), 1);
  });

  it('the database refuses a sign-up or a check-in whose shift, activity or volunteer do not match', async () => {
    // One composite key each (migration 202612070200): a sign-up's shift with the shift's own position and
    // activity, an attendance's sign-up with the sign-up's own shift, activity and volunteer.
    const a = await createActivity(t, org, { quota: 5 });
    const b = await createActivity(t, org, { quota: 5 });
    const v = await createVolunteer(t);
    const other = await createVolunteer(t);
    const fk = (e: { code?: string }) => e.code === '23503';
    await assert.rejects(
      sql`INSERT INTO signups (shift_id, position_id, activity_id, volunteer_id, status, shift_range)
          SELECT s.id, s.position_id, ${b.activityId}, ${v.id}, 'waitlisted', tstzrange(starts_at, ends_at)
          FROM shifts s WHERE s.id = ${a.shiftId}`.execute(t.handle.db),
      fk,
    );
    await assert.rejects(
      sql`INSERT INTO signups (shift_id, position_id, activity_id, volunteer_id, status, shift_range)
          SELECT s.id, ${b.positionId}, s.activity_id, ${v.id}, 'waitlisted', tstzrange(starts_at, ends_at)
          FROM shifts s WHERE s.id = ${a.shiftId}`.execute(t.handle.db),
      fk,
    );
    const g = (await signUp(t, v, a.shiftId)).json() as { id: string };
    const checkIn = (volunteerId: string, shiftId: string, activityId: string) =>
      sql`INSERT INTO attendances (signup_id, shift_id, activity_id, volunteer_id, shift_range, check_in_at,
            check_in_method)
          SELECT g.id, ${shiftId}, ${activityId}, ${volunteerId}, g.shift_range, now(), 'staff'
          FROM signups g WHERE g.id = ${g.id}`.execute(t.handle.db);
    await assert.rejects(checkIn(other.id, a.shiftId, a.activityId), fk);
    await assert.rejects(checkIn(v.id, b.shiftId, a.activityId), fk);
    await assert.rejects(checkIn(v.id, a.shiftId, b.activityId), fk);
    assert.equal(
      (await t.handle.db.selectFrom('attendances').select('id').where('signup_id', '=', g.id).execute())
        .length,
      0,
    );
    assert.equal(await taken(a.shiftId), 1);
    assert.equal(await taken(b.shiftId), 0);
  });

  it('records late cancellations after the cut-off and refuses cancelling a started shift', async () => {
    const a = await createActivity(t, org, { inHours: 10, body: { cancelCutoffHours: 24 } });
    const v = await createVolunteer(t);
    const s = (await signUp(t, v, a.shiftId)).json();
    // Signed up inside the cut-off: late only after the grace (late-cancellation.test.ts).
    t.clock.advance((LATE_CANCEL_GRACE_MINUTES + 1) * 60_000);
    const mine = (await api(t, v.cookie, 'GET', '/api/me/signups')).json().items[0];
    assert.equal(mine.cancelIsLate, true);
    const c = await api(t, v.cookie, 'POST', `/api/me/signups/${s.id}/cancel`);
    assert.equal(c.json().late, true);
    assert.equal(
      (await api(t, v.cookie, 'GET', '/api/me/signups?when=all')).json().items[0].cancelKind,
      'late',
    );

    const b = await createActivity(t, org, { inHours: 1, hours: 2 });
    const w = await createVolunteer(t);
    const sb = (await signUp(t, w, b.shiftId)).json();
    t.clock.advance(3600_000 + 1000);
    assert.equal(code(await api(t, w.cookie, 'POST', `/api/me/signups/${sb.id}/cancel`)), 'SIGNUP_STATE');
  });
});

describe('approval', () => {
  it('pending sign-ups hold places; the organizer accepts or rejects in bulk with a reason', async () => {
    const a = await createActivity(t, org, { quota: 2, position: { needsApproval: true } });
    const vs = await Promise.all(Array.from({ length: 3 }, () => createVolunteer(t)));
    const ids = [];
    for (const v of vs) ids.push((await signUp(t, v, a.shiftId)).json());
    assert.deepEqual(
      ids.map((x) => x.status),
      ['pending', 'pending', 'waitlisted'],
    );
    const url = `/api/activities/${a.activityId}/signups/decision`;
    const noReason = await api(t, org.cookie, 'POST', url, { ids: [ids[1].id], decision: 'reject' });
    assert.equal(noReason.statusCode, 400);
    const acc = await api(t, org.cookie, 'POST', url, {
      ids: [ids[0].id, ids[0].id, ids[2].id],
      decision: 'accept',
    });
    assert.deepEqual(acc.json(), { done: 1, skipped: [{ id: ids[2].id, code: 'SIGNUP_STATE' }] });
    const rej = await api(t, org.cookie, 'POST', url, {
      ids: [ids[1].id],
      decision: 'reject',
      reason: '岗位需要有经验者',
    });
    assert.equal(rej.json().done, 1);
    // The rejected place went to the waitlist, as pending (the position needs approval).
    const list = (await api(t, org.cookie, 'GET', `/api/activities/${a.activityId}/signups`)).json();
    assert.deepEqual(
      list.items.map((x: { status: string }) => x.status),
      ['accepted', 'rejected', 'pending'],
    );
    assert.equal(list.items[1].rejectReason, '岗位需要有经验者');
    assert.equal(list.items[0].age, 31);
    const note = (await api(t, vs[1]!.cookie, 'GET', '/api/me/notifications')).json().items[0];
    assert.equal(note.kind, 'signup_rejected');
    assert.match(note.body, /岗位需要有经验者/);
    assert.equal((await auditRows(t, 'signup.decide')).length, 2);
    // Another organization's admin cannot decide here.
    const other = await createOrganizer(t);
    assert.equal(
      (await api(t, other.cookie, 'POST', url, { ids: [ids[2].id], decision: 'accept' })).statusCode,
      404,
    );
  });
});
