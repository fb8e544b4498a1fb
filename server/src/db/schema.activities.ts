import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0007 (activities, sign-ups, attendance, notifications); see schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** tstzrange: written as a literal '[start,end)', read back as text. */
type Range = ColumnType<string, string, string>;
type DateOnly = ColumnType<string | null, string | null | undefined, string | null>;

export type ActivityStatus = 'draft' | 'published' | 'closed' | 'cancelled';
export type SignupStatus = 'pending' | 'accepted' | 'waitlisted' | 'rejected' | 'cancelled' | 'no_show';

export interface ActivitiesTable {
  id: Generated<string>;
  org_id: string;
  title: string;
  description: string;
  category: string;
  targets: Generated<string[]>;
  region_code: string;
  address: string;
  lat: number | null;
  lng: number | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  recruit_mode: Generated<'public' | 'teams' | 'code'>;
  designated_orgs: Generated<string[]>;
  invite_code: string | null;
  contact_name: string;
  contact_phone_enc: string | null;
  person_in_charge: string;
  risk_level: Generated<'none' | 'low' | 'high'>;
  physical_risk: Generated<boolean>;
  risk_text: string | null;
  insurance_policy_no: string | null;
  insurance_insurer: string | null;
  insurance_cover: string | null;
  insurance_from: DateOnly;
  insurance_to: DateOnly;
  geofence_mode: Generated<'off' | 'reject' | 'review'>;
  geofence_radius_m: number | null;
  cancel_cutoff_hours: Generated<number>;
  hours_rule: Generated<string>;
  break_minutes: Generated<number>;
  status: Generated<ActivityStatus>;
  cancel_reason: string | null;
  published_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  created_by: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface PositionsTable {
  id: Generated<string>;
  activity_id: string;
  name: string;
  duties: Generated<string>;
  min_age: number | null;
  max_age: number | null;
  required_skills: Generated<string[]>;
  required_qualifications: Generated<string[]>;
  /** A qualification type the volunteer must hold, valid on the shift's date (modules/training). */
  required_qualification: Generated<string | null>;
  needs_approval: Generated<boolean>;
  sort: Generated<number>;
  removed_at: NullableTimestamp;
}

export interface ShiftsTable {
  id: Generated<string>;
  position_id: string;
  activity_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  quota: number;
  taken: Generated<number>;
  /** Waitlisted sign-ups, kept by the same trigger as `taken`. */
  waitlisted: Generated<number>;
  removed_at: NullableTimestamp;
}

export interface SignupsTable {
  id: Generated<string>;
  seq: Generated<number>;
  shift_id: string;
  position_id: string;
  activity_id: string;
  volunteer_id: string;
  status: SignupStatus;
  shift_range: Range;
  reject_reason: string | null;
  cancel_kind: 'volunteer' | 'late' | 'activity' | 'shift_removed' | null;
  waitlisted_at: NullableTimestamp;
  promoted_at: NullableTimestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
}

export interface AttendancesTable {
  id: Generated<string>;
  signup_id: string;
  shift_id: string;
  activity_id: string;
  volunteer_id: string;
  shift_range: Range;
  check_in_at: Timestamp;
  check_in_method: 'qr' | 'staff';
  check_in_by: string | null;
  check_in_step: number | null;
  check_in_distance_m: number | null;
  check_in_accuracy_m: number | null;
  review_status: Generated<'ok' | 'review' | 'rejected'>;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  check_out_at: NullableTimestamp;
  check_out_method: 'qr' | 'staff' | 'completed' | null;
  check_out_by: string | null;
  check_out_distance_m: number | null;
  created_at: GeneratedTimestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: GeneratedTimestamp;
  read_at: NullableTimestamp;
}

export interface CalendarFeedsTable {
  user_id: string;
  token_hash: Buffer;
  created_at: GeneratedTimestamp;
}

export interface ActivityTables {
  activities: ActivitiesTable;
  positions: PositionsTable;
  shifts: ShiftsTable;
  signups: SignupsTable;
  attendances: AttendancesTable;
  notifications: NotificationsTable;
  calendar_feeds: CalendarFeedsTable;
}
