import type { ColumnType, Generated } from 'kysely';

/** Table types of the volunteers module: volunteers and their identity documents; see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

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
  /** Migration 202612061811: coarse service point (WGS-84, 0.001°), for dispatch suggestions. */
  service_lat: ColumnType<number | null, number | null | undefined, number | null>;
  service_lng: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface VerificationDocumentsTable {
  id: Generated<string>;
  volunteer_id: string;
  mime_type: string;
  content_enc: string;
  uploaded_at: GeneratedTimestamp;
}

export interface VolunteerTables {
  volunteers: VolunteersTable;
  verification_documents: VerificationDocumentsTable;
}
