import type { z } from 'zod';
import type { EligibleTeamsQuery, VillageOfferBody } from '@yiqi/shared/contracts/dispatch';
import { ancestorCodes, isInSubtree, regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './dispatch.repository.ts';
import { UNIT_LEVELS, checkTeams, itemView, unitOf, views } from './menu.service.ts';
import * as menuRepo from './menu.repository.ts';

/**
 * 村供单 (decision 0074): a village (community) offers a service as a unit. Whoever may act for the village's
 * station (a region admin whose scope holds the community; the route checks it) offers it to the street's
 * post or the district's centre above; the receiving unit decides it like a team's offer (menu.service
 * decideOffer: a reason to refuse, not by whoever offered it, once). Approved, it is an item of the
 * receiving unit's menu, so the whole street or district orders it, and it names the village's station,
 * to which the dispatcher may send its orders wherever the resident lives (orders.service dispatch).
 */

/** The village (community) a request acts for: a community-level unit, else refused. */
async function villageOf(ctx: Ctx, code: string) {
  const unit = await unitOf(ctx, code);
  if (unit.level !== 5) throw new DomainError('DISPATCH_VILLAGE_REQUIRED');
  return unit;
}

/** The units a village may offer to: its street's post and its district's centre, nearest first. */
async function unitsAbove(ctx: Ctx, village: { code: string; level: number }) {
  const codes = ancestorCodes(village.code, village.level as RegionLevel);
  const rows = (await Promise.all(codes.map((c) => repo.regionsByCode(ctx.db, c)))).flat();
  return rows
    .filter((r) => UNIT_LEVELS.includes(r.level) && r.level < village.level)
    .map((r) => ({ code: r.code, level: r.level, name: r.name }))
    .sort((a, b) => b.level - a.level);
}

export async function villageOffer(ctx: Ctx, b: z.infer<typeof VillageOfferBody>) {
  const village = await villageOf(ctx, b.region);
  const to = (await unitsAbove(ctx, village)).find((u) => u.code === b.to);
  if (!to) throw new DomainError('DISPATCH_OFFER_NOT_ABOVE');
  // The teams that deliver it serve the village (its own area or registered above it); being of the
  // village's area they also serve the receiving unit's, so the item stays editable there as it is.
  const teamIds = [...new Set(b.teamIds)];
  await checkTeams(ctx, teamIds, village);
  return withTransaction(ctx, async (tx) => {
    const { id } = await repo.insertMenuItem(tx.db, {
      unit_code: to.code,
      unit_level: to.level,
      category: b.category,
      title: b.title,
      description: b.description,
      team_ids: teamIds,
      status: 'proposed',
      offered_by_org: null,
      offered_by_unit_code: village.code,
      offered_by_unit_level: village.level,
      created_by: actorOf(ctx).userId,
      // The injected clock (the demo's offers are dated in the past, tests move time).
      created_at: ctx.clock(),
    });
    await recordAudit(tx, {
      action: 'dispatch.village_offer',
      result: 'ok',
      objectType: 'dispatch_menu_item',
      objectId: id,
      regionCode: village.code,
      details: { to: to.code, teams: teamIds.length },
    });
    return itemView(tx, id);
  });
}

/** A village's offers, newest first, with each decision (and a refusal's reason), and where it may offer. */
export async function villageOffers(ctx: Ctx, region: string, page: number, pageSize: number) {
  const village = await villageOf(ctx, region);
  const { rows, total } = await menuRepo.offersOf(ctx.db, { unit: village.code }, page, pageSize);
  return { items: await views(ctx, rows), total, page, pageSize, units: await unitsAbove(ctx, village) };
}

/**
 * The teams a unit may name on its items (or a village on its offer): approved, registered in the unit's
 * area or in a region above it — the rule `checkTeams` applies, so the picker offers what is accepted.
 */
export async function eligibleTeams(ctx: Ctx, q: z.infer<typeof EligibleTeamsQuery>) {
  const unit = await unitOf(ctx, q.region);
  const level = unit.level as RegionLevel;
  const { rows, total } = await menuRepo.eligibleTeams(
    ctx.db,
    regionPrefix(unit.code, level),
    ancestorCodes(unit.code, level),
    q.q,
    q.page,
    q.pageSize,
  );
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, regionName: r.region_name })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Whether a unit is the station that offered an order's item (a directive may go there; orders.service). */
export function isOfferingStation(
  item: { offered_by_unit_code: string | null; offered_by_unit_level: number | null },
  unit: { code: string; level: number },
  holder: { code: string; level: number },
) {
  return (
    item.offered_by_unit_code === unit.code &&
    item.offered_by_unit_level === unit.level &&
    unit.level > holder.level &&
    isInSubtree(unit.code, holder.code, holder.level as RegionLevel)
  );
}
