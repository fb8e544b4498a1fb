import type { z } from 'zod';
import type { AwardBody, RoundBody, RoundEditBody } from '@yiqi/shared/contracts/funding';
import { canMoveRound, type RoundState } from '@yiqi/shared/funding/round-states';
import { isInSubtree, regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, readerOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { proposalViews, roundViews } from './funding.views.ts';
import * as repo from './funding.repository.ts';
import * as prepo from './proposals.repository.ts';

/**
 * Funding rounds (益苗计划), the owner's side: a level body's region admins, or a foundation's admins for a
 * round it funds (funder_org_id), open a round with criteria
 * (weights adding up to 100), tiers (a cap and a count each) and a budget in fen; they move it through
 * draft → open → reviewing → awarded → closed, assign reviewers and award proposals within the budget.
 */

type RoundInput = z.infer<typeof RoundEditBody>;

/** Weights add up to 100, the window ends after it starts, no tier's cap passes the budget. */
function checkRound(b: RoundInput) {
  const weights = b.criteria.reduce((n, c) => n + c.weight, 0);
  const window = new Date(b.closesAt).getTime() - new Date(b.opensAt).getTime();
  if (weights !== 100 || window <= 0 || b.tiers.some((t) => t.capFen > b.budgetFen))
    throw new DomainError('FUNDING_ROUND_INVALID', { weights });
}

async function audit(ctx: Ctx, action: string, round: { id: string; region_code: string }, details = {}) {
  await recordAudit(ctx, {
    action,
    result: 'ok',
    objectType: 'funding_round',
    objectId: round.id,
    regionCode: round.region_code,
    details,
  });
}

/**
 * A foundation funding a round: an approved organization of type foundation, and the round's region its own
 * or one under it (so the region admins above the foundation also supervise the round).
 */
async function checkFunder(ctx: Ctx, funderOrgId: string, regionCode: string) {
  const f = await repo.funderOrg(ctx.db, funderOrgId);
  if (!f || f.org_type !== 'foundation' || f.status !== 'approved')
    throw new DomainError('FUNDING_FUNDER_INVALID');
  const home = await repo.region(ctx.db, f.region_code);
  if (!home || !isInSubtree(regionCode, home.code, home.level as RegionLevel))
    throw new DomainError('FUNDING_FUNDER_INVALID');
}

export async function create(ctx: Ctx, b: z.infer<typeof RoundBody>) {
  checkRound(b);
  const region = await repo.region(ctx.db, b.region);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  if (b.funderOrgId) await checkFunder(ctx, b.funderOrgId, region.code);
  return withTransaction(ctx, async (tx) => {
    const id = await repo.insertRound(tx.db, {
      region_code: region.code,
      region_level: region.level,
      name: b.name,
      year: b.year,
      budget_fen: b.budgetFen,
      opens_at: new Date(b.opensAt),
      closes_at: new Date(b.closesAt),
      created_by: actorOf(ctx).userId,
      funder_org_id: b.funderOrgId ?? null,
    });
    await repo.replaceCriteriaAndTiers(tx.db, id, b.criteria, b.tiers);
    await audit(
      tx,
      'funding.round.create',
      { id, region_code: region.code },
      { budgetFen: b.budgetFen, funder: b.funderOrgId ?? null },
    );
    return { id };
  });
}

async function found(ctx: Ctx, id: string) {
  const r = await repo.roundById(ctx.db, id);
  if (!r) throw new DomainError('FUNDING_ROUND_NOT_FOUND');
  return r;
}

export async function detail(ctx: Ctx, id: string) {
  return (await roundViews(readerOf(ctx), [await found(ctx, id)]))[0]!;
}

/** A draft's settings, criteria and tiers replaced as a whole; an opened round is what applicants saw. */
export async function edit(ctx: Ctx, id: string, b: RoundInput) {
  checkRound(b);
  return withTransaction(ctx, async (tx) => {
    const locked = await repo.lockRound(tx.db, id);
    if (!locked) throw new DomainError('FUNDING_ROUND_NOT_FOUND');
    if (locked.state !== 'draft') throw new DomainError('FUNDING_STATE');
    await repo.updateRound(tx.db, id, {
      name: b.name,
      year: b.year,
      budget_fen: b.budgetFen,
      opens_at: new Date(b.opensAt),
      closes_at: new Date(b.closesAt),
    });
    await repo.replaceCriteriaAndTiers(tx.db, id, b.criteria, b.tiers);
    const r = await found(tx, id);
    await audit(tx, 'funding.round.edit', r, { budgetFen: b.budgetFen });
    return (await roundViews(tx.db, [r]))[0]!;
  });
}

export async function list(ctx: Ctx, region: string | undefined) {
  let prefixes: string[];
  if (region) {
    const r = await repo.region(ctx.db, region);
    if (!r) throw new DomainError('REGION_NOT_FOUND');
    prefixes = [regionPrefix(r.code, r.level as RegionLevel)];
  } else
    prefixes = actorOf(ctx)
      .grants.filter((g) => g.role === 'region_admin' && g.orgId === null)
      .map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel));
  if (prefixes.length === 0) return { items: [] };
  return { items: await roundViews(readerOf(ctx), await repo.roundsUnder(readerOf(ctx), prefixes)) };
}

