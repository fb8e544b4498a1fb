import { z } from 'zod';
import { SERVICE_CATEGORIES, SERVICE_TARGETS } from '../categories.ts';
import type { Text } from '../i18n.ts';
import { ROUNDING_RULES } from '../records/hours.ts';
import { DateTime, IsoDate, multilineText, pageOf, RegionCode, text } from './common.ts';
import { Phone } from './volunteers.ts';

/** Stored lifecycle plus the two phases read against the clock (published + started / + ended). */
export const ACTIVITY_STATUSES = [
  'draft',
  'published',
  'in_progress',
  'ended',
  'closed',
  'cancelled',
] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const RECRUIT_MODES = ['public', 'teams', 'code'] as const;
export const RISK_LEVELS = ['none', 'low', 'high'] as const;
export const GEOFENCE_MODES = ['off', 'reject', 'review'] as const;

export const SIGNUP_STATUSES = [
  'pending',
  'accepted',
  'waitlisted',
  'rejected',
  'cancelled',
  'no_show',
] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

/** Attendance state of one accepted sign-up on the organizer's board. */
export const BOARD_STATES = ['expected', 'checked_in', 'late', 'absent', 'checked_out'] as const;
export type BoardState = (typeof BOARD_STATES)[number];

/** Check-in opens this many minutes before a shift starts (and closes when it ends). */
export const CHECKIN_OPENS_BEFORE_MINUTES = 60;
/** How a sign-up was cancelled: by the volunteer (late = after the cut-off), with the activity, or its shift. */
export const CANCEL_KINDS = ['volunteer', 'late', 'activity', 'shift_removed'] as const;
/** Minutes after a shift starts before a check-in counts as late (and a missing one as absent). */
export const LATE_GRACE_MINUTES = 15;
/**
 * Late cancellation: a cancellation is late only after the later of the cut-off (the activity's
 * cancelCutoffHours before the shift) and this many minutes after the sign-up became binding (signed up,
 * or promoted from the waitlist). Someone who signs up inside the cut-off thus has this long to change
 * their mind; someone who signed up well before it is late from the cut-off on. Waitlisted: never late.
 */
export const LATE_CANCEL_GRACE_MINUTES = 30;
/**
 * The activity's contact phone is shown in full to a volunteer accepted for one of its shifts from this
 * many hours before that shift starts until it ends (every such view audited); masked to everyone else.
 */
export const CONTACT_PHONE_OPENS_BEFORE_HOURS = 24;
/** The QR code on the organizer's screen changes every step; tokens of the previous and next step pass. */
export const QR_STEP_SECONDS = 30;

export const ACTIVITY_STATUS_NAMES: Record<ActivityStatus, Text> = {
  draft: { 'zh-CN': '草稿', 'zh-HK': '草稿', en: 'Draft' },
  published: { 'zh-CN': '招募中', 'zh-HK': '招募中', en: 'Recruiting' },
  in_progress: { 'zh-CN': '进行中', 'zh-HK': '進行中', en: 'In progress' },
  ended: { 'zh-CN': '已结束', 'zh-HK': '已結束', en: 'Ended' },
  closed: { 'zh-CN': '已结项', 'zh-HK': '已結項', en: 'Closed' },
  cancelled: { 'zh-CN': '已取消', 'zh-HK': '已取消', en: 'Cancelled' },
};

export const SIGNUP_STATUS_NAMES: Record<SignupStatus, Text> = {
  pending: { 'zh-CN': '待审核', 'zh-HK': '待審核', en: 'Pending' },
  accepted: { 'zh-CN': '已录用', 'zh-HK': '已錄用', en: 'Accepted' },
  waitlisted: { 'zh-CN': '候补中', 'zh-HK': '候補中', en: 'Waitlisted' },
  rejected: { 'zh-CN': '未录用', 'zh-HK': '未錄用', en: 'Rejected' },
  cancelled: { 'zh-CN': '已取消', 'zh-HK': '已取消', en: 'Cancelled' },
  no_show: { 'zh-CN': '缺席', 'zh-HK': '缺席', en: 'No-show' },
};

export const RECRUIT_MODE_NAMES: Record<(typeof RECRUIT_MODES)[number], Text> = {
  public: { 'zh-CN': '公开招募', 'zh-HK': '公開招募', en: 'Open to all' },
  teams: { 'zh-CN': '指定团队', 'zh-HK': '指定團隊', en: 'Designated teams only' },
  code: { 'zh-CN': '凭邀请码', 'zh-HK': '憑邀請碼', en: 'With an invitation code' },
};

