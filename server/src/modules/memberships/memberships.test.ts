import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { createVolunteer, insertOrganization, type TestVolunteer } from './memberships.testkit.ts';

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';

let t: TestApp;
let teamA: string;
let teamB: string;
let pending: string;
let adminA: string;
let adminB: string;
let nsAdmin: string;
let ftAdmin: string;
let vol: TestVolunteer;
let volCookie: string;
let other: TestVolunteer;
let otherCookie: string;
before(async () => {
  t = await startTestApp();
  teamA = await insertOrganization(t, '南山A队', NANSHAN);
  teamB = await insertOrganization(t, '南山B队', NANSHAN);
  pending = await insertOrganization(t, '待审队', NANSHAN, { status: 'pending' });
  adminA = await signIn(t, await createUser(t, 'm.a', { role: 'org_admin', orgId: teamA }));
  adminB = await signIn(t, await createUser(t, 'm.b', { role: 'org_admin', orgId: teamB }));
  nsAdmin = await signIn(t, await createUser(t, 'm.ns', { role: 'region_admin', region: NANSHAN }));
  ftAdmin = await signIn(t, await createUser(t, 'm.ft', { role: 'region_admin', region: FUTIAN }));
  vol = await createVolunteer(t, 'm.vol');
  volCookie = await signIn(t, vol.user);
  other = await createVolunteer(t, 'm.other');
  otherCookie = await signIn(t, other.user);
});
after(() => t.close());

const post = (cookie: string, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });
const join = (cookie: string, org: string) => post(cookie, `/api/organizations/${org}/join`);
const decide = (cookie: string, org: string, id: string, decision: string) =>
  post(cookie, `/api/organizations/${org}/members/${id}/decision`, { decision });
const mine = async (cookie: string) => (await get(cookie, '/api/me/memberships')).json().items;

describe('applying', () => {
  test('only registered volunteers apply, and only to approved organizations', async () => {
    const plain = await signIn(t, await createUser(t, 'm.plain'));
    assert.equal((await join(plain, teamA)).json().error.code, 'VOLUNTEER_REQUIRED');
    assert.deepEqual(await mine(plain), []);
    assert.equal((await join(volCookie, pending)).json().error.code, 'ORG_NOT_APPROVED');
    const none = await join(volCookie, '00000000-0000-4000-8000-000000000000');
    assert.equal(none.statusCode, 404);
    const closed = await createVolunteer(t, 'm.closed', { status: 'closed' });
    const closedCookie = await signIn(t, closed.user);
    assert.equal((await join(closedCookie, teamA)).json().error.code, 'VOLUNTEER_REQUIRED');
  });

  test('apply → approve → leave → re-apply, with the history kept', async () => {
    const applied = await join(volCookie, teamA);
    assert.equal(applied.statusCode, 200, applied.body);
    assert.equal(applied.json().status, 'applied');
    const dup = await join(volCookie, teamA);
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'MEMBERSHIP_EXISTS');
    const id = applied.json().id;
    const queue = (await get(adminA, `/api/organizations/${teamA}/members?status=applied`)).json();
    assert.deepEqual(
      queue.items.map((m: { id: string; volunteerNo: string }) => [m.id, m.volunteerNo]),
      [[id, vol.volunteerNo]],
    );
    const ok = await decide(adminA, teamA, id, 'approve');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'active');
    // The applicant hears about it in their inbox, naming the team.
    const inbox = (await get(volCookie, '/api/me/notifications')).json();
    assert.equal(inbox.items[0].kind, 'membership_approved');
    assert.match(inbox.items[0].body, /南山A队/);
    assert.equal((await decide(adminA, teamA, id, 'reject')).json().error.code, 'MEMBERSHIP_STATE');
    assert.equal((await join(volCookie, teamA)).json().error.code, 'MEMBERSHIP_EXISTS');
    const left = await post(volCookie, `/api/me/memberships/${id}/leave`);
    assert.equal(left.statusCode, 200, left.body);
    assert.equal(left.json().status, 'left');
    const row = await t.handle.db
      .selectFrom('memberships')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(row.left_at);
    assert.ok(row.decided_at);
    assert.equal((await post(volCookie, `/api/me/memberships/${id}/leave`)).statusCode, 409);
    const again = await join(volCookie, teamA);
    assert.equal(again.statusCode, 200);
    assert.notEqual(again.json().id, id);
    const history = (await mine(volCookie)).filter((m: { orgId: string }) => m.orgId === teamA);
    assert.deepEqual(history.map((m: { status: string }) => m.status).sort(), ['applied', 'left']);
    const actions = (await auditRows(t)).map((r) => r.action);
    for (const a of ['membership.apply', 'membership.decide', 'membership.leave'])
      assert.ok(actions.includes(a), a);
  });

  test('two applications at the same moment open one membership', async () => {
    const racer = await createVolunteer(t, 'm.racer');
    const cookie = await signIn(t, racer.user);
    const codes = (await Promise.all([join(cookie, teamB), join(cookie, teamB)])).map((r) => r.statusCode);
    assert.deepEqual(codes.sort(), [200, 409]);
  });

  test('a rejected application can be followed by a new one; withdrawing leaves history', async () => {
    const id = (await join(otherCookie, teamA)).json().id;
    assert.equal((await decide(adminA, teamA, id, 'reject')).json().status, 'rejected');
    const inbox = (await get(otherCookie, '/api/me/notifications')).json();
    assert.deepEqual(
      inbox.items.map((n: { kind: string }) => n.kind),
      ['membership_rejected'],
    );
    const again = (await join(otherCookie, teamA)).json();
    assert.equal(again.status, 'applied');
    assert.equal((await post(otherCookie, `/api/me/memberships/${again.id}/leave`)).json().status, 'left');
  });
});

