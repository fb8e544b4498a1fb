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
 * Recomputes every hash after the retention anchor in SQL, with the same function the insert trigger
 * used, and reports the first row whose link or content no longer matches. A missing tail shows as a
 * head mismatch. A row at or before the anchor means the anchor was moved without a purge (skipping the
 * rows after it would otherwise hide anything): that row is reported. The chain alone cannot see a
 * consistent rewrite or a cut tail with the head moved back; compareWitness (audit.witness.ts) can.
 */
export async function verifyAuditChain(db: Database) {
  const r = await sql<{
    checked: number;
    first_broken: number | null;
    last_id: number | null;
    last_hash: string | null;
    head_hash: string;
    anchor_id: number;
    anchor_hash: string;
    before_anchor: number | null;
  }>`
    WITH c AS (SELECT anchor_id, anchor_hash, head_hash FROM audit_chain),
    r AS (
      SELECT a.id, a.hash,
        a.prev_hash = coalesce(lag(a.hash) OVER (ORDER BY a.id), (SELECT anchor_hash FROM c)) AS link_ok,
        a.hash = audit_row_hash(a.prev_hash, a) AS content_ok
      FROM audit_log a WHERE a.id > (SELECT anchor_id FROM c)
    )
    SELECT count(*)::int AS checked,
      min(id) FILTER (WHERE NOT (link_ok AND content_ok)) AS first_broken,
      (SELECT id FROM r ORDER BY id DESC LIMIT 1) AS last_id,
      (SELECT hash FROM r ORDER BY id DESC LIMIT 1) AS last_hash,
      (SELECT head_hash FROM c) AS head_hash,
      (SELECT anchor_id FROM c) AS anchor_id,
      (SELECT anchor_hash FROM c) AS anchor_hash,
      (SELECT min(id) FROM audit_log WHERE id <= (SELECT anchor_id FROM c)) AS before_anchor
    FROM r`.execute(db);
  const row = r.rows[0]!;
  let firstBroken = row.first_broken === null ? null : Number(row.first_broken);
  if (row.before_anchor !== null) firstBroken = Number(row.before_anchor);
  else if (firstBroken === null && (row.last_hash ?? row.anchor_hash) !== row.head_hash)
    firstBroken = Number(row.last_id ?? row.anchor_id) + 1;
  return { checked: Number(row.checked), firstBrokenId: firstBroken };
}

/**
 * Deletes rows older than the cutoff and moves the anchor to the last deleted row, in one transaction;
 * the protect trigger only lets deletes through while yiqi.audit_purge is set in this transaction.
 */
export async function purgeAuditBefore(db: Database, cutoff: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('audit_log')
      .select(['id', 'hash'])
      .where('occurred_at', '<', cutoff)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last) return 0;
    await sql`SELECT set_config('yiqi.audit_purge', 'on', true)`.execute(trx);
    const del = await trx.deleteFrom('audit_log').where('id', '<=', last.id).executeTakeFirst();
    await trx.updateTable('audit_chain').set({ anchor_id: last.id, anchor_hash: last.hash }).execute();
    return Number(del.numDeletedRows);
  });
}

/** The chain's own record of its head and anchor, and the newest row actually present (the anchor if none). */
export async function readChainHead(db: Database) {
  const r = await sql<{
    last_id: number;
    head_hash: string;
    anchor_id: number;
    anchor_hash: string;
    max_id: number | null;
  }>`SELECT last_id, head_hash, anchor_id, anchor_hash, (SELECT max(id) FROM audit_log) AS max_id
     FROM audit_chain`.execute(db);
  const row = r.rows[0]!;
  return {
    lastId: Number(row.last_id),
    headHash: row.head_hash,
    anchorId: Number(row.anchor_id),
    anchorHash: row.anchor_hash,
    newestRowId: row.max_id === null ? Number(row.anchor_id) : Number(row.max_id),
  };
}

/** Hashes of the given rows that still exist, by id. */
export async function readRowHashes(db: Database, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ id: number; hash: string }>`
    SELECT id, hash FROM audit_log WHERE id = ANY(${`{${ids.join(',')}}`}::bigint[])`.execute(db);
  return new Map(r.rows.map((x) => [Number(x.id), x.hash]));
}
