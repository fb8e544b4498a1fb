import type { z } from 'zod';
import type {
  AttachmentBody,
  FirstReviewBody,
  ProposalBody,
  ProposalEditBody,
} from '@yiqi/shared/contracts/funding';
import { proposalNext, type ProposalAction } from '@yiqi/shared/funding/round-states';
import { ancestorCodes, isInSubtree, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, readerOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { sniffAttachment } from './attachments.ts';
import { proposalViews, roundViews } from './funding.views.ts';
import * as repo from './funding.repository.ts';
import * as prepo from './proposals.repository.ts';

/**
 * Proposals, the organization's side: its admins write one for an open round of a region containing the
 * organization (budget lines whose total stays within the chosen tier's cap, attachments), edit it until
 * submitted, submit it within the window, withdraw it; the round's owner passes or returns it (形式审查).
 */

export const MAX_ATTACHMENTS = 10;

async function organization(ctx: Ctx, orgId: string) {
  const org = await prepo.organization(ctx.db, orgId);
  if (!org || org.status !== 'approved') throw new DomainError('NOT_FOUND');
  return org;
}

/** Open rounds the organization may apply to (rounds of its region or a region above it, not its own). */
export async function openRounds(ctx: Ctx, orgId: string) {
  const org = await organization(ctx, orgId);
  const level = (await repo.region(ctx.db, org.region_code))?.level ?? 5;
  const ancestors = [org.region_code, ...ancestorCodes(org.region_code, level as RegionLevel)];
  const rows = (await repo.openRoundsOver(readerOf(ctx), ancestors)).filter(
    (r) => r.funder_org_id !== org.id,
  );
  return { items: await roundViews(readerOf(ctx), rows) };
}

/** The lines' total, refused past the tier's cap (or a tier not of the round). */
async function budgetOf(ctx: Ctx, roundId: string, b: z.infer<typeof ProposalEditBody>) {
  const tier = (await repo.tiersOf(ctx.db, [roundId])).find((t) => t.id === b.tierId);
  if (!tier) throw new DomainError('INVALID_VALUE', { field: 'tierId' });
  const total = b.budgetLines.reduce((n, l) => n + l.amountFen, 0);
  if (total > Number(tier.cap_fen))
    throw new DomainError('FUNDING_OVER_TIER_CAP', { total, cap: Number(tier.cap_fen) });
  return total;
}

function inWindow(ctx: Ctx, r: { state: string; opens_at: Date; closes_at: Date }) {
  const now = ctx.clock().getTime();
  if (r.state !== 'open') throw new DomainError('FUNDING_STATE');
  if (now < r.opens_at.getTime() || now >= r.closes_at.getTime())
    throw new DomainError('FUNDING_WINDOW_CLOSED');
}

async function audit(ctx: Ctx, action: string, p: { id: string; org_region: string }, details = {}) {
  await recordAudit(ctx, {
    action,
    result: 'ok',
    objectType: 'funding_proposal',
    objectId: p.id,
    regionCode: p.org_region,
    details,
  });
}

export async function create(ctx: Ctx, b: z.infer<typeof ProposalBody>) {
  const org = await organization(ctx, b.orgId);
  const round = await repo.roundById(ctx.db, b.roundId);
  if (!round) throw new DomainError('FUNDING_ROUND_NOT_FOUND');
  if (!isInSubtree(org.region_code, round.region_code, round.region_level as RegionLevel))
    throw new DomainError('FUNDING_OUT_OF_REGION');
  // A foundation never funds itself (the trigger funding_not_own_round holds it for any writer).
  if (round.funder_org_id === org.id) throw new DomainError('FUNDING_OWN_ROUND');
  inWindow(ctx, round);
  const total = await budgetOf(ctx, round.id, b);
  return withTransaction(ctx, async (tx) => {
    const id = await prepo.insertProposal(tx.db, {
      round_id: round.id,
      org_id: org.id,
      tier_id: b.tierId,
      title: b.title,
      summary: b.summary,
      goals: b.goals,
      budget_lines: b.budgetLines,
      budget_fen: total,
      created_by: actorOf(ctx).userId,
    });
    await audit(
      tx,
      'funding.proposal.create',
      { id, org_region: org.region_code },
      { roundId: round.id, budgetFen: total },
    );
    return { id };
  });
}

export async function mine(ctx: Ctx, orgId: string) {
  return { items: await proposalViews(readerOf(ctx), await prepo.proposalsOfOrg(readerOf(ctx), orgId)) };
}

export async function detail(ctx: Ctx, id: string) {
  const p = await prepo.proposalById(ctx.db, id);
  if (!p) throw new DomainError('FUNDING_PROPOSAL_NOT_FOUND');
  return (await proposalViews(ctx.db, [p]))[0]!;
}

/** Applies an action of the proposal table to a locked proposal, or refuses it (FUNDING_STATE). */
async function locked(ctx: Ctx, id: string, action: ProposalAction) {
  const p = await prepo.proposalById(ctx.db, id, { lock: true });
  if (!p) throw new DomainError('FUNDING_PROPOSAL_NOT_FOUND');
  const next = proposalNext(p.state, action);
  if (!next) throw new DomainError('FUNDING_STATE', { state: p.state, action });
  return { p, next };
}

export async function edit(ctx: Ctx, id: string, b: z.infer<typeof ProposalEditBody>) {
  return withTransaction(ctx, async (tx) => {
    const { p } = await locked(tx, id, 'edit');
    const round = (await repo.roundById(tx.db, p.round_id))!;
    inWindow(ctx, round);
    const total = await budgetOf(tx, p.round_id, b);
    await prepo.updateProposal(tx.db, id, {
      tier_id: b.tierId,
      title: b.title,
      summary: b.summary,
      goals: b.goals,
      budget_lines: b.budgetLines,
      budget_fen: total,
    });
    await audit(tx, 'funding.proposal.edit', p, { budgetFen: total });
    return detail(tx, id);
  });
}

export async function submit(ctx: Ctx, id: string) {
  return withTransaction(ctx, async (tx) => {
    const { p } = await locked(tx, id, 'submit');
    inWindow(ctx, (await repo.roundById(tx.db, p.round_id))!);
    await prepo.setProposalState(tx.db, id, { state: 'submitted', submitted_at: ctx.clock() });
    await audit(tx, 'funding.proposal.submit', p);
    return detail(tx, id);
  });
}

export async function withdraw(ctx: Ctx, id: string) {
  return withTransaction(ctx, async (tx) => {
    const { p } = await locked(tx, id, 'withdraw');
    await prepo.setProposalState(tx.db, id, { state: 'withdrawn' });
    await audit(tx, 'funding.proposal.withdraw', p, { from: p.state });
    return detail(tx, id);
  });
}

/** The owner's first review: pass, or return with a reason (the organization edits and submits again). */
export async function firstReview(ctx: Ctx, id: string, b: z.infer<typeof FirstReviewBody>) {
  const actor = actorOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const { p } = await locked(tx, id, b.pass ? 'pass' : 'return');
    if (await repo.tied(tx.db, actor.userId, p.org_id)) throw new DomainError('FUNDING_SELF_DECISION');
    if (p.round_state !== 'open' && p.round_state !== 'reviewing') throw new DomainError('FUNDING_STATE');
    await prepo.setProposalState(tx.db, id, {
      state: b.pass ? 'passed' : 'returned',
      review_reason: b.reason || null,
      reviewed_by: actor.userId,
    });
    await audit(tx, b.pass ? 'funding.proposal.pass' : 'funding.proposal.return', p, { reason: b.reason });
    return detail(tx, id);
  });
}

/** Adds a file to a proposal still being written (or returned); the type comes from its bytes. */
export async function addAttachment(ctx: Ctx, id: string, b: z.infer<typeof AttachmentBody>) {
  const file = sniffAttachment(b.data);
  if (!file) throw new DomainError('FUNDING_ATTACHMENT_INVALID');
  return withTransaction(ctx, async (tx) => {
    const { p } = await locked(tx, id, 'edit');
    if ((await prepo.countAttachments(tx.db, id, null)) >= MAX_ATTACHMENTS)
      throw new DomainError('FUNDING_TOO_MANY_ATTACHMENTS');
    const attachmentId = await prepo.insertAttachment(tx.db, {
      proposal_id: id,
      report_id: null,
      name: b.name,
      mime: file.mime,
      bytes: file.bytes,
      created_by: actorOf(ctx).userId,
    });
    await audit(tx, 'funding.attachment.add', p, { attachmentId, mime: file.mime, size: file.bytes.length });
    return { id: attachmentId };
  });
}

export async function attachment(ctx: Ctx, id: string, attachmentId: string) {
  const a = await prepo.attachment(ctx.db, id, attachmentId);
  if (!a) throw new DomainError('NOT_FOUND');
  return a;
}
