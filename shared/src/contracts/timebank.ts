import { z } from 'zod';
import { DateTime, IsoDate, MobilePhone, RegionCode, Uuid, multilineText, pageOf, text } from './common.ts';

/** Time bank (公益时间银行): schemes, accounts, transfers, bookings, grants, statements. */

export const ACCOUNT_KINDS = [
  'issuance',
  'pool',
  'grant_fund',
  'services',
  'volunteer',
  'team',
  'family',
  'elder',
  'hold',
] as const;
export const TRANSFER_KINDS = [
  'deposit',
  'deposit_reversal',
  'cap_excess',
  'donation',
  'family',
  'hold',
  'settle',
  'release',
  'grant',
  'reversal',
  'expiry',
] as const;
export const FAMILY_RELATIONS = [
  'parent',
  'spouse',
  'child',
  'grandparent',
  'sibling',
  'parent_in_law',
] as const;

const Points = z.number().int().min(1).max(1_000_000);

export const Scheme = z.object({
  id: Uuid,
  regionCode: RegionCode,
  name: z.string(),
  minutesPerPoint: z.number().int(),
  spendThresholdMinutes: z.number().int(),
  balanceCap: z.number().int().nullable(),
  expiryDays: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type Scheme = z.infer<typeof Scheme>;
export const SchemeList = z.object({ items: z.array(Scheme) });

export const SchemeQuery = z.strictObject({ region: RegionCode.optional() });
/** Opens a region's scheme or changes its rules (one scheme per region). */
export const SchemeBody = z.strictObject({
  region: RegionCode,
  name: text(1, 100),
  minutesPerPoint: z.number().int().min(1).max(6000).default(60),
  spendThresholdMinutes: z.number().int().min(0).max(1_000_000).default(6000),
  balanceCap: z.number().int().min(1).max(1_000_000).nullable().default(1500),
  expiryDays: z.number().int().min(1).max(36500).nullable().default(null),
});

export const Account = z.object({
  id: Uuid,
  schemeId: Uuid,
  regionCode: RegionCode,
  schemeName: z.string(),
  kind: z.enum(ACCOUNT_KINDS),
  label: z.string().nullable(),
  relation: z.enum(FAMILY_RELATIONS).nullable(),
  note: z.string().nullable(),
  balance: z.number().int(),
  cap: z.number().int().nullable(),
});
export type Account = z.infer<typeof Account>;

/** The volunteer's own view: their account per scheme, their family accounts, and how far to the threshold. */
export const MyTimebank = z.object({
  accounts: z.array(
    Account.extend({
      confirmedMinutes: z.number().int(),
      spendThresholdMinutes: z.number().int(),
      canSpend: z.boolean(),
      owed: z.number().int(),
    }),
  ),
  family: z.array(Account),
});
export type MyTimebank = z.infer<typeof MyTimebank>;

export const FamilyBody = z.strictObject({
  schemeId: Uuid,
  name: text(1, 100),
  relation: z.enum(FAMILY_RELATIONS),
});

/** A volunteer's transfer: to a registered family member's account, or a donation to the pool. */
export const TransferBody = z.strictObject({
  fromAccountId: Uuid,
  to: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('family'), accountId: Uuid }),
    z.strictObject({ kind: z.literal('pool') }),
  ]),
  amount: Points,
});

export const Transfer = z.object({
  id: z.number().int(),
  kind: z.enum(TRANSFER_KINDS),
  debitAccountId: Uuid,
  creditAccountId: Uuid,
  amount: z.number().int(),
  reason: z.string().nullable(),
  reversesId: z.number().int().nullable(),
  at: z.string(),
});
export type Transfer = z.infer<typeof Transfer>;

