import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openPglite, withUser } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { APP_ROLE, execAsOwner, onPostgres } from '../../test/database.ts';
import { auditRows, startTestApp, type TestApp } from '../../test/harness.ts';
import { readChainHead, sequenceAudit, verifyAuditChain } from './audit.repository.ts';
import { chainRows, intact } from './audit.testkit.ts';

/**
 * The sequencer (docs/decisions/0018-audit-sequencer.md): appends take no shared lock, and every committed
 * row is linked exactly once, whatever order the transactions began and committed in.
 */

const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));
async function app(logins = 0) {
  const t = await startTestApp({ env: { AUDIT_SEQUENCE_SECONDS: '2' } });
  apps.push(t);
  for (let i = 0; i < logins; i++)
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `s${i}`, password: 'y' },
    });
  return t;
}

const linkCount = async (t: TestApp) =>
  Number((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_links`.execute(t.handle.db)).rows[0]!.n);

describe('audit sequencer', () => {
  test('an append is not chained by itself; the recurring job chains it', async () => {
    const t = await app(2);
    const rows = (await auditRows(t)).length;
    assert.ok(rows >= 2);
    assert.equal(await linkCount(t), 0, 'the insert trigger no longer touches the chain');
    assert.equal((await readChainHead(t.handle.db)).lastSeq, 0);
    await t.app.jobs.tick();
    assert.equal(await linkCount(t), rows, 'job audit.sequence chained every committed row');
    assert.deepEqual(await verifyAuditChain(t.handle.db), intact(rows));
    // Running it again links nothing twice.
    assert.equal(await sequenceAudit(t.handle.db), 0);
  });

  test('a changed row, a changed link or a removed row is found at that row', async () => {
    const cases: [string, (r: { id: number; seq: number }) => string][] = [
      ['row changed', (r) => `UPDATE audit_log SET details = '{"forged":true}' WHERE id = ${r.id}`],
      ['link hash', (r) => `UPDATE audit_links SET hash = repeat('a', 64) WHERE seq = ${r.seq}`],
      ['link predecessor', (r) => `UPDATE audit_links SET prev_hash = repeat('b', 64) WHERE seq = ${r.seq}`],
      ['row removed', (r) => `DELETE FROM audit_log WHERE id = ${r.id}`],
      ['row renumbered', (r) => `UPDATE audit_log SET id = id + 100000 WHERE id = ${r.id}`],
    ];
    const t = await app(2 * cases.length + 2);
    const rows = await chainRows(t);
    assert.deepEqual(await verifyAuditChain(t.handle.db), intact(rows.length));
    // From the newest victim to the oldest: each tampering is earlier in the chain than the ones before,
    // so the first break reported must move to it.
    for (const [i, [what, statement]] of [...cases.entries()].reverse()) {
      const victim = rows[1 + i * 2]!;
      await execAsOwner(
        t.handle,
        `ALTER TABLE audit_log DISABLE TRIGGER USER; ALTER TABLE audit_links DISABLE TRIGGER USER;
         ${statement(victim)};
         ALTER TABLE audit_log ENABLE TRIGGER USER; ALTER TABLE audit_links ENABLE TRIGGER USER`,
      );
      const r = await verifyAuditChain(t.handle.db);
      assert.deepEqual([r.firstBrokenSeq, r.firstBrokenId], [victim.seq, victim.id], what);
    }
  });
});

test(
  'on PostgreSQL, appends do not wait on each other nor on the sequencer; a transaction that began earlier and committed later is chained once',
  { skip: !onPostgres() },
  async () => {
    const t = await app(1);
    const url = withUser((t.handle as { url?: string }).url!, APP_ROLE);
    const clients: pg.Client[] = [];
    const connect = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      clients.push(c);
      // Waiting on any lock past these fails the statement (and the test) instead of hanging.
      await c.query(`SET lock_timeout = '2s'; SET statement_timeout = '2s'`);
      return c;
    };
    const append = async (c: pg.Client, name: string) =>
      Number(
        (
          await c.query<{ id: string }>(
            `INSERT INTO audit_log (action, result, actor_name) VALUES ('test.append', 'ok', $1) RETURNING id`,
            [name],
          )
        ).rows[0]!.id,
      );
    try {
      const [a, b, z, holder, other] = [
        await connect(),
        await connect(),
        await connect(),
        await connect(),
        await connect(),
      ];
      const zId = await append(z, 'z'); // committed before anything else
      await a.query('BEGIN');
      const aId = await append(a, 'a'); // A: begins first, stays open, commits last
      // A sequencer runs and holds the chain row until it commits.
      await holder.query('BEGIN');
      await holder.query('SELECT audit_sequence()');
      // B appends and commits while A's append and the sequencer's lock are both open: on the old trigger
      // its insert waited on the chain row and failed at lock_timeout.
      await b.query('BEGIN');
      const bId = await append(b, 'b');
      await b.query('COMMIT');
      // The chain row is indeed held: anything that needed it would have timed out (this test can fail).
      await other.query(`SET lock_timeout = '100ms'`);
      await assert.rejects(
        other.query('SELECT audit_sequence()'),
        (e: { code?: string }) => e.code === '55P03',
      );
      await holder.query('COMMIT');

      const linked = async () => new Map((await chainRows(t)).map((r) => [r.id, r.seq]));
      let seqs = await linked();
      assert.ok(seqs.has(zId) && seqs.has(bId), 'committed rows are chained, even with A still open');
      assert.ok(!seqs.has(aId), 'the open transaction A is not chained (nor visible)');
      assert.deepEqual(await verifyAuditChain(t.handle.db), intact(seqs.size));

      await a.query('COMMIT');
      const began = await sql<{ earlier: boolean }>`
        SELECT (SELECT tx_id FROM audit_log WHERE id = ${aId}) < (SELECT tx_id FROM audit_log WHERE id = ${bId})
          AS earlier`.execute(t.handle.db);
      assert.equal(began.rows[0]!.earlier, true, 'A began (took its transaction id) before B');
      seqs = await linked();
      assert.ok(seqs.has(aId), 'A is chained once it committed: not skipped behind B');
      assert.ok(seqs.get(aId)! > seqs.get(bId)!, 'after B, which committed first');
      const rows = await chainRows(t);
      assert.equal(rows.length, (await auditRows(t)).length, 'no row skipped');
      assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'no row linked twice');
      assert.deepEqual(await verifyAuditChain(t.handle.db), intact(rows.length));
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  },
);

test('the migration turns a deployed chain into links with the same head', async () => {
  // A database as deployed before the sequencer: every migration up to it, rows chained by the old trigger.
  const all = fileURLToPath(new URL('../../db/migrations/', import.meta.url));
  const before = mkdtempSync(join(tmpdir(), 'yiqi-audit-mig-'));
  for (const f of readdirSync(all).filter((f) => f < '202612061505_audit_sequencer.sql'))
    cpSync(join(all, f), join(before, f));
  const handle = await openPglite();
  try {
    await migrate(handle, before + '/');
    await handle.execInTransaction(
      `INSERT INTO audit_log (action, result) SELECT 'old.' || i, 'ok' FROM generate_series(1, 5) i`,
    );
    const old = await sql<{ last_id: number; head_hash: string }>`
      SELECT last_id, head_hash FROM audit_chain`.execute(handle.db);
    const oldHashes = await sql<{ id: number; hash: string }>`
      SELECT id, hash FROM audit_log ORDER BY id`.execute(handle.db);
    await migrate(handle, all);
    const head = await readChainHead(handle.db);
    assert.deepEqual(
      { lastSeq: head.lastSeq, headHash: head.headHash },
      { lastSeq: Number(old.rows[0]!.last_id), headHash: old.rows[0]!.head_hash },
    );
    const links = await sql<{ seq: number; audit_id: number; hash: string }>`
      SELECT seq, audit_id, hash FROM audit_links ORDER BY seq`.execute(handle.db);
    assert.deepEqual(
      links.rows.map((l) => [Number(l.seq), Number(l.audit_id), l.hash]),
      oldHashes.rows.map((r) => [Number(r.id), Number(r.id), r.hash]),
    );
    assert.deepEqual(await verifyAuditChain(handle.db), intact(5));
    // New rows continue the ids and the chain.
    await handle.execInTransaction(`INSERT INTO audit_log (action, result) VALUES ('new.1', 'ok')`);
    assert.deepEqual(await verifyAuditChain(handle.db), intact(6));
    const next = await sql<{ id: number }>`SELECT max(id) AS id FROM audit_log`.execute(handle.db);
    assert.equal(Number(next.rows[0]!.id), 6);
  } finally {
    await handle.close();
    rmSync(before, { recursive: true, force: true });
  }
});