export const RISK_LEVEL_NAMES: Record<(typeof RISK_LEVELS)[number], Text> = {
  none: { 'zh-CN': '无明显风险', 'zh-HK': '無明顯風險', en: 'No notable risk' },
  low: { 'zh-CN': '低风险', 'zh-HK': '低風險', en: 'Low risk' },
  high: { 'zh-CN': '高风险', 'zh-HK': '高風險', en: 'High risk' },
};

export const BOARD_STATE_NAMES: Record<BoardState, Text> = {
  expected: { 'zh-CN': '待签到', 'zh-HK': '待簽到', en: 'Expected' },
  checked_in: { 'zh-CN': '已签到', 'zh-HK': '已簽到', en: 'Checked in' },
  late: { 'zh-CN': '迟到', 'zh-HK': '遲到', en: 'Late' },
  absent: { 'zh-CN': '缺勤', 'zh-HK': '缺勤', en: 'Absent' },
  checked_out: { 'zh-CN': '已签退', 'zh-HK': '已簽退', en: 'Checked out' },
};

const Title = text(1, 100);
const ShortText = text(1, 100);
const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');
/**
 * Degrees to six decimals (about 0.1 m): more is noise from the device, and a subnormal number such as
 * 2e-323 would not survive the trip through PostgreSQL's float8 input.
 */
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
/** Stored and exchanged in WGS-84, what phones report (shared/src/geo converts what map apps show). */
export const Lat = z.number().min(-90).max(90).transform(round6);
export const Lng = z.number().min(-180).max(180).transform(round6);

export const InsuranceInput = z
  .strictObject({
    policyNo: text(1, 64),
    insurer: ShortText,
    cover: multilineText(1, 200),
    from: IsoDate,
    to: IsoDate,
  })
  .refine((i) => i.from <= i.to, { message: 'from must not be after to', path: ['to'] });

export const GeofenceInput = z.strictObject({
  mode: z.enum(GEOFENCE_MODES),
  radiusM: z.number().int().min(10).max(50000).nullable().optional(),
});

const activityFields = {
  title: Title,
  description: multilineText(1, 5000),
  category: z.enum(SERVICE_CATEGORIES),
  targets: z.array(z.enum(SERVICE_TARGETS)).max(SERVICE_TARGETS.length).default([]),
  regionCode: RegionCode,
  address: text(1, 200),
  lat: Lat.nullable().optional(),
  lng: Lng.nullable().optional(),
  startsAt: DateTime,
  endsAt: DateTime,
  recruitMode: z.enum(RECRUIT_MODES).default('public'),
  designatedOrgs: z.array(z.uuid()).max(50).default([]),
  inviteCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{4,32}$/, '4–32 letters or digits')
    .nullable()
    .optional(),
  contactName: ShortText,
  contactPhone: Phone.nullable().optional(),
  personInCharge: ShortText,
  riskLevel: z.enum(RISK_LEVELS).default('none'),
  physicalRisk: z.boolean().default(false),
  riskText: multilineText(0, 1000).nullable().optional(),
  insurance: InsuranceInput.nullable().optional(),
  geofence: GeofenceInput.default({ mode: 'off' }),
  cancelCutoffHours: z.number().int().min(0).max(720).default(24),
  /** How service hours are computed from check-in and check-out (rounding, declared breaks). */
  hoursRule: z.enum(ROUNDING_RULES).default('exact'),
  breakMinutes: z.number().int().min(0).max(600).default(0),
};

/** A new activity starts as a draft of the organization in the path. */
export const ActivityCreateBody = z.strictObject(activityFields);
/** Fields left out stay as they are; time or place changes after publication notify signed-up volunteers. */
export const ActivityPatchBody = z.strictObject({
  title: activityFields.title.optional(),
  description: activityFields.description.optional(),
  category: activityFields.category.optional(),
  targets: z.array(z.enum(SERVICE_TARGETS)).max(SERVICE_TARGETS.length).optional(),
  regionCode: RegionCode.optional(),
  address: activityFields.address.optional(),
  lat: activityFields.lat,
  lng: activityFields.lng,
  startsAt: DateTime.optional(),
  endsAt: DateTime.optional(),
  recruitMode: z.enum(RECRUIT_MODES).optional(),
  designatedOrgs: z.array(z.uuid()).max(50).optional(),
  inviteCode: activityFields.inviteCode,
  contactName: ShortText.optional(),
  contactPhone: activityFields.contactPhone,
  personInCharge: ShortText.optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  physicalRisk: z.boolean().optional(),
  riskText: activityFields.riskText,
  insurance: activityFields.insurance,
  geofence: GeofenceInput.optional(),
  cancelCutoffHours: z.number().int().min(0).max(720).optional(),
  hoursRule: z.enum(ROUNDING_RULES).optional(),
  breakMinutes: z.number().int().min(0).max(600).optional(),
});

