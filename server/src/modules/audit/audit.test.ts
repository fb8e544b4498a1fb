import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openPostgres } from '../../db/database.ts';
import { execAsOwner, onPostgres } from '../../test/database.ts';
import { auditRows, createUser, signIn, startTestApp, testConfig, type TestApp } from '../../test/harness.ts';
import { purgeAuditBefore, verifyAuditChain } from './audit.repository.ts';
import { chainRows, intact } from './audit.testkit.ts';

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

/** Changes rows or links behind the application's back, as an attacker with table access would. */
async function tamper(app: TestApp, statement: string) {
  await execAsOwner(
    app.handle,
    `ALTER TABLE audit_log DISABLE TRIGGER audit_log_protect; ALTER TABLE audit_links DISABLE TRIGGER audit_links_protect;
     ${statement};
     ALTER TABLE audit_log ENABLE TRIGGER audit_log_protect; ALTER TABLE audit_links ENABLE TRIGGER audit_links_protect`,
  );
}

async function appWithLogins(n: number): Promise<TestApp> {
  const app = await startTestApp();
  for (let i = 0; i < n; i++)
    await app.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `x${i}`, password: 'y' },
    });
  return app;
}

describe('audit log', () => {
  test('each row has UTC time, actor, action, object, result, request id and source IP', async () => {
    const rows = await auditRows(t, 'auth.login');
    const ok = rows.find((r) => r.actor_name === 'aud.ns' && r.result === 'ok')!;
    assert.ok(ok.occurred_at instanceof Date);
    assert.ok(ok.actor_id && ok.request_id && ok.source_ip);
    assert.equal(ok.region_code, '440305000000');
    // Its link, made by the sequencer (chainRows runs it, as verify does).
    const link = (await chainRows(t)).find((r) => r.id === ok.id)!;
    assert.match(link.hash, /^[0-9a-f]{64}$/);
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

  test('rows and links cannot be updated or deleted, not even by the table owner', async () => {
    await chainRows(t);
    for (const statement of [
      sql`UPDATE audit_log SET result = 'ok' WHERE id = 1`,
      sql`DELETE FROM audit_log WHERE id = 1`,
      sql`UPDATE audit_links SET hash = prev_hash WHERE seq = 1`,
      sql`DELETE FROM audit_links WHERE seq = 1`,
    ])
      await assert.rejects(statement.execute(t.handle.db), /append-only|permission denied/);
    for (const table of ['audit_log', 'audit_links'])
      await assert.rejects(execAsOwner(t.handle, `TRUNCATE ${table}`), /append-only/);
  });

  test('the chain verifies, and a changed row is found at its exact id', async () => {
    const clean = await t.app.inject({
      method: 'POST',
      url: '/api/audit/verify',
      headers: { cookie: auditor },
    });
    assert.deepEqual(
      { ...(clean.json() as object), checked: 0 },
      { ok: true, checked: 0, firstBrokenId: null, firstBrokenSeq: null, pending: 0 },
    );
    assert.ok(clean.json().checked > 5);
    const rows = await chainRows(t);
    assert.equal(rows.length, (await auditRows(t)).length, 'every committed row is chained');
    const victim = rows[Math.floor(rows.length / 2)]!;
    await tamper(
      t,
      `UPDATE audit_log SET result = 'ok', details = '{"forged":true}' WHERE id = ${victim.id}`,
    );
    assert.deepEqual(await verifyAuditChain(t.handle.db), {
      ...intact(rows.length),
      firstBrokenSeq: victim.seq,
      firstBrokenId: victim.id,
    });
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/audit/verify',
      headers: { cookie: auditor },
    });
    assert.equal(api.json().ok, false);
    assert.equal(api.json().firstBrokenId, victim.id);
  });

  test('a deleted row is found at its id; deleted with its link, at the next row; a deleted tail too', async () => {
    const cases: [
      string,
      (rows: { id: number; seq: number }[]) => string,
      (rows: { id: number }[]) => number,
    ][] = [
      // The row alone: its link is left pointing at nothing.
      ['row', (rows) => `DELETE FROM audit_log WHERE id = ${rows[2]!.id}`, (rows) => rows[2]!.id],
      // The link alone: the row is left unchained although the sequencer has passed it.
      ['link', (rows) => `DELETE FROM audit_links WHERE seq = ${rows[2]!.seq}`, (rows) => rows[2]!.id],
      // Both: the next link no longer follows its predecessor.
      [
        'row and link',
        (rows) =>
          `DELETE FROM audit_log WHERE id = ${rows[2]!.id}; DELETE FROM audit_links WHERE seq = ${rows[2]!.seq}`,
        (rows) => rows[3]!.id,
      ],
    ];
    for (const [what, statement, expected] of cases) {
      const fresh = await appWithLogins(6);
      try {
        const rows = await chainRows(fresh);
        assert.deepEqual(await verifyAuditChain(fresh.handle.db), intact(rows.length), what);
        await tamper(fresh, statement(rows));
        const r = await verifyAuditChain(fresh.handle.db);
        assert.equal(r.firstBrokenId, expected(rows), what);
        // The chain position reported is the one that no longer checks: the missing or changed one.
        assert.equal(r.firstBrokenSeq, rows[2]!.seq, what);
      } finally {
        await fresh.close();
      }
    }
    for (const what of ['row', 'row and link']) {
      const tail = await appWithLogins(3);
      try {
        const rows = await chainRows(tail);
        const last = rows.at(-1)!;
        await tamper(
          tail,
          what === 'row'
            ? `DELETE FROM audit_log WHERE id = ${last.id}`
            : `DELETE FROM audit_log WHERE id = ${last.id}; DELETE FROM audit_links WHERE seq = ${last.seq}`,
        );
        const r = await verifyAuditChain(tail.handle.db);
        assert.deepEqual([r.firstBrokenSeq, r.firstBrokenId], [last.seq, last.id], what);
      } finally {
        await tail.close();
      }
    }
  });

  test('retention: never below 180 days; a purge re-anchors the chain so it still verifies', async () => {
    assert.throws(() => testConfig({ AUDIT_RETENTION_DAYS: '179' }), /at least 180/);
    const fresh = await appWithLogins(4);
    try {
      const rows = await chainRows(fresh);
      const cutoff = new Date(rows[1]!.occurred_at.getTime() + 1);
      // The purge is an operator's job, run as the owner: the application role may not delete audit rows.
      const url = (fresh.handle as { url?: string }).url;
      const owner = url ? await openPostgres(url) : fresh.handle;
      const purged = await purgeAuditBefore(owner.db, cutoff);
      if (url) await owner.close();
      assert.equal(purged, 2);
      assert.deepEqual(await verifyAuditChain(fresh.handle.db), intact(2));
      assert.deepEqual(
        (await chainRows(fresh)).map((r) => r.id),
        rows.slice(2).map((r) => r.id),
      );
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
      await chainRows(t);
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_protect`.execute(owner.db);
      await sql`ALTER TABLE audit_links DISABLE TRIGGER audit_links_protect`.execute(owner.db);
      // With the triggers out of the way, the grants alone must still refuse the app role; links are
      // written only by the sequencer, which runs as the owner.
      for (const statement of [
        sql`UPDATE audit_log SET result = 'ok'`,
        sql`DELETE FROM audit_log`,
        sql`UPDATE audit_links SET hash = prev_hash`,
        sql`DELETE FROM audit_links`,
        sql`INSERT INTO audit_links (seq, audit_id, prev_hash, hash) VALUES (999999, 999999, '', '')`,
        sql`UPDATE audit_chain SET head_hash = repeat('0', 64)`,
      ])
        await assert.rejects(statement.execute(t.handle.db), (e: { code?: string }) => e.code === '42501');
    } finally {
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_protect`.execute(owner.db);
      await sql`ALTER TABLE audit_links ENABLE TRIGGER audit_links_protect`.execute(owner.db);
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
    assert.equal((await auditRows(fresh)).length - before, 60);
    const rows = await chainRows(fresh);
    assert.equal(rows.length, before + 60, 'every row chained');
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'no row chained twice');
    assert.deepEqual(await verifyAuditChain(fresh.handle.db), intact(rows.length));
    assert.equal(
      new Set(rows.map((r) => r.prev_hash)).size,
      rows.length,
      'no two rows claim the same predecessor',
    );
  } finally {
    await fresh.close();
  }
});
