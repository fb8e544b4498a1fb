import { z } from 'zod';
import { ORDER_STATES } from '../dispatch/order-states.ts';
import {
  DateTime,
  MobilePhone,
  PageQuery,
  RegionCode,
  Uuid,
  base64,
  multilineText,
  pageOf,
  text,
} from './common.ts';

/**
 * Resident orders and dispatch (issue 13): menus, 点单, 审单/制单, 派单, 接单/抢单, 结项, 评单, counts.
 * Reasons and reports are optional in the schema on purpose: the service refuses a missing one with its own
 * error code (DISPATCH_REASON_REQUIRED, DISPATCH_REPORT_REQUIRED), a clearer message than a schema error.
 */

const Days = z.number().int().min(1).max(30);
/** At most 5 MB a photo, 3 with an order or a report (the web form shrinks phones' photos before upload). */
export const DISPATCH_MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const DISPATCH_MAX_PHOTOS = 3;
const DISPATCH_MAX_PHOTO_BASE64 = Math.ceil((DISPATCH_MAX_PHOTO_BYTES * 4) / 3) + 4;
/** Photos in base64; the type is read from the bytes and metadata removed (server/src/lib/photos.ts). */
const Photos = z
  .array(z.strictObject({ data: base64(4, DISPATCH_MAX_PHOTO_BASE64) }))
  .max(DISPATCH_MAX_PHOTOS)
  .default([]);
/** The request size a route with photos accepts: the photos in base64 and the JSON around them. */
export const DISPATCH_PHOTOS_BODY_LIMIT = DISPATCH_MAX_PHOTOS * DISPATCH_MAX_PHOTO_BASE64 + 64 * 1024;

const Point = { lat: z.number().min(-90).max(90).optional(), lng: z.number().min(-180).max(180).optional() };

export const MenuItemBody = z.strictObject({
  /** The unit (region code of a district centre, street post or community station) publishing it. */
  region: RegionCode,
  category: text(1, 40),
  title: text(1, 80),
  description: multilineText(1, 2000),
  teamIds: z.array(Uuid).max(200).default([]),
  reviewDays: Days.default(1),
  dispatchDays: Days.default(1),
  acceptDays: Days.default(1),
  escalateDays: Days.default(1),
  /** Working days to close the follow-up (回访) an unhappy rating opens. */
  followUpDays: Days.default(1),
});

export const OfferBody = z.strictObject({
  /** The offering team (供单). */
  orgId: Uuid,
  /** The unit it offers the service to (the team's district, street or community). */
  region: RegionCode,
  category: text(1, 40),
  title: text(1, 80),
  description: multilineText(1, 2000),
});

/**
 * 村供单: a village's (community's) station offers a service to a unit above it (its street's post or its
 * district's centre), with the form of a team's offer. `region` is the offering village (the staff acting
 * for it are checked on it), `to` the unit asked; `teamIds` the teams that deliver it (of the village's
 * area or registered above it), possibly none: the station then takes its orders and opens them to grab or
 * names teams later.
 */
export const VillageOfferBody = z.strictObject({
  region: RegionCode,
  to: RegionCode,
  category: text(1, 40),
  title: text(1, 80),
  description: multilineText(1, 2000),
  teamIds: z.array(Uuid).max(20).default([]),
});

/** An item's edit: everything but its unit, replaced as a whole (the form sends what it shows). */
export const MenuItemEditBody = MenuItemBody.omit({ region: true });
/** A unit decides a team's offer; a refusal needs a reason, which the team sees. */
export const OfferDecisionBody = z.strictObject({
  decision: z.enum(['approved', 'refused']),
  reason: text(0, 500).default(''),
});
export const MENU_ITEM_STATUSES = ['approved', 'proposed', 'refused', 'withdrawn'] as const;
/**
 * A unit's items, one page: `scope` unit = the unit's own items; subtree = those of every unit inside it (a
 * centre sees the offers made to its posts and stations too).
 */