export const ShiftInput = z.strictObject({
  /** Present to keep (and edit) an existing shift; shifts left out of the list are removed. */
  id: z.uuid().optional(),
  startsAt: DateTime,
  endsAt: DateTime,
  quota: z.number().int().min(1).max(100000),
});

export const PositionBody = z.strictObject({
  name: ShortText,
  duties: multilineText(0, 2000).default(''),
  minAge: z.number().int().min(0).max(120).nullable().optional(),
  maxAge: z.number().int().min(0).max(120).nullable().optional(),
  requiredSkills: z.array(text(1, 50)).max(20).default([]),
  requiredQualifications: z.array(text(1, 100)).max(20).default([]),
  /** A qualification type (training catalogue) the volunteer must hold, valid on the shift's date. */
  requiredQualification: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'a qualification type code')
    .nullable()
    .default(null),
  needsApproval: z.boolean().default(false),
  shifts: z.array(ShiftInput).min(1).max(100),
});

export const ActivityParams = z.strictObject({ id: z.uuid() });
export const PositionParams = z.strictObject({ id: z.uuid(), positionId: z.uuid() });
export const ShiftParams = z.strictObject({ id: z.uuid(), shiftId: z.uuid() });
export const CancelBody = z.strictObject({ reason: multilineText(2, 500) });

export const Insurance = z.object({
  policyNo: z.string(),
  insurer: z.string(),
  cover: z.string(),
  from: z.string(),
  to: z.string(),
});

export const ShiftView = z.object({
  id: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
  quota: z.number().int(),
  /** Places held by pending and accepted sign-ups. */
  taken: z.number().int(),
  waitlisted: z.number().int(),
});

export const PositionView = z.object({
  id: z.uuid(),
  name: z.string(),
  duties: z.string(),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  requiredSkills: z.array(z.string()),
  requiredQualifications: z.array(z.string()),
  requiredQualification: z.string().nullable(),
  /** The required qualification's name in each language (the training catalogue's), null when none. */
  requiredQualificationName: z
    .object({ 'zh-CN': z.string(), 'zh-HK': z.string(), en: z.string() })
    .nullable(),
  needsApproval: z.boolean(),
  shifts: z.array(ShiftView),
});

/** The caller's own open sign-ups in this activity (empty when not signed in or not a volunteer). */
export const MySignupRef = z.object({ id: z.uuid(), shiftId: z.uuid(), status: z.enum(SIGNUP_STATUSES) });

export const ActivityDetail = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.enum(SERVICE_CATEGORIES),
  targets: z.array(z.enum(SERVICE_TARGETS)),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  recruitMode: z.enum(RECRUIT_MODES),
  designatedOrgs: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** Only on the organizer's view (GET /api/activities/:id/manage); null elsewhere. */
  inviteCode: z.string().nullable(),
  contactName: z.string(),
  /**
   * Masked (138****5678), except in full to a caller accepted for a shift of the activity from
   * CONTACT_PHONE_OPENS_BEFORE_HOURS before it starts until it ends (then contactPhoneFull is true).
   */
  contactPhone: z.string().nullable(),
  contactPhoneFull: z.boolean(),
  personInCharge: z.string(),
  riskLevel: z.enum(RISK_LEVELS),
  physicalRisk: z.boolean(),
  riskText: z.string().nullable(),
  insurance: Insurance.nullable(),
  geofence: z.object({ mode: z.enum(GEOFENCE_MODES), radiusM: z.number().int().nullable() }),
  cancelCutoffHours: z.number().int(),
  hoursRule: z.enum(ROUNDING_RULES),
  breakMinutes: z.number().int(),
  status: z.enum(ACTIVITY_STATUSES),
  cancelReason: z.string().nullable(),
  publishedAt: z.string().nullable(),
  quota: z.number().int(),
  taken: z.number().int(),
  positions: z.array(PositionView),
  mySignups: z.array(MySignupRef),
});

export const ActivitySummary = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  title: z.string(),
  category: z.enum(SERVICE_CATEGORIES),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  recruitMode: z.enum(RECRUIT_MODES),
  riskLevel: z.enum(RISK_LEVELS),
  quota: z.number().int(),
  taken: z.number().int(),
  /** Kilometres from the searched point, when one was given. */
  distanceKm: z.number().nullable(),
});
export const ActivityPage = pageOf(ActivitySummary);

