import type { z } from 'zod';
import type { MenuItemEditBody, UnitItemsQuery } from '@yiqi/shared/contracts/dispatch';
import { ancestorCodes, regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './dispatch.repository.ts';
import { UNIT_LEVELS, checkTeams, itemColumns, itemView, unitOf, views } from './menu.service.ts';
import * as menuRepo from './menu.repository.ts';

/**
 * Menu management (服务菜单管理) for the console: a unit's own items one page at a time, edits and
 * retirement of its approved items, and a team's view of its offers (供单). Publishing, offering and
 * deciding an offer are in menu.service.
 */

/** A unit's items (any status, or one), of the unit itself or of every unit inside it. */
export async function unitItems(ctx: Ctx, q: z.infer<typeof UnitItemsQuery>) {
  const unit = await unitOf(ctx, q.region);
  const where =
    q.scope === 'unit'
      ? { unit: { code: unit.code, level: unit.level } }
      : { prefix: regionPrefix(unit.code, unit.level as RegionLevel) };
  const { rows, total } = await menuRepo.unitItemsPage(ctx.db, where, q.status, q.page, q.pageSize);
  return { items: await views(ctx, rows), total, page: q.page, pageSize: q.pageSize };
}

/** Only an approved item is edited or retired: a retired one stays as the orders placed knew it. */
async function approvedItem(ctx: Ctx, id: string) {
  const row = await repo.itemById(ctx.db, id);
  if (!row) throw new DomainError('DISPATCH_ITEM_NOT_FOUND');
  if (row.status !== 'approved') throw new DomainError('DISPATCH_ITEM_NOT_ACTIVE');
  return row;
}

export async function editItem(ctx: Ctx, id: string, b: z.infer<typeof MenuItemEditBody>) {
  const before = await approvedItem(ctx, id);
  const teamIds = [...new Set(b.teamIds)];
  await checkTeams(ctx, teamIds, { code: before.unit_code, level: before.unit_level });
  return withTransaction(ctx, async (tx) => {
    const moved = await menuRepo.updateItem(
      tx.db,
      id,
      itemColumns(b, teamIds),
      actorOf(ctx).userId,
      ctx.clock(),
    );
    // Retired between the check and the update.
    if (!moved) throw new DomainError('DISPATCH_ITEM_NOT_ACTIVE');
    await recordAudit(tx, {
      action: 'dispatch.menu_item.edit',
      result: 'ok',
      objectType: 'dispatch_menu_item',
      objectId: id,
      regionCode: before.unit_code,
      // What changed, not the texts themselves (those are on the item).
      details: {
        fields: (
          [
            ['category', before.category !== b.category],
            ['title', before.title !== b.title],
            ['description', before.description !== b.description],
            ['teams', before.team_ids.join() !== teamIds.join()],
            [
              'timers',
              [
                before.review_days,
                before.dispatch_days,
                before.accept_days,
                before.escalate_days,
                before.follow_up_days,
              ].join() !==
                [b.reviewDays, b.dispatchDays, b.acceptDays, b.escalateDays, b.followUpDays].join(),
            ],
          ] as const
        )
          .filter(([, changed]) => changed)
          .map(([f]) => f),
      },
    });
    return itemView(tx, id);
  });
}

/** 下架: off the menu for new orders; orders already placed go on with it. */
export async function retireItem(ctx: Ctx, id: string) {
  const before = await approvedItem(ctx, id);
  return withTransaction(ctx, async (tx) => {
    const moved = await menuRepo.retireItem(tx.db, id, actorOf(ctx).userId, ctx.clock());
    if (!moved) throw new DomainError('DISPATCH_ITEM_NOT_ACTIVE');
    await recordAudit(tx, {
      action: 'dispatch.menu_item.retire',
      result: 'ok',
      objectType: 'dispatch_menu_item',
      objectId: id,
      regionCode: before.unit_code,
    });
    return itemView(tx, id);
  });
}

/** The units a team may offer to: its own community, street and district centre where they exist. */
async function offerUnits(ctx: Ctx, regionCode: string) {
  let unit;
  try {
    unit = await unitOf(ctx, regionCode);
  } catch {
    return []; // A team registered at a city or province has no unit of its own area to offer to.
  }
  const codes = [...ancestorCodes(unit.code, unit.level as RegionLevel), unit.code];
  const rows = (await Promise.all(codes.map((c) => repo.regionsByCode(ctx.db, c)))).flat();
  return rows
    .filter((r) => UNIT_LEVELS.includes(r.level))
    .map((r) => ({ code: r.code, level: r.level, name: r.name }))
    .sort((a, b) => b.level - a.level);
}

/** A team's offers, newest first, with each decision (and a refusal's reason). */
export async function teamOffers(ctx: Ctx, orgId: string, page: number, pageSize: number) {
  const [team] = await repo.organizationNames(ctx.db, [orgId]);
  if (!team) throw new DomainError('DISPATCH_TEAM_NOT_ELIGIBLE');
  const { rows, total } = await menuRepo.offersOf(ctx.db, { org: orgId }, page, pageSize);
  return {
    items: await views(ctx, rows),
    total,
    page,
    pageSize,
    units: await offerUnits(ctx, team.region_code),
  };
}
