import type { z } from 'zod';
import {
  ORGANIZATION_HONOUR_KINDS,
  TEN_BEST_LIMIT,
  type HonourRoundBody,
  type NominationBody,
} from '@yiqi/shared/contracts/stars';
import { maskName } from '@yiqi/shared/identity/mask';
import { regionPrefix, isInSubtree, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { chinaDate, iso } from '../../core/dates.ts';
import { DomainError } from '../../core/domain-error.ts';
import { uniqueViolation } from '../../core/pg-errors.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { addAward } from '../records/person-records.service.ts';
import * as repo from './honours.repository.ts';
import * as stars from './stars.repository.ts';

/**
 * Honours in yearly rounds (五星志愿者, 百优志愿者, 十佳项目, 十佳志愿服务组织): a region's federation opens a
 * round, organizations in the region nominate their members (volunteer honours), their own teams (projects:
 * the team that runs it) or another organization of the region (ten best teams: never their own, nor one
 * the nominating person belongs to or administers), the federation decides each nomination within the
 * quota (never about themselves or an organization they are tied to) and publishes. A published volunteer
 * honour becomes an award record of the nominating organization (records' person records), so it shows
 * with the volunteer's other awards and goes to the national export; a published organization honour
 * becomes an award record of the organization honoured (organization_award_records).
 */

type Round = NonNullable<Awaited<ReturnType<typeof repo.roundById>>>;
export function roundView(r: Round) {
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName: r.region_name,
    year: r.year,
    kind: r.kind,
    title: r.title,
    quota: r.quota,
    status: r.status,
    nominations: Number(r.nominations),
    approved: Number(r.approved),
    publishedAt: iso(r.published_at),
  };
}

export async function openRound(ctx: Ctx, b: z.infer<typeof HonourRoundBody>) {
  if (b.kind === 'ten_best_teams' && b.quota > TEN_BEST_LIMIT)
    throw new DomainError('HONOUR_QUOTA_TOO_LARGE');
  const region = await stars.region(ctx.db, b.region);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  return withTransaction(ctx, async (tx) => {
    let id: string;
    try {
      ({ id } = await repo.insertRound(tx.db, {
        region_code: b.region,
        region_level: region.level,
        year: b.year,
        kind: b.kind,
        title: b.title,
        quota: b.quota,
        created_by: actorOf(ctx).userId,
      }));
    } catch (e) {
      if (uniqueViolation(e)) throw new DomainError('HONOUR_STATE');
      throw e;
    }
    await recordAudit(tx, {
      action: 'honours.round.open',
      result: 'ok',
      objectType: 'honour_round',
      objectId: id,
      regionCode: b.region,
      details: b,
    });
    return { id };
  });
}

/** Rounds in the region named (in scope) or in all the caller's regions. */
export async function rounds(ctx: Ctx, region: string | undefined) {
  let prefixes: string[];
  if (region) {
    const r = await stars.region(ctx.db, region);
    prefixes = r ? [regionPrefix(region, r.level as RegionLevel)] : [];
  } else
    prefixes = actorOf(ctx)
      .grants.filter((g) => g.role === 'region_admin' && g.orgId === null)
      .map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel));
  if (prefixes.length === 0) return { items: [] };
  return { items: (await repo.roundsIn(ctx.db, prefixes)).map(roundView) };
}

