import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  auditRows,
  createOrganization,
  createUser,
  signIn,
  startTestApp,
  type TestApp,
} from '../../test/harness.ts';

let t: TestApp;
let nsAdmin: string;
let security: string;
let orgNs: string;
before(async () => {
  t = await startTestApp();
  nsAdmin = await signIn(t, await createUser(t, 'r.ns', { role: 'region_admin', region: '440305000000' }));
  security = await signIn(
    t,
    await createUser(t, 'r.sec', { role: 'security_admin', region: '440300000000' }),
  );
  orgNs = await createOrganization(t, '南山测试队', '440305000000');
  for (const name of ['p1', 'p2', 'p3', 'p4', 'p5']) await createUser(t, name);
});
after(() => t.close());

const grant = (cookie: string, body: object) =>
  t.app.inject({ method: 'POST', url: '/api/admin/role-grants', headers: { cookie }, payload: body });

describe('granting roles', () => {
  test('a district admin grants within the district and its streets', async () => {
    const street = (await t.app.inject('/api/regions?parent=440305000000')).json().items[0].code;
    const res = await grant(nsAdmin, {
      username: 'p1',
      role: 'region_admin',
      scopeType: 'region',
      scopeId: street,
    });
    assert.equal(res.statusCode, 200);
    const org = await grant(nsAdmin, {
      username: 'p2',
      role: 'org_admin',
      scopeType: 'organization',
      scopeId: orgNs,
    });
    assert.equal(org.statusCode, 200);
    const rows = await auditRows(t, 'role.grant');
    assert.equal(rows.filter((r) => r.result === 'ok').length, 2);
    const p1 = await signIn(t, { id: '', username: 'p1' });
    assert.equal(
      (await t.app.inject({ url: '/api/me', headers: { cookie: p1 } })).json().roles[0].scopeId,
      street,
    );
  });

  test('never above or beside the granter’s own scope', async () => {
    const up = await grant(nsAdmin, {
      username: 'p3',
      role: 'region_admin',
      scopeType: 'region',
      scopeId: '440300000000',
    });
    assert.equal(up.statusCode, 403);
    const side = await grant(nsAdmin, {
      username: 'p3',
      role: 'region_admin',
      scopeType: 'region',
      scopeId: '440304000000',
    });
    assert.equal(side.statusCode, 403);
    assert.equal(side.json().error.code, 'OUT_OF_SCOPE');
  });

  test('a region admin cannot hand out the three duty roles; the security admin can', async () => {
    const r = await grant(nsAdmin, {
      username: 'p3',
      role: 'audit_admin',
      scopeType: 'region',
      scopeId: '440305000000',
    });
    assert.equal(r.json().error.code, 'FORBIDDEN');
    assert.equal((await auditRows(t, 'role.grant')).filter((x) => x.result === 'denied').length, 1);
    const s = await grant(security, {
      username: 'p3',
      role: 'audit_admin',
      scopeType: 'region',
      scopeId: '440305000000',
    });
    assert.equal(s.statusCode, 200);
  });

  test('system, security and audit duties stay with different people', async () => {
    const r = await grant(security, {
      username: 'p3',
      role: 'system_admin',
      scopeType: 'region',
      scopeId: '440305000000',
    });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().error.code, 'ROLE_CONFLICT');
  });

  test('no self-grants, no duplicates, matching scope types, known users', async () => {
    assert.equal(
      (
        await grant(nsAdmin, {
          username: 'r.ns',
          role: 'org_admin',
          scopeType: 'organization',
          scopeId: orgNs,
        })
      ).json().error.code,
      'SELF_GRANT',
    );
    assert.equal(
      (
        await grant(nsAdmin, { username: 'p2', role: 'org_admin', scopeType: 'organization', scopeId: orgNs })
      ).json().error.code,
      'ROLE_ALREADY_GRANTED',
    );
    assert.equal(
      (
        await grant(nsAdmin, {
          username: 'p4',
          role: 'org_admin',
          scopeType: 'region',
          scopeId: '440305000000',
        })
      ).json().error.code,
      'VALIDATION_FAILED',
    );
    assert.equal(
      (
        await grant(nsAdmin, {
          username: 'ghost',
          role: 'region_admin',
          scopeType: 'region',
          scopeId: '440305000000',
        })
      ).json().error.code,
      'USER_NOT_FOUND',
    );
    assert.equal(
      (
        await grant(nsAdmin, {
          username: 'p4',
          role: 'region_admin',
          scopeType: 'region',
          scopeId: '449999999999',
        })
      ).json().error.code,
      'REGION_NOT_FOUND',
    );
  });
});

describe('listing and revoking', () => {
  test('the list covers only the subtree asked for, which must be within scope', async () => {
    const list = (
      await t.app.inject({ url: '/api/admin/role-grants?region=440305000000', headers: { cookie: nsAdmin } })
    ).json();
    assert.ok(list.items.length >= 3);
    assert.ok(
      list.items.every((g: { scopeId: string }) => g.scopeId.startsWith('440305') || g.scopeId === orgNs),
    );
    const other = await t.app.inject({
      url: '/api/admin/role-grants?region=440304000000',
      headers: { cookie: nsAdmin },
    });
    assert.equal(other.statusCode, 403);
  });

  test('revoking ends the role at once and is audited', async () => {
    const list = (
      await t.app.inject({ url: '/api/admin/role-grants?region=440305000000', headers: { cookie: nsAdmin } })
    ).json();
    const p2 = list.items.find((g: { username: string }) => g.username === 'p2');
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/role-grants/${p2.id}`,
      headers: { cookie: nsAdmin },
    });
    assert.equal(res.statusCode, 200);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/role-grants/${p2.id}`,
      headers: { cookie: nsAdmin },
    });
    assert.equal(again.statusCode, 404);
    const cookie = await signIn(t, { id: '', username: 'p2' });
    assert.equal((await t.app.inject({ url: '/api/me', headers: { cookie } })).json().roles.length, 0);
    assert.equal((await auditRows(t, 'role.revoke')).filter((r) => r.result === 'ok').length, 1);
  });
});
