import type { ColumnType, Generated } from 'kysely';

/** Table types of the audit module: the hash-chained audit log; see schema.ts. */
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
  prev_hash: Generated<string>;
  hash: Generated<string>;
}

export interface AuditChainTable {
  id: Generated<boolean>;
  head_hash: string;
  last_id: number;
  anchor_id: number;
  anchor_hash: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
}