export async function nominate(ctx: Ctx, roundId: string, b: z.infer<typeof NominationBody>) {
  return withTransaction(ctx, async (tx) => {
    const round = await repo.roundById(tx.db, roundId);
    if (!round) throw new DomainError('NOT_FOUND');
    if (round.status !== 'nominating') throw new DomainError('HONOUR_STATE');
    const org = await repo.organization(tx.db, b.orgId);
    if (!org || !isInSubtree(org.region_code, round.region_code, round.region_level as RegionLevel))
      throw new DomainError('HONOUR_NOMINEE_INVALID', { reason: 'organization outside the round’s region' });
    let volunteerId: string | null = null;
    let nomineeOrgId: string | null = null;
    if (round.kind === 'ten_best_teams') {
      if (!b.nomineeOrgId || b.volunteerNo) throw new DomainError('HONOUR_NOMINEE_INVALID');
      const team = await repo.organization(tx.db, b.nomineeOrgId);
      if (
        !team ||
        team.status !== 'approved' ||
        !isInSubtree(team.region_code, round.region_code, round.region_level as RegionLevel)
      )
        throw new DomainError('HONOUR_NOMINEE_INVALID', {
          reason: 'not an organization of the round’s region',
        });
      // An organization does not put itself forward, nor does anyone for an organization they are part of.
      if (team.id === org.id || (await repo.tied(tx.db, actorOf(ctx).userId, team.id)))
        throw new DomainError('HONOUR_SELF_NOMINATION');
      nomineeOrgId = team.id;
    } else if (!ORGANIZATION_HONOUR_KINDS.includes(round.kind)) {
      if (!b.volunteerNo || b.nomineeOrgId) throw new DomainError('HONOUR_NOMINEE_INVALID');
      const v = await stars.volunteerByNo(tx.db, b.volunteerNo);
      if (!v || v.status !== 'active' || !(await stars.isMemberUnder(tx.db, org.id, v.id)))
        throw new DomainError('HONOUR_NOMINEE_INVALID', { reason: 'not an active member' });
      volunteerId = v.id;
    } else {
      // Ten best projects: the team that runs the project, the organization itself or one of its teams.
      if (!b.nomineeOrgId || b.volunteerNo) throw new DomainError('HONOUR_NOMINEE_INVALID');
      const team = await repo.organization(tx.db, b.nomineeOrgId);
      if (!team || team.status !== 'approved' || (team.id !== org.id && team.parent_id !== org.id))
        throw new DomainError('HONOUR_NOMINEE_INVALID', { reason: 'not this organization or its team' });
      nomineeOrgId = team.id;
    }
    let id: string;
    try {
      ({ id } = await repo.insertNomination(tx.db, {
        round_id: roundId,
        org_id: org.id,
        volunteer_id: volunteerId,
        nominee_org_id: nomineeOrgId,
        reason: b.reason,
        nominated_by: actorOf(ctx).userId,
      }));
    } catch (e) {
      if (uniqueViolation(e)) throw new DomainError('HONOUR_DUPLICATE');
      throw e;
    }
    await recordAudit(tx, {
      action: 'honours.nominate',
      result: 'ok',
      objectType: 'honour_nomination',
      objectId: id,
      regionCode: org.region_code,
      details: { roundId, orgId: org.id, volunteerId, nomineeOrgId },
    });
    return { id };
  });
}

type NominationRow = Pick<
  Awaited<ReturnType<typeof repo.nominationsOf>>[number],
  | 'id'
  | 'org_name'
  | 'volunteer_id'
  | 'volunteer_name'
  | 'nominee_org_name'
  | 'volunteer_no'
  | 'reason'
  | 'status'
  | 'decision_reason'
>;
export const nominationView = (n: NominationRow, full: boolean) => ({
  id: n.id,
  orgName: n.org_name,
  nominee:
    n.volunteer_id !== null
      ? full
        ? (n.volunteer_name ?? '')
        : maskName(n.volunteer_name ?? '')
      : (n.nominee_org_name ?? ''),
  volunteerNo: n.volunteer_no,
  reason: n.reason,
  status: n.status,
  decisionReason: n.decision_reason,
});

export async function nominations(ctx: Ctx, roundId: string) {
  return { items: (await repo.nominationsOf(ctx.db, roundId)).map((n) => nominationView(n, true)) };
}