/** Public search: published activities (upcoming and running unless a date range says otherwise). */
export const ActivitySearchQuery = z
  .strictObject({
    regionCode: RegionCode.optional(),
    category: z.enum(SERVICE_CATEGORIES).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    lat: z.coerce.number().min(-90).max(90).transform(round6).optional(),
    lng: z.coerce.number().min(-180).max(180).transform(round6).optional(),
    radiusKm: z.coerce.number().min(0.1).max(500).transform(round6).optional(),
    q: text(1, 50).optional(),
    openOnly: Bool.optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), {
    message: 'lat and lng go together',
    path: ['lng'],
  })
  .refine((q) => q.radiusKm === undefined || q.lat !== undefined, {
    message: 'radiusKm needs lat and lng',
    path: ['radiusKm'],
  });

/** An organization's own activities, drafts included. */
export const OrgActivityQuery = z.strictObject({
  status: z.enum(ACTIVITY_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ActivityCreated = z.object({ id: z.uuid(), status: z.enum(ACTIVITY_STATUSES) });
export const PositionCreated = z.object({ id: z.uuid() });

// ---- Sign-ups ----

export const SignupBody = z.strictObject({ inviteCode: text(1, 32).optional() });
export const SignupResult = z.object({
  id: z.uuid(),
  status: z.enum(SIGNUP_STATUSES),
  /** 1-based place in the waitlist, when waitlisted. */
  waitlistPosition: z.number().int().nullable(),
});

export const MySignupQuery = z.strictObject({
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const AttendanceBrief = z.object({
  id: z.uuid(),
  checkInAt: z.string(),
  checkOutAt: z.string().nullable(),
  reviewStatus: z.enum(['ok', 'review', 'rejected']),
});

export const MySignupRow = z.object({
  id: z.uuid(),
  status: z.enum(SIGNUP_STATUSES),
  activityId: z.uuid(),
  activityTitle: z.string(),
  activityStatus: z.enum(ACTIVITY_STATUSES),
  orgName: z.string(),
  positionName: z.string(),
  shiftId: z.uuid(),
  shiftStartsAt: z.string(),
  shiftEndsAt: z.string(),
  address: z.string(),
  waitlistPosition: z.number().int().nullable(),
  rejectReason: z.string().nullable(),
  cancelKind: z.enum(CANCEL_KINDS).nullable(),
  /** Cancelling now would be recorded as late (after the cut-off and the grace after signing up). */
  cancelIsLate: z.boolean(),
  attendance: AttendanceBrief.nullable(),
});
export const MySignupPage = pageOf(MySignupRow);
export const MySignupParams = z.strictObject({ id: z.uuid() });
export const CancelSignupResult = z.object({
  id: z.uuid(),
  status: z.enum(SIGNUP_STATUSES),
  late: z.boolean(),
});

export const SignupListQuery = z.strictObject({
  status: z.enum(SIGNUP_STATUSES).optional(),
  shiftId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const SignupRow = z.object({
  id: z.uuid(),
  volunteerId: z.uuid(),
  volunteerNo: z.string(),
  /** Organizers see the names of those who applied; nothing else personal is listed. */
  name: z.string().nullable(),
  age: z.number().int().nullable(),
  status: z.enum(SIGNUP_STATUSES),
  positionId: z.uuid(),
  positionName: z.string(),
  shiftId: z.uuid(),
  shiftStartsAt: z.string(),
  shiftEndsAt: z.string(),
  rejectReason: z.string().nullable(),
  cancelKind: z.enum(CANCEL_KINDS).nullable(),
  createdAt: z.string(),
});
export const SignupPage = pageOf(SignupRow);

export const DecisionBody = z
  .strictObject({
    ids: z.array(z.uuid()).min(1).max(500),
    decision: z.enum(['accept', 'reject']),
    reason: multilineText(2, 500).optional(),
  })
  .refine((b) => b.decision === 'accept' || b.reason !== undefined, {
    message: 'a rejection needs a reason',
    path: ['reason'],
  });
export const DecisionResult = z.object({
  done: z.number().int(),
  /** Sign-ups not changed, with the error code saying why (already decided, shift full …). */
  skipped: z.array(z.object({ id: z.uuid(), code: z.string() })),
});
export const NoShowResult = z.object({ recorded: z.number().int() });
