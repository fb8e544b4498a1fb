import { z } from 'zod';
import { base64, IsoDate, DateTime, multilineText, RegionCode, text, Uuid } from './common.ts';
import { PROPOSAL_STATES, ROUND_STATES } from '../funding/round-states.ts';

/**
 * Funding rounds (益苗计划): a level body opens a round with criteria, tiers and a budget; organizations
 * submit proposals; first review, scoring by reviewers, awards within the budget, milestones and reports,
 * a yearly evaluation and the published "ten best projects". Money is in integer fen (分) everywhere.
 */
export const FUNDING_MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const FUNDING_MAX_ATTACHMENT_BASE64 = Math.ceil(FUNDING_MAX_ATTACHMENT_BYTES / 3) * 4;
/** A round's budget bound: 1 billion yuan in fen, far above any real round and inside a JS safe integer. */
export const FUNDING_MAX_FEN = 100_000_000_000;

const Fen = z.number().int().min(1).max(FUNDING_MAX_FEN);
export const IdParams = z.strictObject({ id: Uuid });
export const AttachmentParams = z.strictObject({ id: Uuid, attachmentId: Uuid });
export const Created = z.object({ id: z.uuid() });

export const Criterion = z.strictObject({
  name: text(1, 60),
  /** Percent; a round's weights add up to 100. */
  weight: z.number().int().min(1).max(100),
  maxScore: z.number().int().min(1).max(100),
});
export const Tier = z.strictObject({
  name: text(1, 40),
  capFen: Fen,
  count: z.number().int().min(1).max(1000),
});

export const RoundBody = z.strictObject({
  region: RegionCode,
  name: text(2, 80),
  year: z.number().int().min(2014).max(2100),
  budgetFen: Fen,
  opensAt: DateTime,
  closesAt: DateTime,
  criteria: z.array(Criterion).min(1).max(10),
  tiers: z.array(Tier).min(1).max(6),
  /**
   * A foundation (an approved organization of type foundation) running the round instead of the region's
   * level body; the region must be the foundation's own or under it. Its admins then act as the owner.
   */
  funderOrgId: Uuid.optional(),
});
export const RoundEditBody = RoundBody.omit({ region: true, funderOrgId: true });
export const RoundQuery = z.strictObject({ region: RegionCode.optional() });
export const OrgQuery = z.strictObject({ orgId: Uuid });
export const TransitionBody = z.strictObject({ to: z.enum(ROUND_STATES) });
export const ReviewerBody = z.strictObject({ username: text(1, 64) });

const CriterionView = z.object({ id: z.uuid(), name: z.string(), weight: z.number(), maxScore: z.number() });
const TierView = z.object({
  id: z.uuid(),
  name: z.string(),
  capFen: z.number(),
  count: z.number(),
  awarded: z.number(),
});
export const RoundView = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  /** The foundation running the round (its name: applicants see who funds it); null: the level body. */
  funderName: z.string().nullable(),
  name: z.string(),
  year: z.number(),
  budgetFen: z.number(),
  awardedFen: z.number(),
  opensAt: z.string(),
  closesAt: z.string(),
  state: z.enum(ROUND_STATES),
  tenBestPublished: z.boolean(),
  criteria: z.array(CriterionView),
  tiers: z.array(TierView),
  reviewers: z.array(z.object({ userId: z.uuid(), name: z.string() })),
});
export type RoundView = z.infer<typeof RoundView>;
export const RoundList = z.object({ items: z.array(RoundView) });

export const BudgetLine = z.strictObject({ item: text(1, 80), amountFen: Fen });
export const ProposalBody = z.strictObject({
  roundId: Uuid,
  orgId: Uuid,
  tierId: Uuid,
  title: text(2, 80),
  summary: multilineText(1, 2000),
  goals: multilineText(1, 2000),
  budgetLines: z.array(BudgetLine).min(1).max(50),
});
export const ProposalEditBody = ProposalBody.omit({ roundId: true, orgId: true });
export const AttachmentBody = z.strictObject({
  name: text(1, 120),
  data: base64(4, FUNDING_MAX_ATTACHMENT_BASE64),
});
export const FirstReviewBody = z
  .strictObject({ pass: z.boolean(), reason: multilineText(0, 500).default('') })
  .refine((b) => b.pass || b.reason.length > 0, {
    message: 'a reason is required to return',
    path: ['reason'],
  });
