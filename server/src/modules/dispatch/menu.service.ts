import type { z } from 'zod';
import type { MenuItemBody, MenuItemViewT, OfferBody } from '@yiqi/shared/contracts/dispatch';
import { ancestorCodes, isInSubtree, regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './dispatch.repository.ts';
import * as menuRepo from './menu.repository.ts';

/**
 * Service menus (服务菜单): a district centre, street post or community station publishes categories and
 * items; a community sees its own items and those of every unit above it. A team's offer (供单) is an item
 * proposed by the team that joins the menu once the unit approves it; a village's offer (村供单) is in
 * village-offers.service.
 */

/** Units are districts (centre), streets (post) and communities (station). */
export const UNIT_LEVELS = [3, 4, 5];

/** The unit a region code names: its deepest entry (a city's district-level twin is the centre). */
export async function unitOf(ctx: Ctx, code: string) {
  const rows = await repo.regionsByCode(ctx.db, code);
  const unit = rows.find((r) => UNIT_LEVELS.includes(r.level));
  if (!unit) throw new DomainError('REGION_NOT_FOUND');
  return unit;
}

async function teamsOf(ctx: Ctx, ids: string[]) {
  const rows = await repo.organizationNames(ctx.db, ids);
  return new Map(rows.map((r) => [r.id, r]));
}

export type ItemRow = NonNullable<Awaited<ReturnType<typeof repo.itemById>>>;
export async function views(ctx: Ctx, rows: ItemRow[]): Promise<MenuItemViewT[]> {
  const teams = await teamsOf(ctx, [
    ...new Set(rows.flatMap((r) => [...r.team_ids, ...(r.offered_by_org ? [r.offered_by_org] : [])])),
  ]);
  const ref = (id: string) => ({ id, name: teams.get(id)?.name ?? '' });
  return rows.map((r) => ({
    id: r.id,
    unitCode: r.unit_code,
    unitLevel: r.unit_level,
    unitName: r.unit_name,
    category: r.category,
    title: r.title,
    description: r.description,
    teams: r.team_ids.map(ref),
    reviewDays: r.review_days,
    dispatchDays: r.dispatch_days,
    acceptDays: r.accept_days,
    escalateDays: r.escalate_days,
    followUpDays: r.follow_up_days,
    status: r.status,
    offeredBy: r.offered_by_org ? ref(r.offered_by_org) : null,
    offeredByUnit:
      r.offered_by_unit_code !== null && r.offered_by_unit_level !== null
        ? {
            code: r.offered_by_unit_code,
            level: r.offered_by_unit_level,
            name: r.offered_by_unit_name ?? '',
          }
        : null,
    decisionReason: r.decision_reason,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** The menu a community sees: its own items and those of its street and district (inherited downwards). */
export async function menuFor(ctx: Ctx, communityCode: string) {
  const unit = await unitOf(ctx, communityCode);
  const codes = [...ancestorCodes(unit.code, unit.level as RegionLevel), unit.code];
  return { items: await views(ctx, await repo.menuOfUnits(ctx.db, codes)) };
}

/** Every item (any status) of the units inside a region: the console's menu page and offers to decide. */
export async function itemsUnder(ctx: Ctx, regionCode: string) {
  const unit = await unitOf(ctx, regionCode);
  const rows = await repo.itemsUnder(ctx.db, regionPrefix(unit.code, unit.level as RegionLevel));
  return { items: await views(ctx, rows) };
}

/**
 * A region of any level as a subtree root (a city has no unit of its own; 东莞市's and 中山市's district-level
 * twin share the city's code, and the shallower entry is the wider subtree).
 */
async function subtreeOf(ctx: Ctx, code: string) {
  const top = (await repo.regionsByCode(ctx.db, code)).at(-1);
  if (!top) throw new DomainError('REGION_NOT_FOUND');
  return { code: top.code, level: top.level as RegionLevel };
}

/** Whether a place lies inside a region of any level. */
export async function isWithin(ctx: Ctx, code: string, regionCode: string) {
  const root = await subtreeOf(ctx, regionCode);
  return isInSubtree(code, root.code, root.level);
}

/** The approved items of every unit inside a region of any level (e.g. what a city's time bank may link). */
export async function approvedItemsWithin(ctx: Ctx, regionCode: string) {
  const root = await subtreeOf(ctx, regionCode);
  const rows = await repo.itemsUnder(ctx.db, regionPrefix(root.code, root.level), 'approved');
  return { items: await views(ctx, rows) };
}

export async function itemView(ctx: Ctx, id: string) {
  const row = await repo.itemById(ctx.db, id);
  if (!row) throw new DomainError('DISPATCH_ITEM_NOT_FOUND');
  return (await views(ctx, [row]))[0]!;
}

/**
 * Whether a team registered at `teamRegion` may deliver a unit's items: registered inside the unit's area
 * or at a region above it (a city-level organization's team serves every district of the city), the pool
 * the suggestions draw teams from too (decision 0032). The console's team picker asks exactly this
 * (`GET /api/dispatch/eligible-teams`, decision 0074).
 */
export function servesUnit(teamRegion: string, unit: { code: string; level: number }) {
  const level = unit.level as RegionLevel;
  return isInSubtree(teamRegion, unit.code, level) || ancestorCodes(unit.code, level).includes(teamRegion);
}

/**
 * Teams named on an item must exist, be approved (else the item would promise what nobody delivers) and
 * serve the unit's area: a directive or a grab reaches only the item's teams, so this is where a team
 * becomes eligible for the unit's orders.
 */
export async function checkTeams(ctx: Ctx, ids: string[], unit: { code: string; level: number }) {
  const teams = await teamsOf(ctx, ids);
  if (ids.some((id) => teams.get(id)?.status !== 'approved'))
    throw new DomainError('DISPATCH_TEAM_NOT_ELIGIBLE');
  if (ids.some((id) => !servesUnit(teams.get(id)!.region_code, unit)))
    throw new DomainError('DISPATCH_TEAM_OUTSIDE_AREA');
}

/** The columns an item's body sets, on adding it and on editing it (menu-manage.service). */
export function itemColumns(b: Omit<z.infer<typeof MenuItemBody>, 'region'>, teamIds: string[]) {
  return {
    category: b.category,
    title: b.title,
    description: b.description,
    team_ids: teamIds,
    review_days: b.reviewDays,
    dispatch_days: b.dispatchDays,
    accept_days: b.acceptDays,
    escalate_days: b.escalateDays,
    follow_up_days: b.followUpDays,
  };
}

export async function addItem(ctx: Ctx, b: z.infer<typeof MenuItemBody>) {
  const unit = await unitOf(ctx, b.region);
  const teamIds = [...new Set(b.teamIds)];
  await checkTeams(ctx, teamIds, unit);
  return withTransaction(ctx, async (tx) => {
    const { id } = await repo.insertMenuItem(tx.db, {
      unit_code: unit.code,
      unit_level: unit.level,
      ...itemColumns(b, teamIds),
      status: 'approved',
      offered_by_org: null,
      created_by: actorOf(ctx).userId,
      // The injected clock (the demo's offers are dated in the past, tests move time).
      created_at: ctx.clock(),
    });
    await recordAudit(tx, {
      action: 'dispatch.menu_item.add',
      result: 'ok',
      objectType: 'dispatch_menu_item',
      objectId: id,
      regionCode: unit.code,
      details: { teams: teamIds.length },
    });
    return itemView(tx, id);
  });
}

/** 供单: a team offers a service to a unit of its own area (its district, street or community). */
export async function offer(ctx: Ctx, b: z.infer<typeof OfferBody>) {
  const unit = await unitOf(ctx, b.region);
  const [team] = await repo.organizationNames(ctx.db, [b.orgId]);
  if (!team || team.status !== 'approved') throw new DomainError('DISPATCH_TEAM_NOT_ELIGIBLE');
  if (!isInSubtree(team.region_code, unit.code, unit.level as RegionLevel))
    throw new DomainError('DISPATCH_OFFER_UNIT');
  return withTransaction(ctx, async (tx) => {
    const { id } = await repo.insertMenuItem(tx.db, {
      unit_code: unit.code,
      unit_level: unit.level,
      category: b.category,
      title: b.title,
      description: b.description,
      team_ids: [b.orgId],
      status: 'proposed',
      offered_by_org: b.orgId,
      created_by: actorOf(ctx).userId,
      // The injected clock (the demo's offers are dated in the past, tests move time).
      created_at: ctx.clock(),
    });
    await recordAudit(tx, {
      action: 'dispatch.offer',
      result: 'ok',
      objectType: 'dispatch_menu_item',
      objectId: id,
      regionCode: unit.code,
      details: { orgId: b.orgId },
    });
    return itemView(tx, id);
  });
}

/**
 * The unit decides an offer, a team's or a village's (村供单): approved, it joins the menu (with the team as
 * its deliverer, or the village's station as where its orders go); refused, the reason is kept for the
 * offerer. Whoever made the offer does not decide it.
 */
export async function decideOffer(
  ctx: Ctx,
  id: string,
  b: { decision: 'approved' | 'refused'; reason: string },
) {
  const reason = b.reason.trim();
  if (b.decision === 'refused' && !reason) throw new DomainError('DISPATCH_REASON_REQUIRED');
  const me = actorOf(ctx).userId;
  const offered = await menuRepo.itemCreator(ctx.db, id);
  if (!offered) throw new DomainError('DISPATCH_ITEM_NOT_FOUND');
  const isOffer = Boolean(offered.offered_by_org ?? offered.offered_by_unit_code);
  if (isOffer && offered.created_by === me) throw new DomainError('DISPATCH_OFFER_SELF');
  return withTransaction(ctx, async (tx) => {
    const moved = await repo.decideItem(
      tx.db,
      id,
      b.decision,
      me,
      ctx.clock(),
      b.decision === 'refused' ? reason : null,
    );
    // Someone decided it first, or it was never an offer waiting for a decision.
    if (!moved) throw new DomainError(isOffer ? 'DISPATCH_OFFER_DECIDED' : 'DISPATCH_STATE');
    const item = await itemView(tx, id);
    await recordAudit(tx, {
      action: `dispatch.offer.${b.decision}`,
      result: 'ok',
      objectType: 'dispatch_menu_item',
      objectId: id,
      regionCode: item.unitCode,
    });
    return item;
  });
}
