import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AttachmentBody,
  AttachmentParams,
  AwardBody,
  Created,
  DeclarationBody,
  EvaluationBody,
  FirstReviewBody,
  FUNDING_MAX_ATTACHMENT_BASE64,
  IdParams,
  MilestoneBody,
  OrgQuery,
  ProposalBody,
  ProposalEditBody,
  ProposalList,
  ProposalView,
  ReportBody,
  ReportDecisionBody,
  ReviewerBody,
  ReviewList,
  RoundBody,
  RoundEditBody,
  RoundList,
  RoundQuery,
  RoundView,
  ScoresBody,
  TenBest,
  TransitionBody,
} from '@yiqi/shared/contracts/funding';
import { OkSchema } from '@yiqi/shared/contracts/common';
import { staff, type Access } from '../../http/access.ts';
import { checkScopeBeforeBody } from '../../http/authorization.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as projects from './projects.service.ts';
import * as proposals from './proposals.service.ts';
import * as reviews from './reviews.service.ts';
import * as rounds from './rounds.service.ts';

const tags = ['funding'];
/**
 * The owner of a round: the region admins over its region, and for a round a foundation funds, that
 * foundation's admins (the targets name the foundation then).
 */
const OWNERS = ['region_admin', 'org_admin'] as const;
const OWNER = staff(OWNERS, targets.fundingRoundById);
const OWNER_OF_PROPOSAL = staff(OWNERS, targets.fundingProposalRoundById);
/** The applying organization's admins. */
const APPLICANT = staff(['org_admin'], targets.fundingProposalById);
/** Reviewers are any account the owner assigned; the service checks the assignment. */
const REVIEWER: Access = { kind: 'user' };
const JSON_AROUND = 64 * 1024;

