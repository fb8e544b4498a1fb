import type { ColumnType, Generated } from 'kysely';

/** Table types for Kysely; they mirror migrations/ (keep both in the same commit). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface RegionsTable {
  code: string;
  level: number;
  name: string;
  parent_code: string | null;
  parent_level: number | null;
  dataset: string;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  password_changed_at: GeneratedTimestamp;
  locale: Generated<string>;
  totp_secret_enc: string | null;
  totp_enabled_at: NullableTimestamp;
  totp_last_step: number | null;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  disabled_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
}

export interface SessionsTable {
  token_hash: Buffer;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  mfa_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  region_code: string;
  parent_id: string | null;
  created_at: GeneratedTimestamp;
}

export interface RoleGrantsTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  region_code: string | null;
  org_id: string | null;
  granted_by: string | null;
  granted_at: GeneratedTimestamp;
  revoked_by: string | null;
  revoked_at: NullableTimestamp;
}

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

export interface SchemaMigrationsTable {
  name: string;
  applied_at: GeneratedTimestamp;
}

export interface DB {
  regions: RegionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  organizations: OrganizationsTable;
  role_grants: RoleGrantsTable;
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
  schema_migrations: SchemaMigrationsTable;
}
