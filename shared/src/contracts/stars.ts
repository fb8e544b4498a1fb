import { z } from 'zod';
import { multilineText, pageOf, RegionCode, text } from './common.ts';
import { BADGES } from '../stars/levels.ts';

/**
 * Star certification (星级认证) and honours (评优表彰): the volunteer's progress and applications, the
 * federations' review queue, the public notice with objections, revocation, schemes; honours rounds.
 */
export const StarLevelNo = z.number().int().min(1).max(5);
export const IdParams = z.strictObject({ id: z.uuid() });
export const APPLICATION_STATUSES = ['submitted', 'noticed', 'certified', 'rejected'] as const;

export const StarApplyBody = z.strictObject({ level: StarLevelNo });
export const OrgStarApplyBody = z.strictObject({ volunteerNo: text(1, 32), level: StarLevelNo });

export const StarApplication = z.object({
  id: z.uuid(),
  volunteerNo: z.string(),
  /** Masked unless the caller reviews it. */
  name: z.string(),
  level: z.number().int(),
  status: z.enum(APPLICATION_STATUSES),
  hours: z.number(),
  certifyingRegion: z.string(),
  certifyingRegionName: z.string().nullable(),
  appliedAt: z.string(),
  appliedViaOrg: z.string().nullable(),
  reviewReason: z.string().nullable(),
  noticeFrom: z.string().nullable(),
  noticeUntil: z.string().nullable(),
  certifiedAt: z.string().nullable(),
  openObjections: z.number().int(),
});
export const StarApplicationPage = pageOf(StarApplication);

export const StarRequirement = z.object({
  level: z.number().int(),
  hoursNeeded: z.number(),
  tenureMonths: z.number().int(),
  hoursOk: z.boolean(),
  tenureOk: z.boolean(),
  conditions: z.string().nullable(),
});

export const StarProgress = z.object({
  volunteerNo: z.string(),
  level: z.number().int(),
  hours: z.number(),
  /** The hours that count under the scheme (platform hours only, where the scheme says so). */
  countedHours: z.number(),
  platformOnly: z.boolean(),
  tenureMonths: z.number().int(),
  next: StarRequirement.nullable(),
  /** True when the next level may be applied for now. */
  canApply: z.boolean(),
  barredUntil: z.string().nullable(),
  applications: z.array(StarApplication),
  certifications: z.array(
    z.object({
      id: z.uuid(),
      level: z.number().int(),
      certifiedAt: z.string(),
      revokedAt: z.string().nullable(),
      revokeReason: z.string().nullable(),
    }),
  ),
});

export const StarQueueQuery = z.strictObject({
  region: RegionCode.optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const StarReviewBody = z.strictObject({
  approve: z.boolean(),
  reason: multilineText(1, 500).optional(),
  /** The reviewer checked the scheme's extra conditions (required when the scheme has any). */
  conditionsChecked: z.boolean().optional(),
});

export const StarNotice = z.object({
  id: z.uuid(),
  maskedName: z.string(),
  volunteerNo: z.string(),
  level: z.number().int(),
  hours: z.number(),
  certifyingRegionName: z.string().nullable(),
  noticeFrom: z.string(),
  noticeUntil: z.string(),
});
export const StarNoticeList = z.object({ items: z.array(StarNotice) });

export const ObjectionBody = z.strictObject({ reason: multilineText(5, 1000) });
export const Objection = z.object({
  id: z.uuid(),
  reason: z.string(),
  status: z.enum(['open', 'upheld', 'dismissed']),
  createdAt: z.string(),
  decisionReason: z.string().nullable(),
});
export const ObjectionList = z.object({ items: z.array(Objection) });
export const ObjectionDecideBody = z.strictObject({ upheld: z.boolean(), reason: multilineText(1, 500) });

export const RevokeBody = z.strictObject({ reason: multilineText(1, 500), falsified: z.boolean() });

export const RegionQuery = z.strictObject({ region: RegionCode });
export const StarSchemeBody = z.strictObject({
  thresholds: z.array(z.number().int().min(1).max(100000)).length(5),
  tenureMonths: z.array(z.number().int().min(0).max(600)).length(5),
  platformOnly: z.boolean(),
  banMonths: z.number().int().min(0).max(120),
  noticeWorkingDays: z.number().int().min(5).max(30),
  conditions: multilineText(1, 1000).nullable(),
});
export const StarSchemeView = StarSchemeBody.extend({
  /** The region whose scheme applies (this one, one above it, or null: the default). */
  fromRegion: z.string().nullable(),
});

export const BadgeList = z.object({ items: z.array(z.enum(BADGES)) });

// Honours.
export const HONOUR_KINDS = [
  'five_star_volunteer',
  'hundred_best_volunteers',
  'ten_best_projects',
  'ten_best_teams',
] as const;
/** Kinds whose nominees are organizations (a team, for projects the team that runs it), not volunteers. */
export const ORGANIZATION_HONOUR_KINDS: readonly (typeof HONOUR_KINDS)[number][] = [
  'ten_best_projects',
  'ten_best_teams',
];
/** 十佳: a ten best teams round chooses at most ten. */
export const TEN_BEST_LIMIT = 10;
export const HonourRoundBody = z.strictObject({
  region: RegionCode,
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(HONOUR_KINDS),
  title: text(1, 100),
  quota: z.number().int().min(1).max(1000),
});
export const HonourRound = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  year: z.number().int(),
  kind: z.enum(HONOUR_KINDS),
  title: z.string(),
  quota: z.number().int(),
  status: z.enum(['nominating', 'published']),
  nominations: z.number().int(),
  approved: z.number().int(),
  publishedAt: z.string().nullable(),
});
export const HonourRoundList = z.object({ items: z.array(HonourRound) });
export const HonourRoundQuery = z.strictObject({ region: RegionCode.optional() });
export const NominationBody = z.strictObject({
  orgId: z.uuid(),
  /** A volunteer (volunteer honours) or an organization (projects and teams; never one's own, for teams). */
  volunteerNo: text(1, 32).optional(),
  nomineeOrgId: z.uuid().optional(),
  reason: multilineText(5, 2000),
});
export const Nomination = z.object({
  id: z.uuid(),
  orgName: z.string(),
  nominee: z.string(),
  volunteerNo: z.string().nullable(),
  reason: z.string(),
  status: z.enum(['nominated', 'approved', 'rejected']),
  decisionReason: z.string().nullable(),
});
export const NominationList = z.object({ items: z.array(Nomination) });
/** An organization's view of the rounds it may nominate in (its region's and those above), with its own. */
export const OrgHonoursQuery = z.strictObject({ orgId: z.uuid() });
export const OrgHonourRounds = z.object({
  items: z.array(z.object({ round: HonourRound, mine: z.array(Nomination) })),
});
/** Whom an organization may put forward in a round: its members, or organizations, matching `q`. */
export const NomineeQuery = z.strictObject({ orgId: z.uuid(), q: z.string().trim().max(50).optional() });
export const NomineeList = z.object({
  items: z.array(
    z.object({ volunteerNo: z.string().nullable(), orgId: z.uuid().nullable(), name: z.string() }),
  ),
});
export const NominationDecideBody = z.strictObject({ approve: z.boolean(), reason: multilineText(1, 500) });
export const PublishedHonours = z.object({
  items: z.array(
    z.object({
      roundId: z.uuid(),
      title: z.string(),
      year: z.number().int(),
      kind: z.enum(HONOUR_KINDS),
      regionName: z.string().nullable(),
      honourees: z.array(z.string()),
    }),
  ),
});
