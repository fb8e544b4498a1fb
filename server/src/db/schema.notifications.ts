import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 202612061845_notifications_delivery (channels, deliveries, attempts); see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type Channel = 'sms' | 'wechat' | 'email';

export interface NotificationPreferencesTable {
  user_id: string;
  channel: Channel;
  enabled: boolean;
  updated_at: GeneratedTimestamp;
}

export interface NotificationDeliveriesTable {
  id: ColumnType<number, never, never>;
  notification_id: string;
  user_id: string;
  channel: Channel;
  status: ColumnType<'queued' | 'sent' | 'failed' | 'skipped', string | undefined, string>;
  attempts: Generated<number>;
  next_attempt_at: GeneratedTimestamp;
  last_error: string | null;
  created_at: GeneratedTimestamp;
  done_at: NullableTimestamp;
}

export interface NotificationAttemptsTable {
  id: ColumnType<number, never, never>;
  delivery_id: number;
  attempt: number;
  at: GeneratedTimestamp;
  ok: boolean;
  error: string | null;
}

export interface ShiftRemindersTable {
  signup_id: string;
  sent_at: GeneratedTimestamp;
}

/** Migration 202612071110_notifications_addresses: the e-mail address and WeChat identity of an account. */
export interface NotificationAddressesTable {
  id: ColumnType<string, string | undefined, never>;
  user_id: string;
  channel: 'wechat' | 'email';
  address_enc: string;
  address_bidx: Buffer;
  verified_at: ColumnType<Date, Date | string, Date | string>;
}

export interface NotificationTables {
  notification_addresses: NotificationAddressesTable;
  notification_preferences: NotificationPreferencesTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_attempts: NotificationAttemptsTable;
  shift_reminders: ShiftRemindersTable;
}
