import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0009 (certificates and organization seals); see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** Written and read as YYYY-MM-DD (select it with to_char). */
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export type CertificateStatus = 'requested' | 'issued' | 'rejected' | 'revoked';
export type CertificateScope = 'all' | 'period' | 'activities';

export interface CertificatesTable {
  id: Generated<string>;
  number: string | null;
  volunteer_id: string;
  org_id: string;
  scope: CertificateScope;
  period_from: NullableDate;
  period_to: NullableDate;
  activity_ids: ColumnType<string[], string[] | undefined, string[]>;
  purpose: string | null;
  status: Generated<CertificateStatus>;
  requested_by: string | null;
  requested_at: GeneratedTimestamp;
  record_ids: string[] | null;
  total_minutes: number | null;
  content_hash: string | null;
  issuer_name: string | null;
  person_in_charge: string | null;
  handler_name: string | null;
  issued_by: string | null;
  issued_at: NullableTimestamp;
  reject_reason: string | null;
  rejected_by: string | null;
  rejected_at: NullableTimestamp;
  revoke_reason: string | null;
  revoked_by: string | null;
  revoked_at: NullableTimestamp;
  /** Migration 0011: who handles it now (null: the region admins of the recording unit's region). */
  issuer_org_id: string | null;
  /** Migration 0011 (renamed by 202612061218): the organization that issued it, frozen (null: the region admins did). */
  issued_by_org_id: string | null;
  /** Migration 0011: the recording unit's name, frozen at issue when another unit issued it. */
  original_unit_name: string | null;
  /** Migration 0018: the issuer's contact phone (encrypted), frozen at issue; printed on the certificate. */
  issuer_phone_enc: string | null;
}

export interface OrganizationSealsTable {
  org_id: string;
  mime_type: 'image/png' | 'image/jpeg';
  image: Buffer;
  updated_by: string | null;
  updated_at: GeneratedTimestamp;
}

export interface CertificateTables {
  certificates: CertificatesTable;
  organization_seals: OrganizationSealsTable;
}