describe('invitations', () => {
  test('the team invites by volunteer number; only the invited volunteer accepts', async () => {
    const inv = await post(adminB, `/api/organizations/${teamB}/members/invite`, {
      volunteerNo: vol.volunteerNo,
    });
    assert.equal(inv.statusCode, 200, inv.body);
    assert.equal(inv.json().status, 'invited');
    const dup = await post(adminB, `/api/organizations/${teamB}/members/invite`, {
      volunteerNo: vol.volunteerNo,
    });
    assert.equal(dup.json().error.code, 'MEMBERSHIP_EXISTS');
    const id = inv.json().id;
    assert.equal((await post(otherCookie, `/api/me/memberships/${id}/accept`)).statusCode, 404);
    assert.equal((await decide(adminB, teamB, id, 'approve')).json().error.code, 'MEMBERSHIP_STATE');
    const acc = await post(volCookie, `/api/me/memberships/${id}/accept`);
    assert.equal(acc.statusCode, 200, acc.body);
    assert.equal(acc.json().status, 'active');
    assert.equal((await post(volCookie, `/api/me/memberships/${id}/accept`)).statusCode, 409);
    assert.ok((await auditRows(t, 'membership.accept')).some((r) => r.object_id === id));
  });

  test('a volunteer may belong to several teams at once', async () => {
    // The re-application to team A from the first flow is still open: approving it adds a second team.
    const open = (await get(adminA, `/api/organizations/${teamA}/members?status=applied`)).json().items;
    const applied = open.find((m: { volunteerNo: string }) => m.volunteerNo === vol.volunteerNo);
    assert.equal((await decide(adminA, teamA, applied.id, 'approve')).statusCode, 200);
    const active = (await mine(volCookie)).filter((m: { status: string }) => m.status === 'active');
    assert.deepEqual(active.map((m: { orgId: string }) => m.orgId).sort(), [teamA, teamB].sort());
  });

  test('declining an invitation, unknown numbers, pending organizations', async () => {
    const inv = await post(adminA, `/api/organizations/${teamA}/members/invite`, {
      volunteerNo: other.volunteerNo,
    });
    const dec = await post(otherCookie, `/api/me/memberships/${inv.json().id}/decline`);
    assert.equal(dec.json().status, 'rejected');
    const unknown = await post(adminA, `/api/organizations/${teamA}/members/invite`, { volunteerNo: 'X0' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'MEMBER_VOLUNTEER_NOT_FOUND');
    const pendAdmin = await signIn(t, await createUser(t, 'm.pend', { role: 'org_admin', orgId: pending }));
    const p = await post(pendAdmin, `/api/organizations/${pending}/members/invite`, {
      volunteerNo: other.volunteerNo,
    });
    assert.equal(p.json().error.code, 'ORG_NOT_APPROVED');
  });
});

describe('roles and scope', () => {
  test('the team sets roles of active members only', async () => {
    const m = (await get(adminA, `/api/organizations/${teamA}/members?status=active`)).json().items[0];
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${teamA}/members/${m.id}`,
      headers: { cookie: adminA },
      payload: { role: 'leader' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().role, 'leader');
    const audit = (await auditRows(t, 'membership.role')).at(-1)!;
    assert.deepEqual([audit.details.from, audit.details.to], ['member', 'leader']);
    const left = (await get(adminA, `/api/organizations/${teamA}/members?status=left`)).json().items[0];
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${teamA}/members/${left.id}`,
      headers: { cookie: adminA },
      payload: { role: 'admin' },
    });
    assert.equal(bad.json().error.code, 'MEMBERSHIP_STATE');
  });

  test('the admin of team A cannot manage team B, not even through A’s path', async () => {
    const bMember = (await get(adminB, `/api/organizations/${teamB}/members`)).json().items[0];
    assert.equal((await get(adminA, `/api/organizations/${teamB}/members`)).statusCode, 404);
    const inv = await post(adminA, `/api/organizations/${teamB}/members/invite`, {
      volunteerNo: other.volunteerNo,
    });
    assert.equal(inv.json().error.code, 'NOT_FOUND');
    assert.equal((await decide(adminA, teamB, bMember.id, 'approve')).statusCode, 404);
    // B's membership addressed through A's path: A's admin passes the scope check but the row is not A's.
    assert.equal((await decide(adminA, teamA, bMember.id, 'approve')).statusCode, 404);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${teamA}/members/${bMember.id}`,
      headers: { cookie: adminA },
      payload: { role: 'admin' },
    });
    assert.equal(patch.statusCode, 404);
  });

  test('region admins above the team manage it; other districts cannot', async () => {
    const id = (await join(otherCookie, teamB)).json().id;
    assert.equal((await get(ftAdmin, `/api/organizations/${teamB}/members`)).statusCode, 404);
    assert.equal((await decide(ftAdmin, teamB, id, 'approve')).statusCode, 404);
    assert.equal((await get(nsAdmin, `/api/organizations/${teamB}/members`)).statusCode, 200);
    assert.equal((await decide(nsAdmin, teamB, id, 'approve')).json().status, 'active');
  });

  test('volunteers act on their own memberships only', async () => {
    const theirs = (await mine(otherCookie))[0];
    assert.equal((await post(volCookie, `/api/me/memberships/${theirs.id}/leave`)).statusCode, 404);
    assert.equal((await get(volCookie, '/api/organizations/' + teamA + '/members')).statusCode, 403);
  });
});