export const DeclarationBody = z.strictObject({
  conflict: z.boolean(),
  note: multilineText(0, 500).default(''),
});
export const ScoresBody = z.strictObject({
  scores: z
    .array(z.strictObject({ criterionId: Uuid, score: z.number().int().min(0).max(100) }))
    .min(1)
    .max(10),
});
export const AwardBody = z.strictObject({ tierId: Uuid, amountFen: Fen });
export const MilestoneBody = z.strictObject({
  title: text(1, 80),
  deliverable: multilineText(1, 500),
  dueOn: IsoDate,
});
export const ReportBody = z.strictObject({
  text: multilineText(1, 2000),
  attachments: z.array(AttachmentBody).max(3).default([]),
});
export const ReportDecisionBody = z
  .strictObject({ accept: z.boolean(), reason: multilineText(0, 500).default('') })
  .refine((b) => b.accept || b.reason.length > 0, {
    message: 'a reason is required to return',
    path: ['reason'],
  });
export const EvaluationBody = z.strictObject({
  score: z.number().int().min(0).max(100),
  comment: multilineText(0, 500).default(''),
});

const AttachmentView = z.object({ id: z.uuid(), name: z.string(), mime: z.string(), size: z.number() });
const ReportView = z.object({
  id: z.uuid(),
  text: z.string(),
  state: z.enum(['submitted', 'accepted', 'returned']),
  reason: z.string().nullable(),
  createdAt: z.string(),
  attachments: z.array(AttachmentView),
});
const MilestoneView = z.object({
  id: z.uuid(),
  title: z.string(),
  deliverable: z.string(),
  dueOn: z.string(),
  reports: z.array(ReportView),
});
export const ProposalView = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  roundName: z.string(),
  roundState: z.enum(ROUND_STATES),
  orgId: z.uuid(),
  orgName: z.string(),
  tierId: z.uuid(),
  tierName: z.string(),
  title: z.string(),
  summary: z.string(),
  goals: z.string(),
  budgetLines: z.array(z.object({ item: z.string(), amountFen: z.number() })),
  budgetFen: z.number(),
  state: z.enum(PROPOSAL_STATES),
  reviewReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  attachments: z.array(AttachmentView),
  /** Weighted total (0–100) over the reviewers who scored, null before any score. */
  score: z.number().nullable(),
  scoredBy: z.number(),
  award: z.object({ tierId: z.uuid(), tierName: z.string(), amountFen: z.number() }).nullable(),
  milestones: z.array(MilestoneView),
  evaluation: z.object({ score: z.number(), comment: z.string() }).nullable(),
});
export type ProposalView = z.infer<typeof ProposalView>;
export const ProposalList = z.object({ items: z.array(ProposalView) });

/** What a reviewer sees: the proposal without review notes, the criteria, and their own declaration and scores. */
export const ReviewItem = z.object({
  proposalId: z.uuid(),
  roundId: z.uuid(),
  roundName: z.string(),
  orgName: z.string(),
  title: z.string(),
  summary: z.string(),
  goals: z.string(),
  budgetFen: z.number(),
  criteria: z.array(CriterionView),
  declaration: z.object({ conflict: z.boolean(), note: z.string() }).nullable(),
  scores: z.array(z.object({ criterionId: z.uuid(), score: z.number() })),
});
export const ReviewList = z.object({ items: z.array(ReviewItem) });

/** The public "ten best projects": project and organization, no person. */
export const TenBest = z.object({
  items: z.array(
    z.object({
      roundId: z.uuid(),
      roundName: z.string(),
      year: z.number(),
      regionName: z.string().nullable(),
      projects: z.array(
        z.object({ rank: z.number(), title: z.string(), orgName: z.string(), score: z.number() }),
      ),
    }),
  ),
});
