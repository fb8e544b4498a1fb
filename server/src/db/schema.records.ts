import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0008 (service records and totals); see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type RecordKind = 'attendance' | 'backfill' | 'import' | 'correction';
export type RecordStatus = 'draft' | 'pending' | 'confirmed' | 'rejected' | 'superseded';

export interface ServiceRecordsTable {
  id: Generated<string>;
  seq: Generated<number>;
  kind: RecordKind;
  volunteer_id: string;
  org_id: string;
  activity_id: string | null;
  shift_id: string | null;
  signup_id: string | null;
  corrects_id: string | null;
  /** Written and read as YYYY-MM-DD (select it with to_char). */
  service_date: ColumnType<string, string, string>;
  activity_title: string;
  place: string;
  content: string;
  position_name: string | null;
  person_in_charge: string;
  check_in_at: NullableTimestamp;
  check_out_at: NullableTimestamp;
  break_minutes: Generated<number>;
  hours_rule: Generated<string>;
  computed_minutes: number | null;
  explain: Json<unknown[]>;
  minutes: number;
  adjust_reason: string | null;
  reason: string | null;
  evidence: Json<unknown[]>;
  status: RecordStatus;
  due_date: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  reject_reason: string | null;
  superseded_by: string | null;
  sync_status: Generated<'pending' | 'synced' | 'failed' | 'skipped'>;
  synced_at: NullableTimestamp;
  /** The hours import (kind 'import') the entry came from. */
  import_job_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface VolunteerTotalsTable {
  volunteer_id: string;
  minutes: Generated<number>;
  records: Generated<number>;
  activities: Generated<number>;
  updated_at: GeneratedTimestamp;
}

export interface VolunteerYearTotalsTable {
  volunteer_id: string;
  year: number;
  minutes: Generated<number>;
}

export interface RecordEvidenceTable {
  id: Generated<string>;
  record_id: string;
  name: string;
  mime_type: string;
  sha256: string;
  content_enc: string;
  uploaded_at: GeneratedTimestamp;
}

type Day = ColumnType<string, string, string>;

export interface TrainingRecordsTable {
  id: Generated<string>;
  volunteer_id: string;
  org_id: string;
  name: string;
  content: string;
  minutes: number;
  host: string;
  training_date: Day;
  created_by: string;
  created_at: GeneratedTimestamp;
}

export interface AwardRecordsTable {
  id: Generated<string>;
  volunteer_id: string;
  org_id: string;
  name: string;
  award_date: Day;
  grantor: string;
  grant_type: 'organization' | 'government' | 'other_verified';
  created_by: string;
  created_at: GeneratedTimestamp;
}

export interface EvaluationRecordsTable {
  id: Generated<string>;
  volunteer_id: string;
  org_id: string;
  activity_id: string | null;
  quality: 'excellent' | 'good' | 'fair' | 'poor';
  stars: number | null;
  evaluation_date: Day;
  comment: string | null;
  created_by: string;
  created_at: GeneratedTimestamp;
}

/** Migration 0012: holiday tables (working days per year) entered by an administrator (insert-only). */
export interface HolidayTablesTable {
  id: Generated<string>;
  seq: Generated<number>;
  year: number;
  holidays: Json<string[]>;
  workdays: Json<string[]>;
  source: string;
  created_by: string;
  created_at: GeneratedTimestamp;
}

export type RecordEventKind = 'confirmed' | 'corrected' | 'superseded' | 'rejected';

/**
 * Migration 202612061225: the outbox of service records (append-only). `tx_id` is an xid8, read as text;
 * the trigger sets it.
 */
export interface RecordEventsTable {
  id: Generated<number>;
  tx_id: Generated<string>;
  kind: RecordEventKind;
  record_id: string;
  related_record_id: string | null;
  record_kind: RecordKind;
  volunteer_id: string;
  org_id: string;
  region_code: string;
  activity_id: string | null;
  /** Written and read as YYYY-MM-DD (select it with to_char). */
  service_date: ColumnType<string, string, never>;
  minutes_delta: number;
  resulting_minutes: number;
  actor_id: string | null;
  at: ColumnType<Date, Date | string, never>;
}

/** Each reader's position in record_events: the (tx_id, id) of the last event it applied. */
export interface RecordEventConsumersTable {
  name: string;
  last_tx_id: Generated<string>;
  last_id: Generated<number>;
  applied: Generated<number>;
  updated_at: GeneratedTimestamp;
}

export interface RecordTables {
  record_events: RecordEventsTable;
  record_event_consumers: RecordEventConsumersTable;
  holiday_tables: HolidayTablesTable;
  training_records: TrainingRecordsTable;
  award_records: AwardRecordsTable;
  evaluation_records: EvaluationRecordsTable;
  record_evidence: RecordEvidenceTable;
  service_records: ServiceRecordsTable;
  volunteer_totals: VolunteerTotalsTable;
  volunteer_year_totals: VolunteerYearTotalsTable;
}
