import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { execAsOwner, onPostgres } from '../../test/database.ts';
import { auditRows, startTestApp, type TestApp } from '../../test/harness.ts';
import { verifyAuditChain } from './audit.repository.ts';
import { chainRows, intact } from './audit.testkit.ts';
import { compareWitness, witnessHead } from './audit.witness.ts';

/**
 * An attacker with the application's role, or with the database superuser, tries to rewrite the audit
 * history so that verification still says "intact". Each case first checks the untouched chain passes.
 */

let dir: string;
before(() => void (dir = mkdtempSync(join(tmpdir(), 'yiqi-witness-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

async function appWithRows(n: number): Promise<TestApp> {
  const t = await startTestApp();
  for (let i = 0; i < n; i++)
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `x${i}`, password: 'y' },
    });
  return t;
}

/** Runs SQL as the application role on PostgreSQL, whichever role the pool logs in as. */
async function asAppRole(t: TestApp, statement: string) {
  const c = new pg.Client({ connectionString: (t.handle as { url?: string }).url! });
  await c.connect();
  try {
    await c.query('SET ROLE yiqi_app');
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** Superuser with every user trigger off: the strongest insider the database can have. */
const unguarded = (statement: string) =>
  `ALTER TABLE audit_log DISABLE TRIGGER USER; ALTER TABLE audit_links DISABLE TRIGGER USER;
   ALTER TABLE audit_chain DISABLE TRIGGER USER; ${statement};
   ALTER TABLE audit_log ENABLE TRIGGER USER; ALTER TABLE audit_links ENABLE TRIGGER USER;
   ALTER TABLE audit_chain ENABLE TRIGGER USER`;

let n = 0;
const witnessFile = () => join(dir, `w${++n}.jsonl`);

async function assertIntact(t: TestApp, file?: string) {
  const rows = await chainRows(t);
  assert.equal(rows.length, (await auditRows(t)).length, 'every committed row is chained');
  assert.deepEqual(await verifyAuditChain(t.handle.db), intact(rows.length));
  if (file) assert.equal((await compareWitness(t.handle.db, t.config.appKey, file)).ok, true);
}

describe('audit chain tampering', () => {
  test(
    'the application role cannot move the anchor, not even claiming to be the purge',
    { skip: !onPostgres() },
    async () => {
      const t = await appWithRows(4);
      try {
        await assertIntact(t);
        const last = (await chainRows(t)).at(-1)!;
        for (const statement of [
          `UPDATE audit_chain SET anchor_seq = ${last.seq}, anchor_hash = '${last.hash}'`,
          `SELECT set_config('yiqi.audit_purge', 'on', false); UPDATE audit_chain SET anchor_seq = ${last.seq}`,
          `UPDATE audit_chain SET head_hash = repeat('0', 64), last_seq = 1`,
          `SELECT set_config('yiqi.audit_purge', 'on', false); DELETE FROM audit_links WHERE seq <= ${last.seq}`,
          `INSERT INTO audit_links VALUES (${last.seq + 1}, ${last.id}, '${last.hash}', '${last.hash}')`,
        ])
          await assert.rejects(asAppRole(t, statement), (e: { code?: string }) => e.code === '42501');
        await assertIntact(t);
      } finally {
        await t.close();
      }
    },
  );

  test('(1) an anchor moved to the head by force leaves rows before it: verify fails', async () => {
    const t = await appWithRows(4);
    try {
      await assertIntact(t);
      const rows = await chainRows(t);
      const last = rows.at(-1)!;
      await execAsOwner(
        t.handle,
        unguarded(`UPDATE audit_chain SET anchor_seq = ${last.seq}, anchor_hash = '${last.hash}'`),
      );
      assert.equal((await verifyAuditChain(t.handle.db)).firstBrokenId, rows[0]!.id);
    } finally {
      await t.close();
    }
  });

  test('(4) rows existing before the anchor (a purge that deleted nothing): verify fails', async () => {
    const t = await appWithRows(6);
    try {
      await assertIntact(t);
      const rows = await chainRows(t);
      const mid = rows[3]!;
      await execAsOwner(
        t.handle,
        unguarded(`UPDATE audit_chain SET anchor_seq = ${mid.seq}, anchor_hash = '${mid.hash}'`),
      );
      const r = await verifyAuditChain(t.handle.db);
      assert.equal(r.firstBrokenId, rows[0]!.id);
      // The trigger refuses the same move even to the owner outside a purge.
      await assert.rejects(
        execAsOwner(t.handle, `UPDATE audit_chain SET anchor_seq = 0, anchor_hash = repeat('0', 64)`),
        /anchor/,
      );
      // And the head moves only forward onto the newest link.
      await assert.rejects(
        execAsOwner(
          t.handle,
          `UPDATE audit_chain SET head_hash = '${rows[2]!.hash}', last_seq = ${rows[2]!.seq}`,
        ),
        /head/,
      );
    } finally {
      await t.close();
    }
  });

  test('(2) the chain recomputed from a row onward verifies, but the witness finds it', async () => {
    const t = await appWithRows(6);
    const file = witnessFile();
    try {
      await witnessHead(t.handle.db, t.config.appKey, file);
      await assertIntact(t, file);
      const rows = await chainRows(t);
      const from = rows[2]!;
      await execAsOwner(
        t.handle,
        unguarded(`
          UPDATE audit_log SET details = '{"forged":true}' WHERE id = ${from.id};
          DO $$ DECLARE l audit_links; r audit_log; prev text;
          BEGIN
            SELECT hash INTO prev FROM audit_links WHERE seq = ${rows[1]!.seq};
            FOR l IN SELECT * FROM audit_links WHERE seq >= ${from.seq} ORDER BY seq LOOP
              SELECT * INTO r FROM audit_log WHERE id = l.audit_id;
              UPDATE audit_links SET prev_hash = prev, hash = audit_row_hash(prev, r) WHERE seq = l.seq;
              prev := audit_row_hash(prev, r);
            END LOOP;
            UPDATE audit_chain SET head_hash = prev;
          END $$`),
      );
      // The rewrite is internally consistent: the chain alone cannot tell.
      assert.equal((await verifyAuditChain(t.handle.db)).firstBrokenId, null);
      const w = await compareWitness(t.handle.db, t.config.appKey, file);
      assert.equal(w.ok, false);
      assert.deepEqual(w.problem, { line: 1, id: rows.at(-1)!.seq, reason: 'hash' });
    } finally {
      await t.close();
    }
  });

  test('(3) the newest rows deleted and the head moved back: the witness finds it', async () => {
    const t = await appWithRows(6);
    const file = witnessFile();
    try {
      await witnessHead(t.handle.db, t.config.appKey, file);
      await assertIntact(t, file);
      const rows = await chainRows(t);
      const keep = rows[3]!;
      await execAsOwner(
        t.handle,
        unguarded(`DELETE FROM audit_log WHERE id IN (SELECT audit_id FROM audit_links WHERE seq > ${keep.seq});
          DELETE FROM audit_links WHERE seq > ${keep.seq};
          UPDATE audit_chain SET head_hash = '${keep.hash}', last_seq = ${keep.seq}, last_audit_id = ${keep.id}`),
      );
      assert.equal((await verifyAuditChain(t.handle.db)).firstBrokenId, null);
      let w = await compareWitness(t.handle.db, t.config.appKey, file);
      assert.deepEqual(w.problem, { line: 1, id: rows.at(-1)!.seq, reason: 'truncated' });
      // New rows refilling the same positions do not hide it: they hash differently.
      for (let i = keep.seq; i <= rows.at(-1)!.seq; i++)
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'z', password: 'y' },
        });
      assert.equal((await verifyAuditChain(t.handle.db)).firstBrokenId, null);
      w = await compareWitness(t.handle.db, t.config.appKey, file);
      assert.deepEqual(w.problem, { line: 1, id: rows.at(-1)!.seq, reason: 'hash' });
    } finally {
      await t.close();
    }
  });

  test('witness lines are signed; a purge keeps old witnesses valid; an edited line is refused', async () => {
    const t = await appWithRows(3);
    const file = witnessFile();
    try {
      const first = await witnessHead(t.handle.db, t.config.appKey, file);
      assert.match(JSON.stringify(first), /"mac":"[0-9a-f]{64}"/);
      // An unchanged head is not written twice.
      assert.equal(await witnessHead(t.handle.db, t.config.appKey, file), null);
      for (let i = 0; i < 3; i++)
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'w', password: 'y' },
        });
      await witnessHead(t.handle.db, t.config.appKey, file);
      assert.deepEqual(await compareWitness(t.handle.db, t.config.appKey, file), {
        ok: true,
        checked: 2,
        lastWitnessedId: (await chainRows(t)).at(-1)!.seq,
        problem: null,
      });
      // A retention purge removes witnessed rows lawfully: only the anchor's own hash can still be checked.
      const rows = await chainRows(t);
      await execAsOwner(
        t.handle,
        `SELECT set_config('yiqi.audit_purge', 'on', true);
         DELETE FROM audit_log WHERE id IN (SELECT audit_id FROM audit_links WHERE seq <= ${rows[3]!.seq});
         DELETE FROM audit_links WHERE seq <= ${rows[3]!.seq};
         UPDATE audit_chain SET anchor_seq = ${rows[3]!.seq}, anchor_hash = '${rows[3]!.hash}'`,
      );
      await assertIntact(t, file);
      // Someone editing the file to match a rewritten chain would need the application key.
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      const edited = { ...JSON.parse(lines[1]!), hash: 'f'.repeat(64) };
      writeFileSync(file, `${lines[0]}\n${JSON.stringify(edited)}\n`);
      assert.deepEqual((await compareWitness(t.handle.db, t.config.appKey, file)).problem, {
        line: 2,
        id: edited.id,
        reason: 'signature',
      });
    } finally {
      await t.close();
    }
  });
});
