import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, signIn, startTestApp, type TestApp, type TestUser } from '../../test/harness.ts';
import { registration } from '../memberships/memberships.testkit.ts';

// Separation of duties found missing by an outside probe: duty roles piled on admin roles, and a peer admin
// revoking the grant of the person who made them an admin.
let t: TestApp;
let nsAdminUser: TestUser;
let nsAdmin: string;
let secadmin: string;
let auditorUser: TestUser;
before(async () => {
  t = await startTestApp();
  nsAdminUser = await createUser(t, 'd.ns', { role: 'region_admin', region: '440305000000' });
  nsAdmin = await signIn(t, nsAdminUser);
  secadmin = await signIn(
    t,
    await createUser(t, 'd.sec', { role: 'security_admin', region: '440000000000' }),
  );
  auditorUser = await createUser(t, 'd.auditor', { role: 'audit_admin', region: '440305000000' });
  await createUser(t, 'd.sys', { role: 'system_admin', region: '440000000000' });
  await createUser(t, 'd.plain');
});
after(() => t.close());

const grant = (cookie: string, username: string, role: string, scopeId: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/admin/role-grants',
    headers: { cookie },
    payload: { username, role, scopeType: 'region', scopeId },
  });
const revoke = (cookie: string, id: string) =>
  t.app.inject({ method: 'DELETE', url: `/api/admin/role-grants/${id}`, headers: { cookie } });
const grantIdOf = async (username: string, role = 'region_admin') =>
  (
    await t.handle.db
      .selectFrom('role_grants as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select('g.id')
      .where('u.username', '=', username)
      .where('g.role', '=', role)
      .where('g.revoked_at', 'is', null)
      .executeTakeFirstOrThrow()
  ).id;

describe('an audit or other duty is never held with an admin role', () => {
  test('a region admin cannot make the district auditor a region admin', async () => {
    const res = await grant(nsAdmin, 'd.auditor', 'region_admin', '440305000000');
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'DUTY_CONFLICT');
  });

  test('the security admin cannot make the system admin a region admin', async () => {
    const res = await grant(secadmin, 'd.sys', 'region_admin', '440305000000');
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'DUTY_CONFLICT');
  });

  test('nor hand a duty to someone who already administers a region', async () => {
    const res = await grant(secadmin, 'd.ns', 'audit_admin', '440305000000');
    assert.equal(res.json().error.code, 'DUTY_CONFLICT');
    // A person without roles may still take a duty.
    assert.equal((await grant(secadmin, 'd.plain', 'audit_admin', '440305000000')).statusCode, 200);
  });
});

test('approving an organization registered by an auditor does not make them its admin', async () => {
  const auditor = await signIn(t, auditorUser);
  const reg = await t.app.inject({
    method: 'POST',
    url: '/api/organizations',
    headers: { cookie: auditor },
    payload: registration(),
  });
  assert.equal(reg.statusCode, 200, reg.body);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/organizations/${reg.json().id}/review`,
    headers: { cookie: nsAdmin },
    payload: { decision: 'approve' },
  });
  assert.equal(res.json().error.code, 'DUTY_CONFLICT');
  const org = await t.handle.db
    .selectFrom('organizations')
    .select('status')
    .where('id', '=', reg.json().id)
    .executeTakeFirstOrThrow();
  assert.equal(org.status, 'pending', 'the approval rolled back with the grant');
});

describe('nobody revokes the grant of the person who granted theirs', () => {
  test('a peer admin cannot revoke the grant of the admin who made them; the grantor can revoke theirs', async () => {
    const peerUser = await createUser(t, 'd.peer', { totp: true });
    assert.equal((await grant(nsAdmin, 'd.peer', 'region_admin', '440305000000')).statusCode, 200);
    const peer = await signIn(t, peerUser);
    const nsGrant = await grantIdOf('d.ns');
    const res = await revoke(peer, nsGrant);
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'GRANTOR_REVOKE');

    // Nor someone further down the chain (the peer's own grantee).
    const nextUser = await createUser(t, 'd.next', { totp: true });
    assert.equal((await grant(peer, 'd.next', 'region_admin', '440305000000')).statusCode, 200);
    const next = await signIn(t, nextUser);
    assert.equal((await revoke(next, nsGrant)).json().error.code, 'GRANTOR_REVOKE');

    // Nor their own grant.
    assert.equal((await revoke(peer, await grantIdOf('d.peer'))).json().error.code, 'SELF_GRANT');

    // The grant is still in force, and the grantor can still revoke downwards.
    assert.equal(
      (await t.app.inject({ url: '/api/me', headers: { cookie: nsAdmin } })).json().roles.length,
      1,
    );
    assert.equal((await revoke(nsAdmin, await grantIdOf('d.next'))).statusCode, 200);
  });
});
