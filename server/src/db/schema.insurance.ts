import type { ColumnType, Generated } from 'kysely';

/** Table types of the insurance migration (modules/insurance); see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A date column, selected with to_char as YYYY-MM-DD. */
type DateOnly = ColumnType<string, string, string>;

export interface InsurancePoliciesTable {
  id: Generated<string>;
  kind: 'region_year' | 'activity';
  region_code: string;
  region_prefix: string;
  activity_id: string | null;
  insurer: string;
  policy_no: string;
  cover: string;
  limits: string;
  valid_from: DateOnly;
  valid_to: DateOnly;
  created_by: string;
  created_at: GeneratedTimestamp;
  withdrawn_at: NullableTimestamp;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
}

export interface InsuranceTables {
  insurance_policies: InsurancePoliciesTable;
}
