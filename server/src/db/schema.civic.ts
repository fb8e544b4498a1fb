import type { ColumnType, Generated } from 'kysely';

/** Table types of the civic migration (modules/civic); see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface CivicRoutesTable {
  id: Generated<string>;
  region_code: string;
  category: string;
  unit_org_id: string;
  deadline_days: number;
  created_at: GeneratedTimestamp;
}

export interface CivicCasesTable {
  id: Generated<string>;
  reporter_id: string;
  anonymous: boolean;
  category: string;
  description: string;
  region_code: string;
  lat: number;
  lng: number;
  unit_org_id: string | null;
  status: Generated<'routed' | 'handled' | 'rectified'>;
  round: Generated<number>;
  /** Working days each round gets (the routing rule's, kept so a reopened round gets the same). */
  deadline_days: number;
  due_at: Timestamp;
  overdue: Generated<boolean>;
  ever_overdue: Generated<boolean>;
  handling_note: string | null;
  handled_by: string | null;
  handled_at: NullableTimestamp;
  rating: number | null;
  rating_comment: string | null;
  rated_by: string | null;
  closed_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface CivicPhotosTable {
  id: Generated<string>;
  case_id: string;
  kind: 'near' | 'far' | 'proof';
  round: number;
  mime: string;
  bytes: Buffer;
  created_at: GeneratedTimestamp;
}

export interface CivicPointsTable {
  case_id: string;
  user_id: string;
  points: number;
  created_at: Timestamp;
}

export interface CivicTables {
  civic_routes: CivicRoutesTable;
  civic_cases: CivicCasesTable;
  civic_photos: CivicPhotosTable;
  civic_points: CivicPointsTable;
}
