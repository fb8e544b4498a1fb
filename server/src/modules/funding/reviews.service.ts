import type { z } from 'zod';
import type { DeclarationBody, ScoresBody } from '@yiqi/shared/contracts/funding';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './funding.repository.ts';
import * as prepo from './proposals.repository.ts';
import { attachment } from './proposals.service.ts';

/**
 * Scoring by the round's reviewers: proposals passed at the first review, while the round is reviewing.
 * Each reviewer first declares, once per proposal, whether they have a conflict of interest; with one
 * they do not score it. Nobody scores a proposal of an organization they belong to or administer, nor
 * one they wrote, whatever they declared (a database trigger backs the first).
 */

/** The reviewer's queue: what they score, with the criteria and their own declaration and scores. */
export async function queue(ctx: Ctx) {
  const me = actorOf(ctx).userId;
  const rows = await prepo.reviewQueue(ctx.db, me);
  const ids = rows.map((p) => p.id);
  const [criteria, declarations, scores] = await Promise.all([
    repo.criteriaOf(ctx.db, [...new Set(rows.map((p) => p.round_id))]),
    prepo.declarationsOf(ctx.db, ids, me),
    prepo.scoresOf(ctx.db, ids, me),
  ]);
  return {
    items: rows.map((p) => {
      const d = declarations.find((x) => x.proposal_id === p.id);
      return {
        proposalId: p.id,
        roundId: p.round_id,
        roundName: p.round_name,
        orgName: p.org_name,
        title: p.title,
        summary: p.summary,
        goals: p.goals,
        budgetFen: Number(p.budget_fen),
        criteria: criteria
          .filter((c) => c.round_id === p.round_id)
          .map((c) => ({ id: c.id, name: c.name, weight: c.weight, maxScore: c.max_score })),
        declaration: d ? { conflict: d.conflict, note: d.note } : null,
        scores: scores
          .filter((s) => s.proposal_id === p.id)
          .map((s) => ({ criterionId: s.criterion_id, score: s.score })),
      };
    }),
  };
}

/** The proposal, if the caller reviews its round and it is up for scoring; else as if it did not exist. */
async function reviewable(ctx: Ctx, id: string) {
  const p = await prepo.proposalById(ctx.db, id);
  if (!p || !(await repo.isReviewer(ctx.db, p.round_id, actorOf(ctx).userId)))
    throw new DomainError('FUNDING_PROPOSAL_NOT_FOUND');
  return p;
}

async function refuseTied(ctx: Ctx, p: prepo.ProposalRow) {
  const me = actorOf(ctx).userId;
  if (p.created_by === me || (await repo.tied(ctx.db, me, p.org_id)))
    throw new DomainError('FUNDING_CONFLICT');
}

export async function declare(ctx: Ctx, id: string, b: z.infer<typeof DeclarationBody>) {
  const p = await reviewable(ctx, id);
  if (p.round_state !== 'reviewing' || p.state !== 'passed') throw new DomainError('FUNDING_STATE');
  // Declaring no conflict where the platform knows of one is refused; declaring one is always accepted.
  if (!b.conflict) await refuseTied(ctx, p);
  return withTransaction(ctx, async (tx) => {
    const fresh = await prepo.declare(tx.db, {
      proposal_id: id,
      reviewer_id: actorOf(ctx).userId,
      conflict: b.conflict,
      note: b.note,
      declared_at: ctx.clock(),
    });
    if (!fresh) throw new DomainError('FUNDING_STATE', { reason: 'already declared' });
    await recordAudit(tx, {
      action: 'funding.declare',
      result: 'ok',
      objectType: 'funding_proposal',
      objectId: id,
      regionCode: p.round_region,
      details: { conflict: b.conflict },
    });
    return { ok: true as const };
  });
}

/** Scores every criterion once, each within its maximum; final once given. */
export async function score(ctx: Ctx, id: string, b: z.infer<typeof ScoresBody>) {
  const me = actorOf(ctx).userId;
  const p = await reviewable(ctx, id);
  if (p.round_state !== 'reviewing' || p.state !== 'passed') throw new DomainError('FUNDING_STATE');
  await refuseTied(ctx, p);
  const d = (await prepo.declarationsOf(ctx.db, [id], me))[0];
  if (!d) throw new DomainError('FUNDING_DECLARE_FIRST');
  if (d.conflict) throw new DomainError('FUNDING_CONFLICT');
  const criteria = await repo.criteriaOf(ctx.db, [p.round_id]);
  const given = new Map(b.scores.map((s) => [s.criterionId, s.score]));
  if (
    given.size !== b.scores.length ||
    given.size !== criteria.length ||
    criteria.some((c) => !given.has(c.id) || given.get(c.id)! > c.max_score)
  )
    throw new DomainError('FUNDING_SCORE_INVALID');
  if ((await prepo.scoresOf(ctx.db, [id], me)).length > 0) throw new DomainError('FUNDING_STATE');
  return withTransaction(ctx, async (tx) => {
    const at = ctx.clock();
    await prepo.insertScores(
      tx.db,
      criteria.map((c) => ({
        proposal_id: id,
        reviewer_id: me,
        criterion_id: c.id,
        score: given.get(c.id)!,
        scored_at: at,
      })),
    );
    await recordAudit(tx, {
      action: 'funding.score',
      result: 'ok',
      objectType: 'funding_proposal',
      objectId: id,
      regionCode: p.round_region,
      details: { scores: Object.fromEntries(given) },
    });
    return { ok: true as const };
  });
}

export async function reviewerAttachment(ctx: Ctx, id: string, attachmentId: string) {
  await reviewable(ctx, id);
  return attachment(ctx, id, attachmentId);
}