/** The rounds a foundation funds (its admins' list; the route checks the organization's scope). */
export async function listOfFunder(ctx: Ctx, orgId: string) {
  return { items: await roundViews(readerOf(ctx), await repo.roundsOfFunder(readerOf(ctx), orgId)) };
}

export async function transition(ctx: Ctx, id: string, to: RoundState) {
  return withTransaction(ctx, async (tx) => {
    const locked = await repo.lockRound(tx.db, id);
    if (!locked) throw new DomainError('FUNDING_ROUND_NOT_FOUND');
    if (to === 'draft' || !canMoveRound(locked.state, to))
      throw new DomainError('FUNDING_STATE', { from: locked.state, to });
    await repo.setRoundState(tx.db, id, to);
    const r = await found(tx, id);
    await audit(tx, 'funding.round.state', r, { from: locked.state, to });
    return (await roundViews(tx.db, [r]))[0]!;
  });
}

/** Assigns a reviewer by account name; the round's own creator never reviews it. */
export async function addReviewer(ctx: Ctx, id: string, username: string) {
  return withTransaction(ctx, async (tx) => {
    const r = await found(tx, id);
    if (r.state === 'awarded' || r.state === 'closed') throw new DomainError('FUNDING_STATE');
    const user = await repo.userByUsername(tx.db, username);
    if (!user || user.id === r.created_by || user.id === actorOf(ctx).userId)
      throw new DomainError('FUNDING_REVIEWER_INVALID');
    if (await repo.addReviewer(tx.db, id, user.id, actorOf(ctx).userId))
      await audit(tx, 'funding.reviewer.add', r, { reviewer: user.id });
    return (await roundViews(tx.db, [r]))[0]!;
  });
}

/** The round's proposals (all but drafts), ranked by weighted score, unscored last. */
export async function proposals(ctx: Ctx, id: string) {
  await found(ctx, id);
  const views = await proposalViews(readerOf(ctx), await prepo.proposalsOfRound(readerOf(ctx), id));
  views.sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
  return { items: views };
}

/**
 * Awards a passed proposal to a tier: never one's own organization; the round's budget and the tier's count
 * and cap are held by single-row UPDATEs with CHECKs in the database (concurrent awards queue on the row).
 */
export async function award(ctx: Ctx, proposalId: string, b: z.infer<typeof AwardBody>) {
  const actor = actorOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const p = await prepo.proposalById(tx.db, proposalId, { lock: true });
    if (!p) throw new DomainError('FUNDING_PROPOSAL_NOT_FOUND');
    if (await repo.tied(tx.db, actor.userId, p.org_id)) throw new DomainError('FUNDING_SELF_DECISION');
    if (p.round_state !== 'reviewing' || p.state !== 'passed') throw new DomainError('FUNDING_STATE');
    const tier = (await repo.tiersOf(tx.db, [p.round_id])).find((t) => t.id === b.tierId);
    if (!tier || b.amountFen > Number(tier.cap_fen)) throw new DomainError('FUNDING_TIER_FULL');
    const refused = await repo.award(tx.db, {
      proposal_id: p.id,
      round_id: p.round_id,
      tier_id: tier.id,
      amount_fen: b.amountFen,
      awarded_by: actor.userId,
      awarded_at: ctx.clock(),
    });
    if (refused === 'budget') throw new DomainError('FUNDING_OVER_BUDGET');
    if (refused === 'tier') throw new DomainError('FUNDING_TIER_FULL');
    await recordAudit(tx, {
      action: 'funding.award',
      result: 'ok',
      objectType: 'funding_proposal',
      objectId: p.id,
      regionCode: p.round_region,
      details: { roundId: p.round_id, tierId: tier.id, amountFen: b.amountFen },
    });
    return (await proposalViews(tx.db, [(await prepo.proposalById(tx.db, p.id))!]))[0]!;
  });
}

/** Publishes the round's "ten best projects" (top ten by the yearly evaluation) once it is awarded. */
export async function publishTenBest(ctx: Ctx, id: string) {
  return withTransaction(ctx, async (tx) => {
    const locked = await repo.lockRound(tx.db, id);
    if (!locked) throw new DomainError('FUNDING_ROUND_NOT_FOUND');
    const r = await found(tx, id);
    if ((r.state !== 'awarded' && r.state !== 'closed') || r.ten_best_published_at)
      throw new DomainError('FUNDING_STATE');
    await repo.publishTenBest(tx.db, id, ctx.clock());
    await audit(tx, 'funding.ten_best.publish', r);
    return { ok: true as const };
  });
}

/** The public list: per published round, its ten best projects (titles and organizations, no person). */
export async function tenBest(ctx: Ctx) {
  const rows = (await repo.tenBest(readerOf(ctx))).filter((r) => Number(r.rank) <= 10);
  const items: {
    roundId: string;
    roundName: string;
    year: number;
    regionName: string | null;
    projects: { rank: number; title: string; orgName: string; score: number }[];
  }[] = [];
  for (const r of rows) {
    let round = items.find((i) => i.roundId === r.round_id);
    if (!round) {
      round = {
        roundId: r.round_id,
        roundName: r.round_name,
        year: r.year,
        regionName: r.region_name ?? null,
        projects: [],
      };
      items.push(round);
    }
    round.projects.push({ rank: Number(r.rank), title: r.title, orgName: r.org_name, score: r.score });
  }
  return { items };
}