export const UnitItemsQuery = PageQuery.extend({
  region: RegionCode,
  status: z.enum(MENU_ITEM_STATUSES).optional(),
  scope: z.enum(['unit', 'subtree']).default('unit'),
});
export const TeamOffersQuery = PageQuery.extend({ orgId: Uuid });
/** A village's offers (村供单): `region` is the village's community. */
export const VillageOffersQuery = PageQuery.extend({ region: RegionCode });
/** The teams a unit may name on its items (and a village on its offer), by name. */
export const EligibleTeamsQuery = PageQuery.extend({ region: RegionCode, q: text(0, 40).default('') });

export const MenuQuery = z.strictObject({ region: RegionCode });
export const UnitQuery = z.strictObject({ region: RegionCode });
export const IdParams = z.strictObject({ id: Uuid });

export const TeamRef = z.object({ id: z.string(), name: z.string() });
/** A unit (centre, post, station) by its region. */
export const UnitRef = z.object({ code: z.string(), level: z.number().int(), name: z.string() });

export const MenuItemView = z.object({
  id: z.string(),
  unitCode: z.string(),
  unitLevel: z.number().int(),
  unitName: z.string(),
  category: z.string(),
  title: z.string(),
  description: z.string(),
  teams: z.array(TeamRef),
  reviewDays: z.number().int(),
  dispatchDays: z.number().int(),
  acceptDays: z.number().int(),
  escalateDays: z.number().int(),
  followUpDays: z.number().int(),
  status: z.string(),
  offeredBy: TeamRef.nullable(),
  /** The village's station that offered it (村供单): its orders are dispatched to that station first. */
  offeredByUnit: UnitRef.nullable(),
  /** Why an offer was refused (shown to the offering team and the unit). */
  decisionReason: z.string().nullable(),
  createdAt: z.string(),
});
export type MenuItemViewT = z.infer<typeof MenuItemView>;
export const MenuView = z.object({ items: z.array(MenuItemView) });
export const MenuItemPage = pageOf(MenuItemView);
/** A team's offers, and the units it may offer to (its community, street and district, where they exist). */
export const TeamOffersView = pageOf(MenuItemView).extend({ units: z.array(UnitRef) });
export type TeamOffersViewT = z.infer<typeof TeamOffersView>;
/** A village's offers and the units it may offer to (its street's post and district's centre): same shape. */
export const VillageOffersView = TeamOffersView;
export type VillageOffersViewT = TeamOffersViewT;
/** An approved team a unit may name, with the region it is registered in. */
export const EligibleTeam = TeamRef.extend({ regionName: z.string() });
export const EligibleTeamPage = pageOf(EligibleTeam);
export type EligibleTeamT = z.infer<typeof EligibleTeam>;

export const OrderBody = z.strictObject({
  itemId: Uuid,
  description: multilineText(1, 1000),
  /** The community (12-digit code, community level) the address is in. */
  region: RegionCode,
  address: text(1, 200),
  ...Point,
  preferredAt: DateTime,
  phone: MobilePhone,
  photos: Photos,
});

/** 代点单: station staff order for a resident without a phone account; consent is noted. */
export const ProxyOrderBody = OrderBody.extend({
  residentName: text(1, 50),
  consentNote: text(0, 200).default(''),
});

export const RejectBody = z.strictObject({ reason: text(0, 500).default('') });
export const NoteBody = z.strictObject({ note: text(0, 500).default('') });
export const MergeBody = z.strictObject({ intoId: Uuid });
export const WorkOrderBody = z.strictObject({
  scope: multilineText(1, 1000),
  skills: z.array(text(1, 40)).max(20).default([]),
  peopleNeeded: z.number().int().min(1).max(1000),
  deadline: DateTime,
});
export const DispatchBody = z.discriminatedUnion('to', [
  z.strictObject({ to: z.literal('unit'), region: RegionCode, note: text(0, 500).default('') }),
  z.strictObject({ to: z.literal('team'), orgId: Uuid, note: text(0, 500).default('') }),
  z.strictObject({ to: z.literal('grab'), note: text(0, 500).default('') }),
]);
export const ClaimBody = z.strictObject({ orgId: Uuid });
export const CompleteBody = z.strictObject({
  report: multilineText(0, 4000).default(''),
  volunteerIds: z.array(Uuid).max(200).default([]),
  minutes: z.number().int().min(1).max(1440).optional(),
  photos: Photos,
});
export const RatingBody = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: multilineText(0, 500).default(''),
});

