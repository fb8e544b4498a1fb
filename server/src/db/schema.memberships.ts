import type { ColumnType, Generated } from 'kysely';

/** Table types of the memberships module: memberships; see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

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

export interface MembershipTables {
  memberships: MembershipsTable;
}
