import { ORGANIZATION_HONOUR_KINDS } from '@yiqi/shared/contracts/stars';
import {
  isInSubtree,
  LEVEL_PREFIX,
  REGION_LEVELS,
  toRegionCode,
  type RegionLevel,
} from '@yiqi/shared/regions';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import * as repo from './honours.repository.ts';
import { nominationView, roundView } from './honours.service.ts';

/**
 * The nominating organization's side of honours rounds (the console's 推荐参评 page): the rounds it may
 * nominate in — its region's and every region's above it — with its own nominations and their outcome, and
 * whom it may put forward. The candidates follow `nominate`'s rules, so the page offers only what the server
 * accepts: active members (volunteer honours), the organization and its teams (projects), other approved
 * organizations of the round's region the caller is not tied to (ten best teams).
 */

async function organizationOrFail(ctx: Ctx, orgId: string) {
  const org = await repo.organization(ctx.db, orgId);
  if (!org) throw new DomainError('NOT_FOUND');
  return org;
}

export async function roundsFor(ctx: Ctx, orgId: string) {
  const org = await organizationOrFail(ctx, orgId);
  // The round's region is one of the organization's region's ancestors (or itself), at its own level.
  const covering = REGION_LEVELS.map((level) => ({
    code: toRegionCode(org.region_code.slice(0, LEVEL_PREFIX[level])),
    level,
  }));
  const rounds = (await repo.roundsCovering(ctx.db, covering)).filter((r) =>
    isInSubtree(org.region_code, r.region_code, r.region_level as RegionLevel),
  );
  const mine = await repo.nominationsBy(
    ctx.db,
    org.id,
    rounds.map((r) => r.id),
  );
  return {
    items: rounds.map((r) => ({
      round: roundView(r),
      mine: mine.filter((n) => n.round_id === r.id).map((n) => nominationView(n, true)),
    })),
  };
}

export async function candidates(ctx: Ctx, roundId: string, orgId: string, q: string | undefined) {
  const round = await repo.roundById(ctx.db, roundId);
  if (!round) throw new DomainError('NOT_FOUND');
  const org = await organizationOrFail(ctx, orgId);
  const search = q?.trim() || undefined;
  if (!ORGANIZATION_HONOUR_KINDS.includes(round.kind)) {
    const rows = await repo.activeMembersUnder(ctx.db, org.id, search);
    return { items: rows.map((v) => ({ volunteerNo: v.volunteer_no, orgId: null, name: v.name ?? '' })) };
  }
  const rows =
    round.kind === 'ten_best_projects'
      ? await repo.organizationAndTeams(ctx.db, org.id, search)
      : await repo.nominableOrganizations(ctx.db, {
          prefix: round.region_code.slice(0, LEVEL_PREFIX[round.region_level as RegionLevel]),
          exclude: org.id,
          userId: actorOf(ctx).userId,
          q: search,
        });
  return { items: rows.map((o) => ({ volunteerNo: null, orgId: o.id, name: o.name })) };
}
