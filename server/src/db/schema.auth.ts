import type { ColumnType, Generated } from 'kysely';

/** Table types of the auth module: accounts, sessions and one-time codes; see schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

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

/** Migration 0017: one-time codes (hashed) and the code requests counted for rate limits. */
export interface OneTimeCodesTable {
  id: Generated<string>;
  purpose: 'claim' | 'reset' | 'register' | 'email';
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

export interface AuthTables {
  users: UsersTable;
  sessions: SessionsTable;
  one_time_codes: OneTimeCodesTable;
  code_requests: CodeRequestsTable;
}
