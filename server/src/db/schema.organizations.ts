import type { ColumnType, Generated } from 'kysely';

/** Table types of the organizations module: organizations; see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

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
  /** Migration 202612061811: service point (WGS-84), for dispatch suggestions. */
  service_lat: ColumnType<number | null, number | null | undefined, number | null>;
  service_lng: ColumnType<number | null, number | null | undefined, number | null>;
}

/** Migration 202612061520: change registration (变更登记), reviewed like a registration. */
export interface OrganizationChangesTable {
  id: Generated<string>;
  org_id: string;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  /** Only the fields asked for (OrgChangeFields); `previous` the values they replace. */
  changes: ColumnType<Record<string, string | null>, string, string>;
  previous: ColumnType<Record<string, string | null>, string, string>;
  note: string | null;
  requested_by: string;
  requested_at: GeneratedTimestamp;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  review_reason: string | null;
}

export interface OrganizationTables {
  organizations: OrganizationsTable;
  organization_changes: OrganizationChangesTable;
}
