import type { ColumnType, Generated } from 'kysely';
import type { ActivityTables } from './schema.activities.ts';
import type { CertificateTables } from './schema.certificates.ts';
import type { JobTables } from './schema.jobs.ts';
import type { RecordTables } from './schema.records.ts';

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
  phone_bidx: Buffer | null;
  /** Wrong TOTP codes since totp_failures_since (0016); never reset by a password sign-in. */
  totp_failures: Generated<number>;
  totp_failures_since: NullableTimestamp;
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
  org_type: Generated<string>;
  uscc: string | null;
  host_unit: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone_enc: string | null;
  person_in_charge: string | null;
  categories: Generated<string[]>;
  status: Generated<'pending' | 'approved' | 'rejected' | 'dissolved'>;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  created_by: string | null;
  level_body: Generated<boolean>;
  /** Migration 0011: dissolution (注销), final; the successor (继任组织) takes over its certificates. */
  dissolved_at: NullableTimestamp;
  dissolved_by: string | null;
  dissolve_reason: string | null;
  successor_id: string | null;
  /** Migration 0018: the unit's handler (经办人), next to its person in charge and contact. */
  handler_name: string | null;
  /** Migration 0018: an unregistered team's host unit's USCC (named in the national export). */
  host_unit_uscc: string | null;
}

export interface VolunteersTable {
  id: Generated<string>;
  user_id: string | null;
  volunteer_no: string;
  name: string | null;
  gender: 'male' | 'female' | null;
  birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  doc_type: string | null;
  doc_number_enc: string | null;
  doc_bidx: Buffer | null;
  phone_enc: string | null;
  phone_bidx: Buffer | null;
  region_code: string;
  verification_status: Generated<'unverified' | 'pending' | 'verified' | 'rejected'>;
  verification_method: 'external' | 'manual' | null;
  verified_at: NullableTimestamp;
  verified_by: string | null;
  verification_note: string | null;
  guardian_name: string | null;
  guardian_relation: string | null;
  guardian_phone_enc: string | null;
  guardian_consent_at: NullableTimestamp;
  guardian_evidence: string | null;
  skills: Generated<string[]>;
  qualifications: ColumnType<unknown[], string | undefined, string>;
  categories: Generated<string[]>;
  service_regions: Generated<string[]>;
  availability: ColumnType<unknown[], string | undefined, string>;
  languages: Generated<string[]>;
  emergency_contact_enc: string | null;
  privacy_notice_version: string | null;
  sensitive_consent_at: NullableTimestamp;
  registered_by_org: string | null;
  registration_consent_at: NullableTimestamp;
  registered_by_guardian: Generated<boolean>;
  registration_consent_evidence: string | null;
  status: Generated<'active' | 'closed'>;
  closed_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface VerificationDocumentsTable {
  id: Generated<string>;
  volunteer_id: string;
  mime_type: string;
  content_enc: string;
  uploaded_at: GeneratedTimestamp;
}

export interface MembershipsTable {
  id: Generated<string>;
  org_id: string;
  volunteer_id: string;
  role: Generated<'admin' | 'leader' | 'member'>;
  status: 'applied' | 'invited' | 'active' | 'rejected' | 'left';
  source: Generated<string>;
  created_at: GeneratedTimestamp;
  decided_at: NullableTimestamp;
  decided_by: string | null;
  left_at: NullableTimestamp;
}

export interface ImportJobsTable {
  id: Generated<string>;
  kind: 'volunteers' | 'members' | 'records';
  org_id: string | null;
  file_sha256: string;
  /** Hours imports: why the batch's service was not recorded in Yiqi (kept on every entry). */
  reason: ColumnType<string | null, string | null | undefined, string | null>;
  status: 'validating' | 'invalid' | 'committing' | 'done' | 'failed';
  total_rows: Generated<number>;
  processed: Generated<number>;
  created: Generated<number>;
  skipped: Generated<number>;
  errors: ColumnType<unknown[], string | undefined, string>;
  error_count: Generated<number>;
  /** The sheet row taken as the header (null until validation finds it). */
  header_row: ColumnType<number | null, number | null | undefined, number | null>;
  locale: Generated<string>;
  created_by: string;
  created_at: GeneratedTimestamp;
  finished_at: NullableTimestamp;
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

/** Migration 0017: one-time codes (hashed) and the code requests counted for rate limits. */
export interface OneTimeCodesTable {
  id: Generated<string>;
  purpose: 'claim' | 'reset' | 'register';
  subject: string;
  code_hash: Buffer;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface CodeRequestsTable {
  bucket: Buffer;
  created_at: Timestamp;
}

export interface DB extends ActivityTables, RecordTables, CertificateTables, JobTables {
  regions: RegionsTable;
  users: UsersTable;
  volunteers: VolunteersTable;
  verification_documents: VerificationDocumentsTable;
  memberships: MembershipsTable;
  import_jobs: ImportJobsTable;
  sessions: SessionsTable;
  organizations: OrganizationsTable;
  role_grants: RoleGrantsTable;
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
  schema_migrations: SchemaMigrationsTable;
  one_time_codes: OneTimeCodesTable;
  code_requests: CodeRequestsTable;
}
