import type { ColumnType, Generated } from 'kysely';

/** Table types of the time bank migration (modules/timebank); see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** bigint columns come back as text from pg and as number from PGlite: read them through Number(). */
type BigIntCol = ColumnType<string | number, never, never>;

export type TimebankAccountKind =
  'issuance' | 'pool' | 'grant_fund' | 'services' | 'volunteer' | 'team' | 'family' | 'elder' | 'hold';
export type TimebankTransferKind =
  | 'deposit'
  | 'deposit_reversal'
  | 'cap_excess'
  | 'donation'
  | 'family'
  | 'hold'
  | 'settle'
  | 'release'
  | 'grant'
  | 'reversal'
  | 'expiry';
export type FamilyRelation = 'parent' | 'spouse' | 'child' | 'grandparent' | 'sibling' | 'parent_in_law';

export interface TimebankSchemesTable {
  id: Generated<string>;
  region_code: string;
  name: string;
  minutes_per_point: Generated<number>;
  spend_threshold_minutes: Generated<number>;
  balance_cap: ColumnType<number | null, number | null | undefined, number | null>;
  expiry_days: number | null;
  updated_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface TimebankAccountsTable {
  id: Generated<string>;
  scheme_id: string;
  kind: TimebankAccountKind;
  volunteer_id: string | null;
  org_id: string | null;
  label: string | null;
  relation: FamilyRelation | null;
  note: string | null;
  balance: BigIntCol;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface TimebankTransfersTable {
  id: ColumnType<string | number, never, never>;
  scheme_id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  kind: TimebankTransferKind;
  reason: string | null;
  actor_id: string | null;
  approver_id: string | null;
  reverses_id: ColumnType<string | number | null, number | null | undefined, never>;
  record_id: string | null;
  booking_id: string | null;
  at: ColumnType<Date, Date | string, never>;
}

export interface TimebankDepositsTable {
  record_id: string;
  event_kind: 'confirmed' | 'corrected' | 'superseded';
  scheme_id: string;
  volunteer_id: string;
  minutes: number;
  at: ColumnType<Date, Date | string, never>;
}

export interface TimebankVolunteerStateTable {
  scheme_id: string;
  volunteer_id: string;
  minutes: Generated<number>;
  points: Generated<number>;
  owed: Generated<number>;
}

export interface TimebankMenuTable {
  id: Generated<string>;
  scheme_id: string;
  name: string;
  points: number;
  active: Generated<boolean>;
  dispatch_item_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export type BookingStatus = 'held' | 'settled' | 'cancelled';

export interface TimebankBookingsTable {
  id: Generated<string>;
  scheme_id: string;
  menu_item_id: string;
  payer_account_id: string;
  hold_account_id: string;
  held: number;
  status: Generated<BookingStatus>;
  settled: number | null;
  note: string | null;
  delivery_ref: string | null;
  order_id: ColumnType<string | null, string | null | undefined, string | null>;
  booked_by: string;
  closed_by: string | null;
  created_at: ColumnType<Date, Date | string, never>;
  closed_at: NullableTimestamp;
}

export type GrantStatus = 'proposed' | 'approved' | 'refused';

export interface TimebankGrantsTable {
  id: Generated<string>;
  scheme_id: string;
  elder_account_id: string;
  amount: number;
  reason: string;
  status: Generated<GrantStatus>;
  proposed_by: string;
  decided_by: string | null;
  decision_reason: string | null;
  transfer_id: ColumnType<string | number | null, never, number | null>;
  created_at: ColumnType<Date, Date | string, never>;
  decided_at: NullableTimestamp;
}

export interface TimebankIdempotencyTable {
  user_id: string;
  key: string;
  request_hash: string;
  /** Written as JSON text, read as the parsed value. */
  response: ColumnType<unknown, string | null | undefined, string>;
  /** A 4xx refusal (code and details) the first request got, answered again on a replay. */
  error: ColumnType<unknown, string | null | undefined, string>;
  created_at: GeneratedTimestamp;
}

export interface TimebankTables {
  timebank_schemes: TimebankSchemesTable;
  timebank_accounts: TimebankAccountsTable;
  timebank_transfers: TimebankTransfersTable;
  timebank_deposits: TimebankDepositsTable;
  timebank_volunteer_state: TimebankVolunteerStateTable;
  timebank_menu: TimebankMenuTable;
  timebank_bookings: TimebankBookingsTable;
  timebank_grants: TimebankGrantsTable;
  timebank_idempotency: TimebankIdempotencyTable;
}