export const StatementQuery = z.strictObject({
  accountId: Uuid,
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const AdminStatementQuery = StatementQuery.extend({ region: RegionCode });

export const StatementLine = z.object({
  transferId: z.number().int(),
  at: z.string(),
  kind: z.enum(TRANSFER_KINDS),
  /** + credited to the account, − debited from it. */
  amount: z.number().int(),
  counterpartKind: z.enum(ACCOUNT_KINDS),
  counterpartLabel: z.string().nullable(),
  reason: z.string().nullable(),
  /** The balance after this line, derived from the entries. */
  balance: z.number().int(),
  /** The one service record a deposit or its reversal banked (null for a batch of several, or other kinds). */
  record: z.object({ activityTitle: z.string(), serviceDate: z.string() }).nullable(),
});
export const Statement = z.object({
  account: Account,
  from: z.string().nullable(),
  to: z.string().nullable(),
  opening: z.number().int(),
  closing: z.number().int(),
  credits: z.number().int(),
  debits: z.number().int(),
  /** Balance derived from every entry of the account, and whether the cached balance equals it. */
  derivedBalance: z.number().int(),
  reconciled: z.boolean(),
  lines: pageOf(StatementLine),
});
export type Statement = z.infer<typeof Statement>;

export const MenuItem = z.object({
  id: Uuid,
  schemeId: Uuid,
  name: z.string(),
  points: z.number().int(),
  active: z.boolean(),
  /** The dispatch menu item that delivers it (a booking becomes a dispatch order), if any. */
  dispatchItemId: Uuid.nullable(),
  /** That item: its title and the unit (district, street or community) whose area it serves. */
  dispatchItem: z
    .object({
      id: Uuid,
      title: z.string(),
      unitCode: z.string(),
      unitLevel: z.number().int(),
      unitName: z.string(),
    })
    .nullable(),
});
export type MenuItem = z.infer<typeof MenuItem>;
export const MenuQuery = z.strictObject({ schemeId: Uuid });
export const AdminMenuQuery = z.strictObject({ region: RegionCode });
export const MenuList = z.object({ items: z.array(MenuItem) });
export const MenuBody = z.strictObject({
  region: RegionCode,
  name: text(1, 100),
  points: Points,
  /** An approved item of a dispatch menu inside the scheme's region. */
  dispatchItemId: Uuid.optional(),
});

/** The approved dispatch menu items inside a scheme's region: what a time-bank service may be delivered as. */
export const DispatchChoice = z.object({
  id: Uuid,
  title: z.string(),
  category: z.string(),
  unitCode: z.string(),
  unitLevel: z.number().int(),
  unitName: z.string(),
});
export const DispatchChoices = z.object({ items: z.array(DispatchChoice) });
export type DispatchChoices = z.infer<typeof DispatchChoices>;

/**
 * Where and when a service delivered as a dispatch order is wanted: the order the booking places (a
 * volunteer's booking: the booker is its requester; an administrator's for a priority elder: a proxy
 * order, 代点单). The service's dispatch item comes from the menu.
 */
export const BookingDelivery = z.strictObject({
  /** The community (12-digit code, community level) of the address. */
  region: RegionCode,
  address: text(1, 200),
  phone: MobilePhone,
  preferredAt: DateTime,
  description: multilineText(1, 1000),
});
export const BookingBody = z.strictObject({
  accountId: Uuid,
  menuItemId: Uuid,
  note: text(0, 200).optional(),
  /** A service delivered as a dispatch order: a new order here, or `orderId` of one already placed. */
  delivery: BookingDelivery.optional(),
  orderId: Uuid.optional(),
});
export const Booking = z.object({
  id: Uuid,
  schemeId: Uuid,
  menuItemId: Uuid,
  service: z.string(),
  payerAccountId: Uuid,
  payerKind: z.enum(ACCOUNT_KINDS),
  payerLabel: z.string().nullable(),
  held: z.number().int(),
  status: z.enum(['held', 'settled', 'cancelled']),
  settled: z.number().int().nullable(),
  note: z.string().nullable(),
  deliveryRef: z.string().nullable(),
  /** The dispatch order delivering it: settled when the order completes, released if it does not. */
  orderId: Uuid.nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type Booking = z.infer<typeof Booking>;
export const BookingList = z.object({ items: z.array(Booking) });
export const BookingParams = z.strictObject({ id: Uuid });
export const AdminBookingQuery = z.strictObject({ region: RegionCode });
export const SettleBody = z.strictObject({
  region: RegionCode,
  bookingId: Uuid,
  points: z.number().int().min(0).max(1_000_000),
  deliveryRef: text(1, 100).optional(),
});
/**
 * An administrator books for a priority elder: a service delivered as a dispatch order becomes a proxy
 * order (代点单) placed on the elder's behalf, which needs the elder's consent noted.
 */
export const ElderBookingBody = BookingBody.extend({
  region: RegionCode,
  consentNote: text(0, 200).optional(),
});
export const AdminCancelBody = z.strictObject({ region: RegionCode, bookingId: Uuid });

/** An organization's team account gives points: only to the donation pool (the scheme's rule). */
export const TeamTransferBody = z.strictObject({
  orgId: Uuid,
  schemeId: Uuid,
  to: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('family'), accountId: Uuid }),
    z.strictObject({ kind: z.literal('pool') }),
  ]),
  amount: Points,
});

export const ElderBody = z.strictObject({ region: RegionCode, name: text(1, 100), note: text(1, 200) });
export const AccountsQuery = z.strictObject({
  region: RegionCode,
  kind: z.enum(ACCOUNT_KINDS).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const AccountPage = pageOf(Account);

export const GrantBody = z.strictObject({
  region: RegionCode,
  elderAccountId: Uuid,
  amount: Points,
  reason: text(1, 200),
});
export const GrantDecisionBody = z.strictObject({
  region: RegionCode,
  grantId: Uuid,
  decision: z.enum(['approve', 'refuse']),
  reason: text(0, 200).optional(),
});
export const Grant = z.object({
  id: Uuid,
  elderAccountId: Uuid,
  elderName: z.string().nullable(),
  amount: z.number().int(),
  reason: z.string(),
  status: z.enum(['proposed', 'approved', 'refused']),
  proposedBy: z.string(),
  decidedBy: z.string().nullable(),
  transferId: z.number().int().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** Whether the caller may decide it (proposed, and by someone else). */
  canDecide: z.boolean(),
});
export type Grant = z.infer<typeof Grant>;
export const GrantList = z.object({ items: z.array(Grant) });
export const RegionQuery = z.strictObject({ region: RegionCode });

export const ReverseBody = z.strictObject({
  region: RegionCode,
  transferId: z.number().int().min(1),
  reason: text(1, 200),
});

/** The reconcile check: every cached balance equals its entries, the scheme sums to zero, no negative. */
export const Reconcile = z.object({
  accounts: z.number().int(),
  transfers: z.number().int(),
  mismatched: z.array(z.object({ accountId: Uuid, cached: z.number().int(), derived: z.number().int() })),
  negative: z.number().int(),
  sum: z.number().int(),
  ok: z.boolean(),
});
export type Reconcile = z.infer<typeof Reconcile>;
