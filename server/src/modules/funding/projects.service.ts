import type { z } from 'zod';
import type {
  EvaluationBody,
  MilestoneBody,
  ReportBody,
  ReportDecisionBody,
} from '@yiqi/shared/contracts/funding';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { sniffAttachment } from './attachments.ts';
import * as repo from './funding.repository.ts';
import * as prepo from './proposals.repository.ts';
import { detail } from './proposals.service.ts';

/**
 * Funded projects under supervision: the owner sets milestones (deliverable, due day), the organization
 * reports on each with attachments, the owner accepts or returns each report; after the year the owner
 * evaluates each project once (0–100), which ranks the "ten best projects". Never about one's own team.
 */

async function funded(ctx: Ctx, id: string) {
  const p = await prepo.proposalById(ctx.db, id);
  if (!p) throw new DomainError('FUNDING_PROPOSAL_NOT_FOUND');
  if (p.state !== 'awarded' || p.round_state === 'closed') throw new DomainError('FUNDING_STATE');
  return p;
}

async function notTied(ctx: Ctx, orgId: string) {
  if (await repo.tied(ctx.db, actorOf(ctx).userId, orgId)) throw new DomainError('FUNDING_SELF_DECISION');
}

async function audit(
  ctx: Ctx,
  action: string,
  objectType: string,
  objectId: string,
  region: string,
  details = {},
) {
  await recordAudit(ctx, { action, result: 'ok', objectType, objectId, regionCode: region, details });
}

export async function addMilestone(ctx: Ctx, id: string, b: z.infer<typeof MilestoneBody>) {
  const p = await funded(ctx, id);
  await notTied(ctx, p.org_id);
  return withTransaction(ctx, async (tx) => {
    const mid = await prepo.insertMilestone(tx.db, {
      proposal_id: id,
      title: b.title,
      deliverable: b.deliverable,
      due_on: b.dueOn,
      created_by: actorOf(ctx).userId,
    });
    await audit(tx, 'funding.milestone.add', 'funding_milestone', mid, p.round_region, { proposalId: id });
    return detail(tx, id);
  });
}

export async function report(ctx: Ctx, milestoneId: string, b: z.infer<typeof ReportBody>) {
  const files = b.attachments.map((a) => ({ name: a.name, file: sniffAttachment(a.data) }));
  if (files.some((f) => !f.file)) throw new DomainError('FUNDING_ATTACHMENT_INVALID');
  const m = await prepo.milestoneById(ctx.db, milestoneId);
  if (!m) throw new DomainError('FUNDING_MILESTONE_NOT_FOUND');
  const p = await funded(ctx, m.proposal_id);
  return withTransaction(ctx, async (tx) => {
    const me = actorOf(ctx).userId;
    const rid = await prepo.insertReport(tx.db, {
      milestone_id: m.id,
      text: b.text,
      submitted_by: me,
      created_at: ctx.clock(),
    });
    for (const f of files)
      await prepo.insertAttachment(tx.db, {
        proposal_id: p.id,
        report_id: rid,
        name: f.name,
        mime: f.file!.mime,
        bytes: f.file!.bytes,
        created_by: me,
      });
    await audit(tx, 'funding.report.submit', 'funding_report', rid, p.org_region, {
      milestoneId,
      files: files.length,
    });
    return detail(tx, p.id);
  });
}

export async function decideReport(ctx: Ctx, reportId: string, b: z.infer<typeof ReportDecisionBody>) {
  return withTransaction(ctx, async (tx) => {
    const r = await prepo.reportById(tx.db, reportId);
    if (!r) throw new DomainError('FUNDING_REPORT_NOT_FOUND');
    const p = (await prepo.proposalById(tx.db, r.proposal_id))!;
    if (r.submitted_by === actorOf(ctx).userId) throw new DomainError('FUNDING_SELF_DECISION');
    await notTied(tx, p.org_id);
    if (r.state !== 'submitted') throw new DomainError('FUNDING_STATE');
    await prepo.decideReport(tx.db, reportId, {
      state: b.accept ? 'accepted' : 'returned',
      reason: b.reason || null,
      decided_by: actorOf(ctx).userId,
      decided_at: ctx.clock(),
    });
    await audit(
      tx,
      b.accept ? 'funding.report.accept' : 'funding.report.return',
      'funding_report',
      reportId,
      p.round_region,
      {
        reason: b.reason,
      },
    );
    return detail(tx, p.id);
  });
}

/** The yearly evaluation of a funded project, once, after the round is awarded. */
export async function evaluate(ctx: Ctx, id: string, b: z.infer<typeof EvaluationBody>) {
  const p = await prepo.proposalById(ctx.db, id);
  if (!p) throw new DomainError('FUNDING_PROPOSAL_NOT_FOUND');
  if (p.state !== 'awarded' || (p.round_state !== 'awarded' && p.round_state !== 'closed'))
    throw new DomainError('FUNDING_STATE');
  await notTied(ctx, p.org_id);
  return withTransaction(ctx, async (tx) => {
    const fresh = await prepo.insertEvaluation(tx.db, {
      proposal_id: id,
      score: b.score,
      comment: b.comment,
      evaluated_by: actorOf(ctx).userId,
      evaluated_at: ctx.clock(),
    });
    if (!fresh) throw new DomainError('FUNDING_STATE', { reason: 'already evaluated' });
    await audit(tx, 'funding.evaluate', 'funding_proposal', id, p.round_region, { score: b.score });
    return detail(tx, id);
  });
}
