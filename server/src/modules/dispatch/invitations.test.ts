import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { addVolunteerRecord } from '../memberships/memberships.testkit.ts';
import {
  addItem,
  call,
  createResident,
  member,
  placeOrder,
  workOrder,
  world,
  type Actor,
  type World,
} from './dispatch.testkit.ts';

/**
 * Invitations (邀请): the unit or the serving team invites, only the volunteer answers; an acceptance names
 * them on the order. Nobody invites themselves or answers for someone else; refusals change nothing.
 */
let t: TestApp;
let w: World;

before(async () => {
  t = await startTestApp();
  w = await world(t);
});
after(() => t.close());

/** A signed-in volunteer of a region (an account with a volunteer record). */
async function volunteer(region: string): Promise<Actor & { volunteerId: string }> {
  const a = await createResident(t);
  const v = await addVolunteerRecord(t, a.userId, { region });
  return { ...a, volunteerId: v.id };
}

/** A work order held by street A's post (ready to dispatch). */
async function readyOrder() {
  const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
  const id = await placeOrder(t, w.resident, item, w.communityA);
  const wo = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/work-order`, workOrder(t));
  assert.equal(wo.statusCode, 200, wo.body);
  return id;
}

const invitationCount = async () =>
  Number(
    (
      await t.handle.db
        .selectFrom('dispatch_invitations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const invite = (who: Actor, id: string, volunteerIds: string[], team = false) =>
  call(t, who, 'POST', `/api/dispatch/${team ? 'team-orders' : 'orders'}/${id}/invitations`, {
    volunteerIds,
  });

describe('invitations', () => {
  it('the post invites a volunteer of its street; the volunteer is told, accepts, and is named on the order', async () => {
    const id = await readyOrder();
    const v = await volunteer(w.communityA);
    const res = await invite(w.postA, id, [v.volunteerId]);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().items[0].status, 'invited');
    const notes = (await call(t, v, 'GET', '/api/me/notifications')).json().items;
    assert.equal(notes[0].kind, 'dispatch_invitation');
    assert.equal(notes[0].link, '/m/orders/invitations');
    const mine = (await call(t, v, 'GET', '/api/me/dispatch-invitations')).json().items;
    assert.equal(mine.length, 1);
    assert.equal(mine[0].open, true);
    // Nobody answers for someone else: another account sees an unknown invitation.
    const other = await call(t, w.other, 'POST', `/api/me/dispatch-invitations/${mine[0].id}/answer`, {
      decision: 'accept',
    });
    assert.equal(other.statusCode, 404);
    assert.equal(other.json().error.code, 'DISPATCH_INVITATION_NOT_FOUND');
    const ok = await call(t, v, 'POST', `/api/me/dispatch-invitations/${mine[0].id}/answer`, {
      decision: 'accept',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().items[0].status, 'accepted');
    const again = await call(t, v, 'POST', `/api/me/dispatch-invitations/${mine[0].id}/answer`, {
      decision: 'decline',
    });
    assert.equal(again.statusCode, 409);
    const order = (await call(t, w.postA, 'GET', `/api/dispatch/orders/${id}`)).json();
    assert.equal(order.volunteers, 1);
    assert.ok(order.timeline.some((h: { action: string }) => h.action === 'invitation_accepted'));
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['dispatch.invite', 'dispatch.invitation.accept'])
      .execute();
    assert.equal(audit.length, 2);
  });

  it('a decline may give a reason or none; the unit sees it', async () => {
    const id = await readyOrder();
    const a = await volunteer(w.communityA);
    const b = await volunteer(w.communityA);
    assert.equal((await invite(w.postA, id, [a.volunteerId, b.volunteerId])).statusCode, 200);
    const answer = async (v: Actor, body: object) => {
      const inv = (await call(t, v, 'GET', '/api/me/dispatch-invitations')).json().items[0];
      return call(t, v, 'POST', `/api/me/dispatch-invitations/${inv.id}/answer`, body);
    };
    assert.equal((await answer(a, { decision: 'decline', reason: '那天要上班' })).statusCode, 200);
    assert.equal((await answer(b, { decision: 'decline' })).statusCode, 200);
    const list = (await call(t, w.postA, 'GET', `/api/dispatch/orders/${id}/invitations`)).json().items;
    assert.deepEqual(list.map((i: { status: string }) => i.status).sort(), ['declined', 'declined']);
    assert.ok(list.some((i: { declineReason: string | null }) => i.declineReason === '那天要上班'));
    assert.ok(list.some((i: { declineReason: string | null }) => i.declineReason === null));
    assert.equal((await call(t, w.postA, 'GET', `/api/dispatch/orders/${id}`)).json().volunteers, 0);
  });

  it('refuses (nothing changed): oneself, another street’s volunteer, one without an account, twice, an order not yet a work order', async () => {
    const id = await readyOrder();
    const own = await addVolunteerRecord(t, w.postA.userId, { region: w.communityA });
    const far = await volunteer(w.communityB);
    const noAccount = await addVolunteerRecord(t, null, { region: w.communityA });
    const near = await volunteer(w.communityA);
    const before = await invitationCount();
    const self = await invite(w.postA, id, [own.id]);
    assert.equal(self.statusCode, 403);
    assert.equal(self.json().error.code, 'DISPATCH_INVITE_SELF');
    // A mixed list is refused whole.
    const outside = await invite(w.postA, id, [near.volunteerId, far.volunteerId]);
    assert.equal(outside.statusCode, 400);
    assert.equal(outside.json().error.code, 'DISPATCH_INVITEE_INVALID');
    assert.equal((await invite(w.postA, id, [noAccount.id])).json().error.code, 'DISPATCH_INVITEE_INVALID');
    const unknown = await invite(w.postA, id, ['00000000-0000-4000-8000-000000000000']);
    assert.equal(unknown.json().error.code, 'DISPATCH_INVITEE_INVALID');
    assert.equal((await invite(w.postA, id, [])).statusCode, 400);
    assert.equal(await invitationCount(), before);
    assert.equal((await invite(w.postA, id, [near.volunteerId])).statusCode, 200);
    const twice = await invite(w.postA, id, [near.volunteerId]);
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.code, 'DISPATCH_ALREADY_INVITED');
    // Another street's post cannot invite to this order (outside its scope: 404).
    assert.equal((await invite(w.postB, id, [far.volunteerId])).statusCode, 404);
    // Before the work order: a state error.
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const fresh = await placeOrder(t, w.resident, item, w.communityA);
    assert.equal((await invite(w.postA, fresh, [near.volunteerId])).json().error.code, 'DISPATCH_STATE');
    assert.equal(await invitationCount(), before + 1);
  });

  it('the database refuses an invitation of oneself whatever the writer', async () => {
    const id = await readyOrder();
    const v = await volunteer(w.communityA);
    const row = (by: string) => ({
      order_id: id,
      volunteer_id: v.volunteerId,
      invited_by: by,
      via_team: null,
      created_at: t.clock.now(),
    });
    await assert.rejects(
      t.handle.db.insertInto('dispatch_invitations').values(row(v.userId)).execute(),
      /nobody invites themselves/,
    );
    // The same row by someone else is accepted (the trigger refuses only oneself).
    await t.handle.db.insertInto('dispatch_invitations').values(row(w.postA.userId)).execute();
  });

  it('the serving team invites its active members once it accepted; the invitees stay named at completion', async () => {
    const id = await readyOrder();
    const m = await member(t, w.teamA.orgId);
    const mUser = await createResident(t);
    await t.handle.db
      .updateTable('volunteers')
      .set({ user_id: mUser.userId })
      .where('id', '=', m.id)
      .execute();
    const stranger = await volunteer(w.communityA);
    const sent = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
      to: 'team',
      orgId: w.teamA.orgId,
    });
    assert.equal(sent.statusCode, 200, sent.body);
    // Offered, not yet accepted: the team does not invite yet.
    assert.equal((await invite(w.teamA, id, [m.id], true)).json().error.code, 'DISPATCH_STATE');
    assert.equal((await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/accept`)).statusCode, 200);
    // Not a member of the team: refused. Another team: not its order (404).
    assert.equal(
      (await invite(w.teamA, id, [stranger.volunteerId], true)).json().error.code,
      'DISPATCH_INVITEE_INVALID',
    );
    assert.equal((await invite(w.teamB, id, [m.id], true)).statusCode, 404);
    const res = await invite(w.teamA, id, [m.id], true);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().items[0].byTeam, true);
    const inv = (await call(t, mUser, 'GET', '/api/me/dispatch-invitations')).json().items[0];
    await call(t, mUser, 'POST', `/api/me/dispatch-invitations/${inv.id}/answer`, { decision: 'accept' });
    const done = await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, {
      report: '已上门陪伴两次。',
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().volunteers, 1);
    // Completed: the invitation list shows it closed for the volunteer.
    const after = (await call(t, mUser, 'GET', '/api/me/dispatch-invitations')).json().items[0];
    assert.equal(after.open, false);
  });
});
