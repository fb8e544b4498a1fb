import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';
import type { AuditLogTable } from '../../db/schema.audit.ts';
import type { Insertable } from 'kysely';

export async function insertAuditRow(db: Database, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export interface AuditFilter {
  /** Region prefixes the reader may see; null means everything (a province-wide auditor). */
  prefixes: string[] | null;
  action?: string | undefined;
  actor?: string | undefined;
  result?: 'ok' | 'denied' | 'failed' | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export async function listAuditRows(db: Database, f: AuditFilter, page: number, pageSize: number) {
  let q = db.selectFrom('audit_log');
  if (f.prefixes) {
    const prefixes = f.prefixes;
    q = q.where((eb) => eb.or(prefixes.map((p) => eb('region_code', 'like', `${p}%`))));
  }
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actor) q = q.where('actor_name', '=', f.actor.toLowerCase());
  if (f.result) q = q.where('result', '=', f.result);
  if (f.from) q = q.where('occurred_at', '>=', new Date(f.from));
  if (f.to) q = q.where('occurred_at', '<', new Date(f.to));
  return fetchPage(q, (p) => p.selectAll().orderBy('id', 'desc'), page, pageSize);
}

/**
 * Chains every audit row whose transaction has ended (audit_sequence(), docs/decisions/0018-audit-sequencer.md),
 * one batch per transaction, until none is left. Writers never wait for this; only another sequencer (or a
 * purge) does. Returns how many rows it chained.
 */
export async function sequenceAudit(db: Database, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await sql<{ n: number }>`SELECT audit_sequence(${batch}::int) AS n`.execute(db);
    const n = Number(r.rows[0]!.n);
    total += n;
    if (n < batch) return total;
  }
}

/**
 * Chains what has committed, then recomputes every link after the retention anchor in SQL, with the same
 * function the sequencer used, and reports the first link (by chain position) whose position, predecessor,
 * row or content no longer matches: a changed row or link is reported at that row, a row deleted under its
 * link at that row, a row deleted with its link at the next one. A missing tail shows as a head mismatch
 * (reported at the head's row). A link at or before the anchor means the anchor was moved without a purge:
 * that link is reported. A row without a link below the sequencer's horizon (it would never be chained)
 * is reported too; committed rows the sequencer has not reached yet (committed after it ran) are only
 * counted (`pending`); rows of transactions still open are invisible and come later. The chain alone
 * cannot see a consistent rewrite or a cut tail with the head moved back; compareWitness (audit.witness.ts) can.
 */
export async function verifyAuditChain(db: Database) {
  await sequenceAudit(db);
  const r = await sql<{
    checked: number;
    broken_seq: number | null;
    broken_id: number | null;
    gap: boolean | null;
    last_seq: number | null;
    last_hash: string | null;
    head_seq: number;
    head_hash: string;
    head_audit_id: number;
    anchor_seq: number;
    anchor_hash: string;
    before_anchor_seq: number | null;
    before_anchor_id: number | null;
    orphan_id: number | null;
    pending: number;
  }>`
    WITH c AS (SELECT * FROM audit_chain),
    l AS (
      SELECT l.seq, l.audit_id, l.hash,
        coalesce(lag(l.seq) OVER w, (SELECT anchor_seq FROM c)) + 1 AS expected_seq,
        l.prev_hash = coalesce(lag(l.hash) OVER w, (SELECT anchor_hash FROM c)) AS link_ok,
        a.id IS NOT NULL AND l.hash = audit_row_hash(l.prev_hash, a) AS content_ok
      FROM audit_links l LEFT JOIN audit_log a ON a.id = l.audit_id
      WHERE l.seq > (SELECT anchor_seq FROM c)
      WINDOW w AS (ORDER BY l.seq)
    ),
    b AS (
      SELECT CASE WHEN seq = expected_seq THEN seq ELSE expected_seq END AS seq, audit_id, seq <> expected_seq AS gap
      FROM l WHERE NOT (seq = expected_seq AND link_ok AND content_ok) ORDER BY l.seq LIMIT 1
    ),
    t AS (SELECT seq, hash FROM l ORDER BY seq DESC LIMIT 1),
    ba AS (SELECT seq, audit_id FROM audit_links WHERE seq <= (SELECT anchor_seq FROM c) ORDER BY seq LIMIT 1),
    u AS (
      SELECT a.id, a.tx_id IS NULL
          OR a.tx_id < (SELECT horizon FROM c) AS orphan
      FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM audit_links x WHERE x.audit_id = a.id)
    )
    SELECT (SELECT count(*) FROM l)::int AS checked,
      (SELECT seq FROM b) AS broken_seq, (SELECT audit_id FROM b) AS broken_id, (SELECT gap FROM b) AS gap,
      (SELECT seq FROM t) AS last_seq, (SELECT hash FROM t) AS last_hash,
      c.last_seq AS head_seq, c.head_hash, c.last_audit_id AS head_audit_id, c.anchor_seq, c.anchor_hash,
      (SELECT seq FROM ba) AS before_anchor_seq, (SELECT audit_id FROM ba) AS before_anchor_id,
      (SELECT min(id) FROM u WHERE orphan) AS orphan_id,
      (SELECT count(*) FROM u WHERE NOT orphan)::int AS pending
    FROM c`.execute(db);
  const row = r.rows[0]!;
  const num = (x: number | string | null) => (x === null ? null : Number(x));
  let firstBrokenSeq = num(row.broken_seq);
  // A missing link: its row, if still there, is the one the sequencer has passed and that has no link.
  let firstBrokenId = row.gap ? (num(row.orphan_id) ?? num(row.broken_id)) : num(row.broken_id);
  if (row.before_anchor_seq !== null) {
    firstBrokenSeq = num(row.before_anchor_seq);
    firstBrokenId = num(row.before_anchor_id);
  } else if (
    firstBrokenSeq === null &&
    ((row.last_hash ?? row.anchor_hash) !== row.head_hash ||
      Number(row.last_seq ?? row.anchor_seq) !== Number(row.head_seq))
  ) {
    firstBrokenSeq = Number(row.last_seq ?? row.anchor_seq) + 1;
    firstBrokenId = Number(row.head_audit_id);
  } else if (firstBrokenSeq === null && row.orphan_id !== null) firstBrokenId = Number(row.orphan_id);
  return { checked: Number(row.checked), pending: Number(row.pending), firstBrokenSeq, firstBrokenId };
}

