import type { ColumnType, Generated } from 'kysely';

/** Table types of the audit module: the audit log, its chain links and head; see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: GeneratedTimestamp;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  result: 'ok' | 'denied' | 'failed';
  request_id: string | null;
  source_ip: string | null;
  region_code: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  /** The appending transaction (xid8 as text), set by the insert trigger; null for rows chained before 2026-12. */
  tx_id: ColumnType<string | null, never, never>;
}

/** One row's place in the hash chain, appended by the sequencer (audit_sequence()). */
export interface AuditLinksTable {
  seq: number;
  audit_id: number;
  prev_hash: string;
  hash: string;
}

export interface AuditChainTable {
  id: Generated<boolean>;
  head_hash: string;
  /** Position of the newest link. */
  last_seq: number;
  /** The row of the newest link. */
  last_audit_id: number;
  /** xid8 as text: every row of a transaction below it has a link (the sequencer looks from here on). */
  horizon: string;
  anchor_seq: number;
  anchor_hash: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
  audit_links: AuditLinksTable;
  audit_chain: AuditChainTable;
}
