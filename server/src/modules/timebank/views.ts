import type { Account, Booking, Scheme, Transfer } from '@yiqi/shared/contracts/timebank';
import { iso } from '../../core/dates.ts';
import type { AccountRow } from './timebank.repository.ts';
import type { BookingRow } from './bookings.repository.ts';

/** Rows → the API's shapes (plain JSON: an idempotent replay answers exactly what was sent first). */

export const schemeView = (s: {
  id: string;
  region_code: string;
  name: string;
  minutes_per_point: number;
  spend_threshold_minutes: number;
  balance_cap: number | null;
  expiry_days: number | null;
  updated_at: Date;
}): Scheme => ({
  id: s.id,
  regionCode: s.region_code,
  name: s.name,
  minutesPerPoint: s.minutes_per_point,
  spendThresholdMinutes: s.spend_threshold_minutes,
  balanceCap: s.balance_cap,
  expiryDays: s.expiry_days,
  updatedAt: iso(s.updated_at),
});

export const accountView = (a: AccountRow): Account => ({
  id: a.id,
  schemeId: a.scheme_id,
  regionCode: a.region_code,
  schemeName: a.scheme_name,
  kind: a.kind,
  label: a.label,
  relation: a.relation,
  note: a.note,
  balance: Number(a.balance),
  cap: a.kind === 'volunteer' ? a.balance_cap : null,
});

export const transferView = (t: {
  id: string | number;
  kind: Transfer['kind'];
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  reason: string | null;
  reverses_id: string | number | null;
  at: Date;
}): Transfer => ({
  id: Number(t.id),
  kind: t.kind,
  debitAccountId: t.debit_account_id,
  creditAccountId: t.credit_account_id,
  amount: t.amount,
  reason: t.reason,
  reversesId: t.reverses_id === null ? null : Number(t.reverses_id),
  at: iso(t.at),
});

export const bookingView = (b: BookingRow): Booking => ({
  id: b.id,
  schemeId: b.scheme_id,
  menuItemId: b.menu_item_id,
  service: b.service,
  payerAccountId: b.payer_account_id,
  payerKind: b.payer_kind,
  payerLabel: b.payer_label,
  held: b.held,
  status: b.status,
  settled: b.settled,
  note: b.note,
  deliveryRef: b.delivery_ref,
  orderId: b.order_id,
  createdAt: iso(b.created_at),
  closedAt: b.closed_at ? iso(b.closed_at) : null,
});