export async function decide(ctx: Ctx, id: string, b: { approve: boolean; reason: string }) {
  return withTransaction(ctx, async (tx) => {
    const n = await repo.nominationById(tx.db, id);
    if (!n) throw new DomainError('NOT_FOUND');
    const actor = actorOf(ctx);
    const ownTeam = actor.grants.some(
      (g) => g.orgId !== null && (g.orgId === n.nominee_org_id || g.orgId === n.org_id),
    );
    // An organization's nomination: nor a member of it (or of the nominating one) decides.
    const tied =
      n.nominee_org_id !== null &&
      ((await repo.tied(tx.db, actor.userId, n.nominee_org_id)) ||
        (await repo.tied(tx.db, actor.userId, n.org_id)));
    if ((n.user_id && n.user_id === actor.userId) || ownTeam || tied)
      throw new DomainError('HONOUR_SELF_DECISION');
    // The round's row lock makes concurrent approvals queue, so the quota holds.
    const round = (await repo.roundById(tx.db, n.round_id, { lock: true }))!;
    if (round.status !== 'nominating' || n.status !== 'nominated') throw new DomainError('HONOUR_STATE');
    if (b.approve && Number(round.approved) >= round.quota) throw new DomainError('HONOUR_QUOTA');
    await repo.decideNomination(tx.db, id, {
      status: b.approve ? 'approved' : 'rejected',
      decided_by: actor.userId,
      decided_at: ctx.clock(),
      decision_reason: b.reason,
    });
    await recordAudit(tx, {
      action: b.approve ? 'honours.approve' : 'honours.reject',
      result: 'ok',
      objectType: 'honour_nomination',
      objectId: id,
      regionCode: round.region_code,
      details: { roundId: round.id, reason: b.reason },
    });
    return { ok: true as const };
  });
}

/**
 * Publishes a round: approved volunteer honours become award records of the nominating organization, and
 * approved organization honours award records of the organization honoured.
 */
export async function publish(ctx: Ctx, roundId: string) {
  return withTransaction(ctx, async (tx) => {
    const round = await repo.roundById(tx.db, roundId, { lock: true });
    if (!round) throw new DomainError('NOT_FOUND');
    if (round.status !== 'nominating') throw new DomainError('HONOUR_STATE');
    const now = ctx.clock();
    await repo.markPublished(tx.db, roundId, actorOf(ctx).userId, now);
    let awards = 0;
    const name = `${round.year} ${round.title}`.slice(0, 100);
    const grantor = (round.region_name ?? round.region_code).slice(0, 100);
    for (const n of await repo.nominationsOf(tx.db, roundId, 'approved')) {
      if (n.nominee_org_id) {
        await repo.insertOrganizationAward(tx.db, {
          org_id: n.nominee_org_id,
          nomination_id: n.id,
          name,
          award_date: chinaDate(now),
          grantor,
          created_by: actorOf(ctx).userId,
        });
        awards++;
        continue;
      }
      if (!n.volunteer_no) continue;
      const { id } = await addAward(tx, n.org_id, {
        volunteerNo: n.volunteer_no,
        name,
        date: chinaDate(now),
        grantor,
        grantType: 'government',
      });
      await repo.linkAward(tx.db, n.id, id);
      awards++;
    }
    await recordAudit(tx, {
      action: 'honours.publish',
      result: 'ok',
      objectType: 'honour_round',
      objectId: roundId,
      regionCode: round.region_code,
      details: { awards },
    });
    return { ok: true as const };
  });
}

/** Published rounds and their honourees (volunteers' names masked: the page is public). */
export async function published(ctx: Ctx) {
  const rounds = await repo.publishedRounds(ctx.db);
  const items = [];
  for (const r of rounds) {
    const ns = await repo.nominationsOf(ctx.db, r.id, 'approved');
    items.push({
      roundId: r.id,
      title: r.title,
      year: r.year,
      kind: r.kind,
      regionName: r.region_name,
      honourees: ns.map((n) => nominationView(n, false).nominee),
    });
  }
  return { items };
}
