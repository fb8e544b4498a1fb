import type { ProposalView, RoundView } from '@yiqi/shared/contracts/funding';
import { iso } from '../../core/dates.ts';
import type { Database } from '../../db/database.ts';
import * as repo from './funding.repository.ts';
import * as prepo from './proposals.repository.ts';

/** Rows → API views of rounds and proposals (what each list and detail answers). */

export async function roundViews(db: Database, rows: repo.RoundRow[]): Promise<RoundView[]> {
  const ids = rows.map((r) => r.id);
  const [criteria, tiers, reviewers] = await Promise.all([
    repo.criteriaOf(db, ids),
    repo.tiersOf(db, ids),
    repo.reviewersOf(db, ids),
  ]);
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.region_code,
    regionName: r.region_name ?? null,
    funderName: r.funder_name ?? null,
    name: r.name,
    year: r.year,
    budgetFen: Number(r.budget_fen),
    awardedFen: Number(r.awarded_fen),
    opensAt: iso(r.opens_at)!,
    closesAt: iso(r.closes_at)!,
    state: r.state,
    tenBestPublished: r.ten_best_published_at !== null,
    criteria: criteria
      .filter((c) => c.round_id === r.id)
      .map((c) => ({ id: c.id, name: c.name, weight: c.weight, maxScore: c.max_score })),
    tiers: tiers
      .filter((t) => t.round_id === r.id)
      .map((t) => ({
        id: t.id,
        name: t.name,
        capFen: Number(t.cap_fen),
        count: t.count,
        awarded: t.awarded,
      })),
    reviewers: reviewers
      .filter((v) => v.round_id === r.id)
      .map((v) => ({ userId: v.user_id, name: v.display_name })),
  }));
}

/**
 * The weighted total of one proposal (0–100): each reviewer's Σ score / max × weight, averaged over the
 * reviewers who scored; null before anyone scored.
 */
export function weightedScore(
  scores: { reviewer_id: string; criterion_id: string; score: number }[],
  criteria: { id: string; weight: number; max_score: number }[],
): { score: number | null; scoredBy: number } {
  const byReviewer = new Map<string, number>();
  for (const s of scores) {
    const c = criteria.find((x) => x.id === s.criterion_id);
    if (!c) continue;
    byReviewer.set(s.reviewer_id, (byReviewer.get(s.reviewer_id) ?? 0) + (s.score / c.max_score) * c.weight);
  }
  if (byReviewer.size === 0) return { score: null, scoredBy: 0 };
  const avg = [...byReviewer.values()].reduce((a, b) => a + b, 0) / byReviewer.size;
  return { score: Math.round(avg * 100) / 100, scoredBy: byReviewer.size };
}

export async function proposalViews(db: Database, rows: prepo.ProposalRow[]): Promise<ProposalView[]> {
  const ids = rows.map((p) => p.id);
  const roundIds = [...new Set(rows.map((p) => p.round_id))];
  const [attachments, scores, criteria, awards, milestones, evaluations] = await Promise.all([
    prepo.attachmentsOf(db, ids),
    prepo.scoresOf(db, ids),
    repo.criteriaOf(db, roundIds),
    prepo.awardsOf(db, ids),
    prepo.milestonesOf(db, ids),
    prepo.evaluationsOf(db, ids),
  ]);
  const reports = await prepo.reportsOf(
    db,
    milestones.map((m) => m.id),
  );
  const att = (a: (typeof attachments)[number]) => ({
    id: a.id,
    name: a.name,
    mime: a.mime,
    size: Number(a.size),
  });
  return rows.map((p) => {
    const award = awards.find((a) => a.proposal_id === p.id);
    const evaluation = evaluations.find((e) => e.proposal_id === p.id);
    return {
      id: p.id,
      roundId: p.round_id,
      roundName: p.round_name,
      roundState: p.round_state,
      orgId: p.org_id,
      orgName: p.org_name,
      tierId: p.tier_id,
      tierName: p.tier_name,
      title: p.title,
      summary: p.summary,
      goals: p.goals,
      budgetLines: p.budget_lines,
      budgetFen: Number(p.budget_fen),
      state: p.state,
      reviewReason: p.review_reason,
      submittedAt: iso(p.submitted_at),
      attachments: attachments.filter((a) => a.proposal_id === p.id && a.report_id === null).map(att),
      ...weightedScore(
        scores.filter((s) => s.proposal_id === p.id),
        criteria.filter((c) => c.round_id === p.round_id),
      ),
      award: award
        ? { tierId: award.tier_id, tierName: award.tier_name, amountFen: Number(award.amount_fen) }
        : null,
      milestones: milestones
        .filter((m) => m.proposal_id === p.id)
        .map((m) => ({
          id: m.id,
          title: m.title,
          deliverable: m.deliverable,
          dueOn: m.due_on,
          reports: reports
            .filter((r) => r.milestone_id === m.id)
            .map((r) => ({
              id: r.id,
              text: r.text,
              state: r.state,
              reason: r.reason,
              createdAt: iso(r.created_at)!,
              attachments: attachments.filter((a) => a.report_id === r.id).map(att),
            })),
        })),
      evaluation: evaluation ? { score: evaluation.score, comment: evaluation.comment } : null,
    };
  });
}
