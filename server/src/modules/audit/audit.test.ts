import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openPostgres } from '../../db/database.ts';
import { execAsOwner, onPostgres } from '../../test/database.ts';
import { auditRows, createUser, signIn, startTestApp, testConfig, type TestApp } from '../../test/harness.ts';
import { purgeAuditBefore, verifyAuditChain } from './audit.repository.ts';

let t: TestApp;
let auditor: string;
before(async () => {
  t = await startTestApp();
  auditor = await signIn(
    t,
    await createUser(t, 'aud.province', { role: 'audit_admin', region: '440000000000' }),
  );
  for (const name of ['aud.ns', 'aud.ft']) {
    const region = name === 'aud.ns' ? '440305000000' : '440304000000';
    await signIn(t, await createUser(t, name, { role: 'region_admin', region }));
  }
});
after(() => t.close());

/** Changes a row behind the application's back, as an attacker with table access would. */
async function tamper(app: TestApp, statement: string) {
  await execAsOwner(
    app.handle,
    `ALTER TABLE audit_log DISABLE TRIGGER audit_log_protect; ${statement}; ALTER TABLE audit_log ENABLE TRIGGER audit_log_protect`,
  );
}

describe('audit log', () => {
  test('each row has UTC time, actor, action, object, result, request id and source IP', async () => {
    const rows = await auditRows(t, 'auth.login');
    const ok = rows.find((r) => r.actor_name === 'aud.ns' && r.result === 'ok')!;
    assert.ok(ok.occurred_at instanceof Date);
    assert.ok(ok.actor_id && ok.request_id && ok.source_ip);
    assert.equal(ok.region_code, '440305000000');
    assert.match(ok.hash, /^[0-9a-f]{64}$/);
  });

  test('the auditor sees logins in the viewer; a district auditor only their district', async () => {
    const res = await t.app.inject({
      url: '/api/audit?action=auth.login&actor=aud.ns',
      headers: { cookie: auditor },
    });
    assert.equal(res.statusCode, 200);
    assert.ok(
      res
        .json()
        .items.some((r: { actor: string; result: string }) => r.actor === 'aud.ns' && r.result === 'ok'),
    );

    const nsAuditor = await signIn(
      t,
      await createUser(t, 'aud.district', { role: 'audit_admin', region: '440305000000' }),
    );
    const scoped = (
      await t.app.inject({ url: '/api/audit?pageSize=200', headers: { cookie: nsAuditor } })
    ).json();
    assert.ok(scoped.items.length > 0);
    assert.ok(scoped.items.every((r: { regionCode: string }) => r.regionCode?.startsWith('440305')));
    assert.ok(!scoped.items.some((r: { actor: string }) => r.actor === 'aud.ft'));
  });

  test('rows cannot be updated or deleted, not even by the table owner', async () => {
    await assert.rejects(
      sql`UPDATE audit_log SET result = 'ok' WHERE id = 1`.execute(t.handle.db),
      /append-only|permission denied/,
    );
    await assert.rejects(
      sql`DELETE FROM audit_log WHERE id = 1`.execute(t.handle.db),
      /append-only|permission denied/,
    );
  });

  test('the chain verifies, and a changed row is found at its exact id', async () => {
    const clean = await t.app.inject({
      method: 'POST',
      url: '/api/audit/verify',
      headers: { cookie: auditor },
    });
    assert.deepEqual(
      { ...(clean.json() as object), checked: 0 },
      { ok: true, checked: 0, firstBrokenId: null },
    );
    assert.ok(clean.json().checked > 5);
    const rows = await auditRows(t);
    const victim = rows[Math.floor(rows.length / 2)]!;
    await tamper(
      t,
      `UPDATE audit_log SET result = 'ok', details = '{"forged":true}' WHERE id = ${victim.id}`,
    );
    assert.deepEqual(await verifyAuditChain(t.handle.db), { checked: rows.length, firstBrokenId: victim.id });
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/audit/verify',
      headers: { cookie: auditor },
    });
    assert.equal(api.json().ok, false);
    assert.equal(api.json().firstBrokenId, victim.id);
  });

  test('a deleted row breaks the chain at the next row; a deleted tail shows too', async () => {
    const fresh = await startTestApp();
    try {
      for (let i = 0; i < 6; i++)
        await fresh.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `x${i}`, password: 'y' },
        });
      const rows = await auditRows(fresh);
      await tamper(fresh, `DELETE FROM audit_log WHERE id = ${rows[2]!.id}`);
      assert.equal((await verifyAuditChain(fresh.handle.db)).firstBrokenId, rows[3]!.id);
    } finally {
      await fresh.close();
    }
    const tail = await startTestApp();
    try {
      for (let i = 0; i < 3; i++)
        await tail.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `x${i}`, password: 'y' },
        });
      const rows = await auditRows(tail);
      await tamper(tail, `DELETE FROM audit_log WHERE id = ${rows[2]!.id}`);
      assert.equal((await verifyAuditChain(tail.handle.db)).firstBrokenId, rows[2]!.id);
    } finally {
      await tail.close();
    }
  });

  test('retention: never below 180 days; a purge re-anchors the chain so it still verifies', async () => {
    assert.throws(() => testConfig({ AUDIT_RETENTION_DAYS: '179' }), /at least 180/);
    const fresh = await startTestApp();
    try {
      for (let i = 0; i < 4; i++)
        await fresh.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `x${i}`, password: 'y' },
        });
      const rows = await auditRows(fresh);
      const cutoff = new Date(rows[1]!.occurred_at.getTime() + 1);
      // The purge is an operator's job, run as the owner: the application role may not delete audit rows.
      const url = (fresh.handle as { url?: string }).url;
      const owner = url ? await openPostgres(url) : fresh.handle;
      const purged = await purgeAuditBefore(owner.db, cutoff);
      if (url) await owner.close();
      assert.equal(purged, 2);
      assert.deepEqual(await verifyAuditChain(fresh.handle.db), { checked: 2, firstBrokenId: null });
    } finally {
      await fresh.close();
    }
  });
});

test(
  'on PostgreSQL the application role has no UPDATE or DELETE privilege on audit rows',
  { skip: !onPostgres() },
  async () => {
    const url = (t.handle as { url?: string }).url!;
    const owner = await openPostgres(url);
    try {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_protect`.execute(owner.db);
      // With the trigger out of the way, the grant alone must still refuse the app role.
      await assert.rejects(
        sql`UPDATE audit_log SET result = 'ok'`.execute(t.handle.db),
        (e: { code?: string }) => e.code === '42501',
      );
      await assert.rejects(
        sql`DELETE FROM audit_log`.execute(t.handle.db),
        (e: { code?: string }) => e.code === '42501',
      );
    } finally {
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_protect`.execute(owner.db);
      await owner.close();
    }
  },
);

test('on PostgreSQL, concurrent appends keep one unbroken chain', { skip: !onPostgres() }, async () => {
  const fresh = await startTestApp();
  try {
    const before = (await auditRows(fresh)).length;
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        fresh.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `race${i}`, password: 'y' },
        }),
      ),
    );
    const rows = await auditRows(fresh);
    assert.equal(rows.length - before, 60);
    assert.deepEqual(await verifyAuditChain(fresh.handle.db), { checked: rows.length, firstBrokenId: null });
    assert.equal(
      new Set(rows.map((r) => r.prev_hash)).size,
      rows.length,
      'no two rows claim the same predecessor',
    );
  } finally {
    await fresh.close();
  }
});
