import type { ColumnType, Generated } from 'kysely';

/** Table types of the roles module: scoped role grants; see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

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

export interface RoleTables {
  role_grants: RoleGrantsTable;
}
