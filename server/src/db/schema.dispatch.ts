import type { ColumnType, Generated } from 'kysely';

/** Table types of the dispatch module (resident orders, issue 13); see schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface DispatchMenuItemsTable {
  id: Generated<string>;
  unit_code: string;
  unit_level: number;
  category: string;
  title: string;
  description: string;
  team_ids: ColumnType<string[], string[] | undefined, string[]>;
  review_days: Generated<number>;
  dispatch_days: Generated<number>;
  accept_days: Generated<number>;
  escalate_days: Generated<number>;
  follow_up_days: Generated<number>;
  status: Generated<'approved' | 'proposed' | 'refused' | 'withdrawn'>;
  offered_by_org: string | null;
  /** The village's (community's) station that offered it (村供单), else null. */
  offered_by_unit_code: ColumnType<string | null, string | null | undefined, string | null>;
  offered_by_unit_level: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_reason: string | null;
  updated_by: string | null;
  updated_at: NullableTimestamp;
}

export interface DispatchOrdersTable {
  id: Generated<string>;
  item_id: string;
  requester_id: string | null;
  proxy_by: string | null;
  proxy_name_enc: string | null;
  consent_note: string | null;
  description: string;
  region_code: string;
  region_level: number;
  address_enc: string;
  lat: number | null;
  lng: number | null;
  preferred_at: Timestamp;
  phone_enc: string;
  phone_mask: string;
  state: Generated<string>;
  version: Generated<number>;
  holder_code: string;
  holder_level: number;
  team_id: string | null;
  scope: string | null;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  people_needed: number | null;
  deadline: NullableTimestamp;
  reject_reason: string | null;
  merged_into: string | null;
  report: string | null;
  volunteer_ids: ColumnType<string[], string[] | undefined, string[]>;
  served_minutes: number | null;
  due_at: NullableTimestamp;
  overdue: Generated<boolean>;
  escalations: Generated<number>;
  follow_up: 'open' | 'closed' | null;
  follow_up_note: ColumnType<string | null, string | null | undefined, string | null>;
  follow_up_by: ColumnType<string | null, string | null | undefined, string | null>;
  follow_up_closed_at: NullableTimestamp;
  created_at: Timestamp;
  reviewed_at: NullableTimestamp;
  dispatched_at: NullableTimestamp;
  accepted_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  closed_at: NullableTimestamp;
}

export interface DispatchHopsTable {
  id: Generated<string>;
  order_id: string;
  action: string;
  from_state: string | null;
  to_state: string;
  from_unit: string | null;
  to_unit: string | null;
  to_team: string | null;
  by_user: string | null;
  at: Timestamp;
  note: string | null;
  /** The activity a team opened for the order ('open_activity' entries). */
  activity_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An activity opened by the serving team for an order (service through an activity). */
export interface DispatchOrderActivitiesTable {
  activity_id: string;
  order_id: string;
  team_id: string;
  created_by: string;
  created_at: Timestamp;
}

export interface DispatchRatingsTable {
  order_id: string;
  user_id: string;
  score: number;
  comment: string | null;
  at: Timestamp;
}

export interface DispatchInvitationsTable {
  id: Generated<string>;
  order_id: string;
  volunteer_id: string;
  invited_by: string;
  via_team: string | null;
  status: Generated<'invited' | 'accepted' | 'declined'>;
  decline_reason: string | null;
  created_at: Timestamp;
  decided_at: NullableTimestamp;
}

export interface DispatchPhotosTable {
  id: Generated<string>;
  order_id: string;
  kind: 'order' | 'report';
  mime: string;
  bytes: Buffer;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface DispatchTables {
  dispatch_invitations: DispatchInvitationsTable;
  dispatch_photos: DispatchPhotosTable;
  dispatch_menu_items: DispatchMenuItemsTable;
  dispatch_orders: DispatchOrdersTable;
  dispatch_hops: DispatchHopsTable;
  dispatch_ratings: DispatchRatingsTable;
  dispatch_order_activities: DispatchOrderActivitiesTable;
}