/**
 * Chains what has committed, then deletes the oldest rows (with their links) up to the last chain position
 * before the first row younger than the cutoff (so no younger row is ever deleted, even one chained before
 * an older one) and moves the anchor to that position, in one transaction; the protect triggers only let
 * deletes through while yiqi.audit_purge is set in this transaction.
 */
export async function purgeAuditBefore(db: Database, cutoff: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // Sequencing in this transaction also holds the chain row until the purge commits.
    await sequenceAudit(trx);
    const chain = await trx
      .selectFrom('audit_chain')
      .select(['anchor_seq', 'last_seq'])
      .forUpdate()
      .executeTakeFirstOrThrow();
    const young = await trx
      .selectFrom('audit_links as l')
      .innerJoin('audit_log as a', 'a.id', 'l.audit_id')
      .select('l.seq')
      .where('l.seq', '>', chain.anchor_seq)
      .where('a.occurred_at', '>=', cutoff)
      .orderBy('l.seq')
      .limit(1)
      .executeTakeFirst();
    const upTo = young ? Number(young.seq) - 1 : Number(chain.last_seq);
    if (upTo <= Number(chain.anchor_seq)) return 0;
    const last = await trx
      .selectFrom('audit_links')
      .select('hash')
      .where('seq', '=', upTo)
      .executeTakeFirstOrThrow();
    await sql`SELECT set_config('yiqi.audit_purge', 'on', true)`.execute(trx);
    const del = await trx
      .deleteFrom('audit_log')
      .where('id', 'in', (eb) => eb.selectFrom('audit_links').select('audit_id').where('seq', '<=', upTo))
      .executeTakeFirst();
    await trx.deleteFrom('audit_links').where('seq', '<=', upTo).execute();
    await trx.updateTable('audit_chain').set({ anchor_seq: upTo, anchor_hash: last.hash }).execute();
    return Number(del.numDeletedRows);
  });
}

/** The chain's own record of its head and anchor, and the newest link actually present (the anchor if none). */
export async function readChainHead(db: Database) {
  const r = await sql<{
    last_seq: number;
    head_hash: string;
    anchor_seq: number;
    anchor_hash: string;
    max_seq: number | null;
  }>`SELECT last_seq, head_hash, anchor_seq, anchor_hash, (SELECT max(seq) FROM audit_links) AS max_seq
     FROM audit_chain`.execute(db);
  const row = r.rows[0]!;
  return {
    lastSeq: Number(row.last_seq),
    headHash: row.head_hash,
    anchorSeq: Number(row.anchor_seq),
    anchorHash: row.anchor_hash,
    newestSeq: row.max_seq === null ? Number(row.anchor_seq) : Number(row.max_seq),
  };
}

/** Hashes of the links at the given chain positions that still exist, by position. */
export async function readLinkHashes(db: Database, seqs: number[]): Promise<Map<number, string>> {
  if (seqs.length === 0) return new Map();
  const r = await sql<{ seq: number; hash: string }>`
    SELECT seq, hash FROM audit_links WHERE seq = ANY(${`{${seqs.join(',')}}`}::bigint[])`.execute(db);
  return new Map(r.rows.map((x) => [Number(x.seq), x.hash]));
}
