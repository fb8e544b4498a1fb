import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, startTestApp, type TestApp } from '../../test/harness.ts';
import { createVolunteer, signUp, type Volunteer } from '../activities/activities.testkit.ts';
import { addVolunteerRecord } from '../memberships/memberships.testkit.ts';
import { addItem, call, placeOrder, workOrder, world, type World } from './dispatch.testkit.ts';

/**
 * Service through an activity: the serving team opens an activity for its order (a draft filled from the
 * order), recruits and checks volunteers in there, and their hours become records through the activity's
 * own drafting and confirmation (four eyes); completing the order still needs a report.
 */
let t: TestApp;
let w: World;
const MIN = 60_000;
const FULL_ADDRESS = '桃源街道龙珠四路 8 号 3 栋 502';
/** The work order's skills (dispatch.testkit workOrder), required by the activity's position. */
const SKILLS = ['陪伴', '代购'];

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  w = await world(t);
});
after(() => t.close());

const code = (r: { json(): unknown }) => (r.json() as { error?: { code: string } }).error?.code;

/** An order of street A's item (work order for `people`), dispatched to team A. */
async function offered(people = 2) {
  const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
  const id = await placeOrder(t, w.resident, item, w.communityA);
  await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/work-order`, {
    ...workOrder(t),
    peopleNeeded: people,
  });
  const d = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
    to: 'team',
    orgId: w.teamA.orgId,
  });
  assert.equal(d.statusCode, 200, d.body);
  return id;
}
const open = (id: string, who = w.teamA) =>
  call(t, who, 'POST', `/api/dispatch/team-orders/${id}/activity`, {});

/** A verified volunteer who is an active member of team A, with the work order's skills. */
async function memberVolunteer(): Promise<Volunteer> {
  const v = await createVolunteer(t, { skills: SKILLS });
  await t.handle.db
    .insertInto('memberships')
    .values({ org_id: w.teamA.orgId, volunteer_id: v.id, status: 'active' })
    .execute();
  return v;
}

describe('service through an activity', () => {
  it('only the team serving the order opens one, once; the draft comes from the order with the address masked', async () => {
    const id = await offered(2);
    // Offered, not yet accepted: not served yet.
    assert.equal(code(await open(id)), 'DISPATCH_STATE');
    assert.equal((await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/accept`)).statusCode, 200);
    // Another team (eligible for the item, but not serving this order) sees no such order.
    assert.equal((await open(id, w.teamB)).statusCode, 404);
    const res = await open(id);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'draft');
    const activityId = res.json().id as string;
    assert.equal(code(await open(id)), 'DISPATCH_ACTIVITY_EXISTS');

    const a = (await call(t, w.teamA, 'GET', `/api/activities/${activityId}/manage`)).json();
    assert.equal(a.orgId, w.teamA.orgId);
    assert.equal(a.regionCode, w.communityA);
    assert.equal(a.address, '桃源街道龙珠****');
    assert.equal(a.lat, null);
    assert.equal(a.recruitMode, 'teams');
    assert.match(a.title, /^群众点单：上门助老/);
    assert.match(a.description, /每周二、四下午上门陪伴/);
    const order = (await call(t, w.teamA, 'GET', `/api/dispatch/team-orders/${id}`)).json();
    assert.equal(a.positions.length, 1);
    assert.equal(a.positions[0].shifts[0].quota, 2);
    assert.deepEqual(a.positions[0].requiredSkills, SKILLS);
    assert.equal(a.positions[0].shifts[0].startsAt, order.preferredAt);
    assert.ok(!JSON.stringify(a).includes('3 栋 502'));

    // The timeline shows it to the team and to the unit's staff, with the link.
    for (const url of [`/api/dispatch/team-orders/${id}`, `/api/dispatch/orders/${id}`]) {
      const d = (await call(t, url.includes('team') ? w.teamA : w.postA, 'GET', url)).json();
      const hop = d.timeline.at(-1);
      assert.equal(hop.action, 'open_activity');
      assert.deepEqual(hop.activity, { id: activityId, title: a.title });
      assert.equal(d.activities.length, 1);
      assert.deepEqual(d.activities[0].team, { id: w.teamA.orgId, name: order.team.name });
      assert.equal(d.activities[0].status, 'draft');
    }
    assert.equal((await auditRows(t, 'dispatch.open_activity')).length, 1);

    // Published, the public page shows the masked address only; the team still gets it in full.
    assert.equal((await call(t, w.teamA, 'POST', `/api/activities/${activityId}/publish`)).statusCode, 200);
    const pub = await t.app.inject({ method: 'GET', url: `/api/activities/${activityId}` });
    assert.equal(pub.statusCode, 200, pub.body);
    assert.ok(!pub.body.includes('3 栋 502'));
    const contact = (await call(t, w.teamA, 'GET', `/api/dispatch/team-orders/${id}/contact`)).json();
    assert.equal(contact.address, FULL_ADDRESS);

    // Taken back from the team: the team can no longer open or see it.
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/redispatch`, { note: '改派' });
    assert.equal((await open(id)).statusCode, 404);
  });

  it('hours come from the activity’s check-ins, confirmed by a second person; completion needs a report and takes no hours', async () => {
    const id = await offered(2);
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/accept`);
    const activityId = (await open(id)).json().id as string;
    assert.equal((await call(t, w.teamA, 'POST', `/api/activities/${activityId}/publish`)).statusCode, 200);
    const shiftId = (await call(t, w.teamA, 'GET', `/api/activities/${activityId}/manage`)).json()
      .positions[0].shifts[0].id as string;

    // A member signs up; so does the team's admin (a volunteer of the team too).
    const v = await memberVolunteer();
    const admin = await addVolunteerRecord(t, w.teamA.userId);
    await t.handle.db
      .updateTable('volunteers')
      .set({ verification_status: 'verified', birth_date: '1990-01-01', skills: SKILLS })
      .where('id', '=', admin.id)
      .execute();
    await t.handle.db
      .insertInto('memberships')
      .values({ org_id: w.teamA.orgId, volunteer_id: admin.id, status: 'active' })
      .execute();
    const s1 = await signUp(t, v, shiftId);
    assert.equal(s1.statusCode, 200, s1.body);
    const s2 = await call(t, w.teamA, 'POST', `/api/shifts/${shiftId}/signups`, {});
    assert.equal(s2.statusCode, 200, s2.body);
    // Someone outside the team may not sign up (recruitment is the team's).
    const outsider = await createVolunteer(t, { skills: SKILLS });
    assert.notEqual((await signUp(t, outsider, shiftId)).statusCode, 200);

    // The shift starts at the preferred time (five days on); staff check both in, then out.
    t.clock.advance(5 * 24 * 60 * MIN + 5 * MIN);
    const att = `/api/activities/${activityId}/attendance`;
    for (const s of [s1, s2]) {
      const r = await call(t, w.teamA, 'POST', `${att}/check-in`, { signupId: s.json().id });
      assert.equal(r.statusCode, 200, r.body);
    }
    t.clock.advance(100 * MIN);
    for (const s of [s1, s2]) await call(t, w.teamA, 'POST', `${att}/check-out`, { signupId: s.json().id });
    t.clock.advance(60 * MIN);

    // Completion: a report is still required; hours entered again are refused (they are the activity's).
    const done = (body: object) => call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, body);
    assert.equal(code(await done({ report: '' })), 'DISPATCH_REPORT_REQUIRED');
    assert.equal(code(await done({ report: '已上门陪伴', minutes: 120 })), 'DISPATCH_HOURS_VIA_ACTIVITY');
    const ok = await done({ report: '已上门陪伴两次，代购生活用品。' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().state, 'completed');
    assert.equal(ok.json().volunteers, 2);
    // No back-fill entries for the order: the records are the activity's attendance drafts.
    const backfills = await t.handle.db
      .selectFrom('service_records')
      .select('id')
      .where('volunteer_id', 'in', [v.id, admin.id])
      .where('kind', '=', 'backfill')
      .execute();
    assert.equal(backfills.length, 0);

    const records = (await call(t, w.teamA, 'GET', `/api/activities/${activityId}/records`)).json();
    assert.equal(records.total, 2);
    assert.ok(records.items.every((r: { status: string; kind: string }) => r.status === 'draft'));
    const mine = records.items.find((r: { volunteerId: string }) => r.volunteerId === v.id);
    const own = records.items.find((r: { volunteerId: string }) => r.volunteerId === admin.id);
    const confirm = await call(t, w.teamA, 'POST', `/api/activities/${activityId}/records/confirm`, {
      items: [{ id: mine.id }, { id: own.id }],
    });
    assert.equal(confirm.statusCode, 200, confirm.body);
    // Four eyes: the admin confirms the member's hours, never their own.
    assert.deepEqual(confirm.json(), { done: 1, skipped: [{ id: own.id, code: 'RECORD_SELF_DECISION' }] });
    const totals = (await call(t, v, 'GET', '/api/me/records')).json().totals;
    assert.equal(totals.minutes, 100);
  });

  it('an order served without an activity still takes hours at completion (back-fills)', async () => {
    const id = await offered(1);
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/accept`);
    const v = await memberVolunteer();
    const ok = await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, {
      report: '已完成',
      volunteerIds: [v.id],
      minutes: 90,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const rows = await t.handle.db
      .selectFrom('service_records')
      .select(['status', 'minutes'])
      .where('volunteer_id', '=', v.id)
      .execute();
    assert.deepEqual(rows, [{ status: 'pending', minutes: 90 }]);
  });
});