function sendFile(reply: FastifyReply, a: { name: string; mime: string; bytes: Buffer }) {
  return reply
    .headers({
      'content-type': a.mime,
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(a.name)}`,
      'cache-control': 'private, no-store',
    })
    .send(a.bytes as never);
}

export function registerFundingRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // The owner: rounds, first review, reviewers, awards, milestones, report decisions, evaluations.
  r.post('/api/funding/rounds', {
    schema: {
      tags,
      summary:
        'Create a funding round (draft) in a region, run by its level body or a foundation (funderOrgId)',
      body: RoundBody,
      response: { 200: Created },
    },
    config: { access: staff(OWNERS, targets.fundingOwnerInBody) },
    handler: (req) => rounds.create(ctxOf(req), req.body),
  });
  r.get('/api/funding/rounds', {
    schema: {
      tags,
      summary: 'Funding rounds in a region or the caller’s regions',
      querystring: RoundQuery,
      response: { 200: RoundList },
    },
    config: { access: staff(['region_admin'], targets.regionInQuery) },
    handler: (req) => rounds.list(ctxOf(req), req.query.region),
  });
  r.get('/api/funding/funder-rounds', {
    schema: {
      tags,
      summary: 'The rounds a foundation funds',
      querystring: OrgQuery,
      response: { 200: RoundList },
    },
    config: { access: staff(OWNERS, targets.organizationInQuery) },
    handler: (req) => rounds.listOfFunder(ctxOf(req), req.query.orgId),
  });
  r.get('/api/funding/rounds/:id', {
    schema: { tags, summary: 'A funding round', params: IdParams, response: { 200: RoundView } },
    config: { access: OWNER },
    handler: (req) => rounds.detail(ctxOf(req), req.params.id),
  });
  r.put('/api/funding/rounds/:id', {
    schema: {
      tags,
      summary: 'Edit a draft round',
      params: IdParams,
      body: RoundEditBody,
      response: { 200: RoundView },
    },
    config: { access: OWNER },
    handler: (req) => rounds.edit(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/funding/rounds/:id/state', {
    schema: {
      tags,
      summary: 'Move a round one step: open, reviewing, awarded, closed',
      params: IdParams,
      body: TransitionBody,
      response: { 200: RoundView },
    },
    config: { access: OWNER },
    handler: (req) => rounds.transition(ctxOf(req), req.params.id, req.body.to),
  });
  r.post('/api/funding/rounds/:id/reviewers', {
    schema: {
      tags,
      summary: 'Assign a reviewer by account name',
      params: IdParams,
      body: ReviewerBody,
      response: { 200: RoundView },
    },
    config: { access: OWNER },
    handler: (req) => rounds.addReviewer(ctxOf(req), req.params.id, req.body.username),
  });
  r.get('/api/funding/rounds/:id/proposals', {
    schema: {
      tags,
      summary: 'A round’s proposals, ranked by weighted score',
      params: IdParams,
      response: { 200: ProposalList },
    },
    config: { access: OWNER },
    handler: (req) => rounds.proposals(ctxOf(req), req.params.id),
  });
  r.post('/api/funding/rounds/:id/ten-best', {
    schema: {
      tags,
      summary: 'Publish the round’s ten best projects',
      params: IdParams,
      response: { 200: OkSchema },
    },
    config: { access: OWNER },
    handler: (req) => rounds.publishTenBest(ctxOf(req), req.params.id),
  });
  r.post('/api/funding/proposals/:id/first-review', {
    schema: {
      tags,
      summary: 'First review (形式审查): pass, or return with a reason',
      params: IdParams,
      body: FirstReviewBody,
      response: { 200: ProposalView },
    },
    config: { access: OWNER_OF_PROPOSAL },
    handler: (req) => proposals.firstReview(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/funding/proposals/:id/award', {
    schema: {
      tags,
      summary: 'Award a passed proposal to a tier, within the budget',
      params: IdParams,
      body: AwardBody,
      response: { 200: ProposalView },
    },
    config: { access: OWNER_OF_PROPOSAL },
    handler: (req) => rounds.award(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/funding/proposals/:id/milestones', {
    schema: {
      tags,
      summary: 'Add a milestone to a funded project',
      params: IdParams,
      body: MilestoneBody,
      response: { 200: ProposalView },
    },
    config: { access: OWNER_OF_PROPOSAL },
    handler: (req) => projects.addMilestone(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/funding/proposals/:id/evaluation', {
    schema: {
      tags,
      summary: 'The yearly evaluation of a funded project (0–100)',
      params: IdParams,
      body: EvaluationBody,
      response: { 200: ProposalView },
    },
    config: { access: OWNER_OF_PROPOSAL },
    handler: (req) => projects.evaluate(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/funding/reports/:id/decision', {
    schema: {
      tags,
      summary: 'Accept or return a milestone report',
      params: IdParams,
      body: ReportDecisionBody,
      response: { 200: ProposalView },
    },
    config: { access: staff(OWNERS, targets.fundingReportById) },
    handler: (req) => projects.decideReport(ctxOf(req), req.params.id, req.body),
  });

  // The applying organization.
  r.get('/api/funding/open-rounds', {
    schema: {
      tags,
      summary: 'Open rounds an organization may apply to',
      querystring: OrgQuery,
      response: { 200: RoundList },
    },
    config: { access: staff(['org_admin'], targets.organizationInQuery) },
    handler: (req) => proposals.openRounds(ctxOf(req), req.query.orgId),
  });
  r.get('/api/funding/proposals', {
    schema: {
      tags,
      summary: 'An organization’s proposals',
      querystring: OrgQuery,
      response: { 200: ProposalList },
    },
    config: { access: staff(['org_admin'], targets.organizationInQuery) },
    handler: (req) => proposals.mine(ctxOf(req), req.query.orgId),
  });
  r.post('/api/funding/proposals', {
    schema: {
      tags,
      summary: 'Write a proposal (draft) for an open round',
      body: ProposalBody,
      response: { 200: Created },
    },
    config: { access: staff(['org_admin'], targets.organizationInBody) },
    handler: (req) => proposals.create(ctxOf(req), req.body),
  });
  r.get('/api/funding/proposals/:id', {
    schema: {
      tags,
      summary: 'A proposal with its award, milestones and reports',
      params: IdParams,
      response: { 200: ProposalView },
    },
    config: { access: APPLICANT },
    handler: (req) => proposals.detail(ctxOf(req), req.params.id),
  });
  r.put('/api/funding/proposals/:id', {
    schema: {
      tags,
      summary: 'Edit a draft or returned proposal',
      params: IdParams,
      body: ProposalEditBody,
      response: { 200: ProposalView },
    },
    config: { access: APPLICANT },
    handler: (req) => proposals.edit(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/funding/proposals/:id/submit', {
    schema: {
      tags,
      summary: 'Submit a proposal within the window',
      params: IdParams,
      response: { 200: ProposalView },
    },
    config: { access: APPLICANT },
    handler: (req) => proposals.submit(ctxOf(req), req.params.id),
  });
  r.post('/api/funding/proposals/:id/withdraw', {
    schema: {
      tags,
      summary: 'Withdraw a proposal before it passes',
      params: IdParams,
      response: { 200: ProposalView },
    },
    config: { access: APPLICANT },
    handler: (req) => proposals.withdraw(ctxOf(req), req.params.id),
  });
  r.post('/api/funding/proposals/:id/attachments', {
    schema: {
      tags,
      summary: 'Attach a PDF or image (type read from the bytes)',
      params: IdParams,
      body: AttachmentBody,
      response: { 200: Created },
    },
    config: { access: APPLICANT },
    bodyLimit: FUNDING_MAX_ATTACHMENT_BASE64 + JSON_AROUND,
    preParsing: checkScopeBeforeBody,
    handler: (req) => proposals.addAttachment(ctxOf(req), req.params.id, req.body),
  });
  r.get('/api/funding/proposals/:id/attachments/:attachmentId', {
    schema: {
      tags,
      summary: 'An attachment of a proposal or its reports',
      params: AttachmentParams,
      response: { 200: z.any() },
    },
    config: { access: staff(['org_admin', 'region_admin'], targets.fundingProposalById) },
    handler: async (req, reply) =>
      sendFile(reply, await proposals.attachment(ctxOf(req), req.params.id, req.params.attachmentId)),
  });
  r.post('/api/funding/milestones/:id/reports', {
    schema: {
      tags,
      summary: 'Report on a milestone, with up to three attachments',
      params: IdParams,
      body: ReportBody,
      response: { 200: ProposalView },
    },
    config: { access: staff(['org_admin'], targets.fundingMilestoneById) },
    bodyLimit: 3 * FUNDING_MAX_ATTACHMENT_BASE64 + JSON_AROUND,
    preParsing: checkScopeBeforeBody,
    handler: (req) => projects.report(ctxOf(req), req.params.id, req.body),
  });

  // Reviewers.
  r.get('/api/me/funding/reviews', {
    schema: { tags, summary: 'Proposals the caller reviews', response: { 200: ReviewList } },
    config: { access: REVIEWER },
    handler: (req) => reviews.queue(ctxOf(req)),
  });
  r.post('/api/me/funding/reviews/:id/declaration', {
    schema: {
      tags,
      summary: 'Declare a conflict of interest, or none, before scoring',
      params: IdParams,
      body: DeclarationBody,
      response: { 200: OkSchema },
    },
    config: { access: REVIEWER },
    handler: (req) => reviews.declare(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/me/funding/reviews/:id/scores', {
    schema: {
      tags,
      summary: 'Score every criterion of a proposal',
      params: IdParams,
      body: ScoresBody,
      response: { 200: OkSchema },
    },
    config: { access: REVIEWER },
    handler: (req) => reviews.score(ctxOf(req), req.params.id, req.body),
  });
  r.get('/api/me/funding/reviews/:id/attachments/:attachmentId', {
    schema: {
      tags,
      summary: 'An attachment of a proposal under review',
      params: AttachmentParams,
      response: { 200: z.any() },
    },
    config: { access: REVIEWER },
    handler: async (req, reply) =>
      sendFile(reply, await reviews.reviewerAttachment(ctxOf(req), req.params.id, req.params.attachmentId)),
  });

  // The public.
  r.get('/api/funding/ten-best', {
    schema: {
      tags,
      summary: 'Published "ten best projects" (projects and organizations only)',
      response: { 200: TenBest },
    },
    config: { access: { kind: 'public' } },
    handler: (req) => rounds.tenBest(ctxOf(req)),
  });
}