export const OrdersQuery = PageQuery.extend({
  region: RegionCode.optional(),
  state: z.enum(ORDER_STATES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export const TeamOrdersQuery = PageQuery.extend({ orgId: Uuid });
export const CountsQuery = z.strictObject({
  region: RegionCode,
  from: DateTime,
  to: DateTime,
});

export const HopView = z.object({
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  fromUnit: z.string().nullable(),
  toUnit: z.string().nullable(),
  /** The units' names (the codes above stay for links and tests). */
  fromUnitName: z.string().nullable(),
  toUnitName: z.string().nullable(),
  toTeam: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string(),
  note: z.string().nullable(),
  /** The activity a team opened for the order ('open_activity'), linked from the timeline. */
  activity: z.object({ id: z.string(), title: z.string() }).nullable(),
});

export const OrderView = z.object({
  id: z.string(),
  item: z.object({ id: z.string(), title: z.string(), category: z.string() }),
  state: z.enum(ORDER_STATES),
  description: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  /** The street address, masked (only the serving team sees it in full, through the audited contact). */
  addressMasked: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  phoneMasked: z.string(),
  preferredAt: z.string(),
  proxy: z.boolean(),
  consentNote: z.string().nullable(),
  holder: z.object({ code: z.string(), level: z.number().int(), name: z.string() }),
  team: TeamRef.nullable(),
  scope: z.string().nullable(),
  skills: z.array(z.string()),
  peopleNeeded: z.number().int().nullable(),
  deadline: z.string().nullable(),
  report: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  escalations: z.number().int(),
  followUp: z.string().nullable(),
  mergedInto: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  /** The order's photos (the resident's) and the report's; fetched one by one by id. */
  photos: z.array(z.object({ id: z.string(), kind: z.enum(['order', 'report']) })),
  /** Volunteers named on the order (accepted invitations and the team's members at completion). */
  volunteers: z.number().int(),
  followUpNote: z.string().nullable(),
});
export type OrderViewT = z.infer<typeof OrderView>;
export const PhotoParams = z.strictObject({ id: Uuid, photoId: Uuid });
export const FollowUpCloseBody = z.strictObject({ note: multilineText(0, 1000).default('') });

/** 邀请: a volunteer invited to serve; only they accept or decline (never assigned). */
export const InviteBody = z.strictObject({ volunteerIds: z.array(Uuid).min(1).max(50) });
export const InvitationView = z.object({
  id: z.string(),
  volunteer: z.object({ id: z.string(), volunteerNo: z.string(), name: z.string().nullable() }),
  status: z.enum(['invited', 'accepted', 'declined']),
  declineReason: z.string().nullable(),
  byTeam: z.boolean(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export const InvitationList = z.object({ items: z.array(InvitationView) });
export type InvitationViewT = z.infer<typeof InvitationView>;
/** What the invited volunteer sees: the service, not the resident's contact. */
export const MyInvitationView = z.object({
  id: z.string(),
  status: z.enum(['invited', 'accepted', 'declined']),
  item: z.string(),
  scope: z.string().nullable(),
  regionName: z.string(),
  preferredAt: z.string(),
  deadline: z.string().nullable(),
  team: z.string().nullable(),
  /** The order can still take volunteers (a work order not yet completed or closed). */
  open: z.boolean(),
  declineReason: z.string().nullable(),
  createdAt: z.string(),
});
export type MyInvitationViewT = z.infer<typeof MyInvitationView>;
export const MyInvitations = z.object({ items: z.array(MyInvitationView) });
export const InvitationAnswer = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept') }),
  z.strictObject({ decision: z.literal('decline'), reason: text(0, 200).default('') }),
]);

/** An activity the serving team opened for the order (service through an activity; stored status). */
export const ServiceActivityRef = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  startsAt: z.string(),
  team: TeamRef,
});
export type ServiceActivityRefT = z.infer<typeof ServiceActivityRef>;
/** Opening one takes no input: the draft is filled from the order, the team edits it before publishing. */
export const OpenActivityBody = z.strictObject({});
export const OpenedActivity = z.object({ id: z.string(), status: z.string() });

export const OrderDetail = OrderView.extend({
  timeline: z.array(HopView),
  activities: z.array(ServiceActivityRef),
  /** The item's approved teams: exactly those a directive to a team (or a grab) may reach. */
  itemTeams: z.array(TeamRef),
  /** The village's station that offered the item (村供单), which a directive may reach wherever the
   *  order's community is; null for other items. */
  offeredByUnit: UnitRef.nullable(),
});
export type OrderDetailT = z.infer<typeof OrderDetail>;
export const OrderPage = pageOf(OrderView);

export const ContactView = z.object({
  phone: z.string(),
  address: z.string(),
  residentName: z.string().nullable(),
});

/** What the resident sees: 审核中 → 服务中 → 已完成 or 已拒绝, the reason only to them. */
export const MyOrderView = z.object({
  id: z.string(),
  item: z.object({ id: z.string(), title: z.string(), category: z.string() }),
  status: z.enum(['reviewing', 'serving', 'done', 'refused', 'cancelled', 'merged']),
  description: z.string(),
  regionName: z.string(),
  preferredAt: z.string(),
  createdAt: z.string(),
  rejectReason: z.string().nullable(),
  team: z.string().nullable(),
  report: z.string().nullable(),
  steps: z.array(z.object({ status: z.string(), at: z.string() })),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  /** Until when a rating is accepted (completed orders not yet rated), else null. */
  rateUntil: z.string().nullable(),
});
export type MyOrderViewT = z.infer<typeof MyOrderView>;
export const MyOrders = z.object({ items: z.array(MyOrderView) });

export const StageTime = z.object({
  stage: z.enum(['review', 'dispatch', 'accept', 'service']),
  count: z.number().int(),
  /** Minutes. */
  median: z.number().nullable(),
  p90: z.number().nullable(),
});
/** Satisfaction of one team, menu item or community: ratings of 4–5 ÷ all ratings (orders without a rating
 *  are not counted). */
export const SatisfactionRow = z.object({
  id: z.string(),
  name: z.string(),
  ratings: z.number().int(),
  satisfied: z.number().int(),
  satisfaction: z.number(),
});
export type SatisfactionRowT = z.infer<typeof SatisfactionRow>;

export const CountsView = z.object({
  received: z.number().int(),
  rejected: z.number().int(),
  dispatched: z.number().int(),
  completed: z.number().int(),
  /** completed ÷ (received − rejected − merged − cancelled), null when none. */
  completionRate: z.number().nullable(),
  overdue: z.number().int(),
  ratings: z.number().int(),
  /** ratings of 4–5 ÷ all ratings, null without ratings. */
  satisfaction: z.number().nullable(),
  /** Follow-ups (回访) opened by an unhappy rating, and those closed with a note. */
  followUps: z.number().int(),
  followUpsClosed: z.number().int(),
  stages: z.array(StageTime),
  /** Satisfaction per team that served, per menu item and per community of the orders; most rated first,
   *  at most 50 each. */
  satisfactionBy: z.object({
    team: z.array(SatisfactionRow),
    item: z.array(SatisfactionRow),
    region: z.array(SatisfactionRow),
  }),
});
export type CountsViewT = z.infer<typeof CountsView>;
