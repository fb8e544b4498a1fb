import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 202612061810_stars_certification (star levels and honours); see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** Written and read as YYYY-MM-DD (select it with to_char). */
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export type StarApplicationStatus = 'submitted' | 'noticed' | 'certified' | 'rejected';

export interface StarSchemesTable {
  region_code: string;
  region_level: number;
  thresholds: number[];
  tenure_months: number[];
  platform_only: boolean;
  ban_months: number;
  notice_working_days: number;
  conditions: string | null;
  updated_by: string;
  updated_at: GeneratedTimestamp;
}

export interface StarApplicationsTable {
  id: Generated<string>;
  volunteer_id: string;
  level: number;
  status: Generated<StarApplicationStatus>;
  applied_by: string;
  applied_via_org: string | null;
  minutes_at_apply: ColumnType<string, number | string, number | string>;
  certifying_region: string;
  certifying_level: number;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  review_reason: string | null;
  notice_from: NullableDate;
  notice_until: NullableDate;
  certified_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
}

export interface StarObjectionsTable {
  id: Generated<string>;
  application_id: string;
  user_id: string;
  reason: string;
  status: Generated<'open' | 'upheld' | 'dismissed'>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_reason: string | null;
  created_at: GeneratedTimestamp;
}

export interface StarCertificationsTable {
  id: Generated<string>;
  volunteer_id: string;
  level: number;
  application_id: string;
  certified_by: string;
  certified_at: GeneratedTimestamp;
  revoked_by: string | null;
  revoked_at: NullableTimestamp;
  revoke_reason: string | null;
  falsified: Generated<boolean>;
}

export interface StarBansTable {
  id: Generated<string>;
  volunteer_id: string;
  certification_id: string;
  until: string;
  reason: string;
  created_by: string;
  created_at: GeneratedTimestamp;
}

export type HonourKind =
  'five_star_volunteer' | 'hundred_best_volunteers' | 'ten_best_projects' | 'ten_best_teams';

export interface HonourRoundsTable {
  id: Generated<string>;
  region_code: string;
  region_level: number;
  year: number;
  kind: HonourKind;
  title: string;
  quota: number;
  status: Generated<'nominating' | 'published'>;
  created_by: string;
  created_at: GeneratedTimestamp;
  published_by: string | null;
  published_at: NullableTimestamp;
}

export interface HonourNominationsTable {
  id: Generated<string>;
  round_id: string;
  org_id: string;
  volunteer_id: string | null;
  nominee_org_id: string | null;
  reason: string;
  status: Generated<'nominated' | 'approved' | 'rejected'>;
  nominated_by: string;
  created_at: GeneratedTimestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_reason: string | null;
  award_record_id: string | null;
}

/** Migration 202612071100_stars_ten_best_teams: an organization's honours, written at publication. */
export interface OrganizationAwardRecordsTable {
  id: Generated<string>;
  org_id: string;
  nomination_id: string;
  /** Written as YYYY-MM-DD (select it with to_char). */
  award_date: string;
  name: string;
  grantor: string;
  created_by: string;
  created_at: GeneratedTimestamp;
}

export interface StarTables {
  star_schemes: StarSchemesTable;
  star_applications: StarApplicationsTable;
  star_objections: StarObjectionsTable;
  star_certifications: StarCertificationsTable;
  star_bans: StarBansTable;
  honour_rounds: HonourRoundsTable;
  honour_nominations: HonourNominationsTable;
  organization_award_records: OrganizationAwardRecordsTable;
}
