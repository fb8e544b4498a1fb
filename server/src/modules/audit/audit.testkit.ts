import { sql } from 'kysely';
import type { TestApp } from '../../test/harness.ts';
import { sequenceAudit } from './audit.repository.ts';

/** A chained audit row: its id and time, and its link (chain position, predecessor's hash, own hash). */
export interface ChainRow {
  id: number;
  seq: number;
  prev_hash: string;
  hash: string;
  occurred_at: Date;
}

/** Runs the sequencer, then returns every chained row in chain order (audit_links joined to audit_log). */
export async function chainRows(t: TestApp): Promise<ChainRow[]> {
  await sequenceAudit(t.handle.db);
  const r = await sql<ChainRow>`
    SELECT a.id, l.seq, l.prev_hash, l.hash, a.occurred_at
    FROM audit_links l JOIN audit_log a ON a.id = l.audit_id ORDER BY l.seq`.execute(t.handle.db);
  return r.rows.map((x) => ({
    ...x,
    id: Number(x.id),
    seq: Number(x.seq),
    occurred_at: new Date(x.occurred_at),
  }));
}

/** What verifyAuditChain says of an intact chain of `checked` rows with nothing pending. */
export const intact = (checked: number) => ({
  checked,
  pending: 0,
  firstBrokenSeq: null,
  firstBrokenId: null,
});
