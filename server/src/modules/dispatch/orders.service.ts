import type { z } from 'zod';
import type { Updateable } from 'kysely';
import type {
  DispatchBody,
  MergeBody,
  OrderBody,
  OrdersQuery,
  ProxyOrderBody,
  WorkOrderBody,
} from '@yiqi/shared/contracts/dispatch';
import { nextState, type OrderAction, type OrderState } from '@yiqi/shared/dispatch/order-states';
import { maskPhone } from '@yiqi/shared/identity/mask';
import { isInSubtree, regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { encrypt } from '../../lib/crypto.ts';
import type { DispatchOrdersTable } from '../../db/schema.dispatch.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './dispatch.repository.ts';
import { dueFor, scheduleTimer } from './dispatch.timers.ts';
import { orderViewOf } from './dispatch.views.ts';
import { unitOf } from './menu.service.ts';
import { tellResident } from './notices.ts';
import { cleanPhotos, storePhotos } from './photos.service.ts';
import { escalationNote } from './escalation.ts';
import { activitiesOf } from './service-activity.service.ts';
import { isOfferingStation } from './village-offers.service.ts';

/**
 * Orders (点单) and the units' side of the loop: review (审单: reject, merge, make a work order), dispatch
 * (派单: down a level, to a team, or open to grab), re-dispatch and cancel. Every move goes through `move`:
 * the transition table decides, the row moves guarded by state and version, a hop joins the timeline,
 * the next stage's timer is queued and the audit row written, all in one transaction.
 */

export interface Move {
  action: OrderAction;
  patch?: Updateable<DispatchOrdersTable>;
  hop?: { toUnit?: string | null; toTeam?: string | null; note?: string | null };
  audit?: Record<string, unknown>;
}

/** Applies one action to a locked order row; refuses what the table refuses. */
export async function move(tx: Ctx, o: repo.OrderRow, m: Move): Promise<repo.OrderRow> {
  const to = nextState(o.state as OrderState, m.action);
  if (!to) throw new DomainError('DISPATCH_STATE');
  const item = (await repo.itemById(tx.db, o.item_id))!;
  const now = tx.clock();
  const next = { ...o, ...m.patch, state: to } as repo.OrderRow;
  const due = await dueFor(tx, next, item);
  const moved = await repo.moveOrder(
    tx.db,
    o.id,
    { state: o.state, version: o.version },
    {
      ...m.patch,
      state: to,
      due_at: due,
      // A stage left is no longer late; the resident's clock still shows it in the counts (escalations).
      overdue: false,
      ...(['completed', 'rejected', 'merged', 'cancelled'].includes(to) ? { closed_at: now } : {}),
    },
  );
  if (!moved) throw new DomainError('DISPATCH_STATE');
  await repo.insertHop(tx.db, {
    order_id: o.id,
    action: m.action,
    from_state: o.state,
    to_state: to,
    from_unit: o.holder_code,
    to_unit: m.hop?.toUnit ?? moved.holder_code,
    to_team: m.hop?.toTeam ?? null,
    by_user: tx.actor?.userId ?? null,
    at: now,
    note: m.hop?.note || null,
  });
  if (due)
    await scheduleTimer(
      tx,
      { orderId: o.id, version: moved.version, kind: 'due', since: now.toISOString() },
      due,
    );
  await recordAudit(tx, {
    action: `dispatch.${m.action}`,
    result: 'ok',
    objectType: 'dispatch_order',
    objectId: o.id,
    regionCode: moved.holder_code,
    details: { from: o.state, to, ...m.audit },
  });
  return moved;
}

/** Locks the order and applies `fn` in one transaction; answers the staff view. */
async function act(ctx: Ctx, id: string, fn: (tx: Ctx, o: repo.OrderRow) => Promise<unknown>) {
  return withTransaction(ctx, async (tx) => {
    const o = await repo.orderRow(tx.db, id, true);
    if (!o) throw new DomainError('DISPATCH_ORDER_NOT_FOUND');
    await fn(tx, o);
    return staffView(tx, id);
  });
}

export async function staffView(ctx: Ctx, id: string) {
  const row = await repo.orderView(ctx.db, id);
  if (!row) throw new DomainError('DISPATCH_ORDER_NOT_FOUND');
  return orderViewOf(ctx, row);
}

export async function detail(ctx: Ctx, id: string) {
  const view = await staffView(ctx, id);
  const hops = await repo.hopsOf(ctx.db, id);
  return {
    ...view,
    timeline: hops.map((h) => ({
      action: h.action,
      fromState: h.from_state,
      toState: h.to_state,
      fromUnit: h.from_unit,
      toUnit: h.to_unit,
      fromUnitName: h.from_unit_name,
      toUnitName: h.to_unit_name,
      toTeam: h.team_name,
      by: h.by_name,
      at: h.at.toISOString(),
      note: h.action === 'escalate' && !h.by_name ? escalationNote(h.note, ctx.locale) : h.note,
      activity: h.activity_id ? { id: h.activity_id, title: h.activity_title ?? '' } : null,
    })),
    activities: await activitiesOf(ctx, id),
    ...(await dispatchChoices(ctx, view.item.id)),
  };
}

/**
 * What a directive may reach besides the units below: the item's approved teams (exactly those `dispatch`
 * and a grab accept) and the village's station that offered it (村供单), for the dispatch dialog.
 */
async function dispatchChoices(ctx: Ctx, itemId: string) {
  const item = (await repo.itemById(ctx.db, itemId))!;
  const teams = await repo.organizationNames(ctx.db, item.team_ids);
  return {
    itemTeams: teams
      .filter((x) => x.status === 'approved')
      .map((x) => ({ id: x.id, name: x.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    offeredByUnit:
      item.offered_by_unit_code !== null && item.offered_by_unit_level !== null
        ? {
            code: item.offered_by_unit_code,
            level: item.offered_by_unit_level,
            name: item.offered_by_unit_name ?? '',
          }
        : null,
  };
}

type OrderInput = z.infer<typeof OrderBody>;

/**
 * The receiving unit is the item's: the address's community must lie in its area (menus are inherited
 * downwards, so an item of another street or district is not on this community's menu).
 */
async function newOrder(
  ctx: Ctx,
  b: OrderInput,
  who: { requester: string | null; proxy: string | null; residentName?: string; consent?: string },
) {
  const item = await repo.itemById(ctx.db, b.itemId);
  if (!item || item.status !== 'approved') throw new DomainError('DISPATCH_ITEM_NOT_FOUND');
  const community = await unitOf(ctx, b.region);
  if (community.level !== 5) throw new DomainError('DISPATCH_COMMUNITY_REQUIRED');
  if (!isInSubtree(community.code, item.unit_code, item.unit_level as RegionLevel))
    throw new DomainError('DISPATCH_OUTSIDE_AREA');
  const photos = cleanPhotos(b.photos);
  const key = ctx.config.appKey;
  const now = ctx.clock();
  const due = (await dueFor(
    ctx,
    { state: 'review', created_at: now, preferred_at: now, deadline: null },
    item,
  ))!;
  return withTransaction(ctx, async (tx) => {
    const { id } = await repo.insertOrder(tx.db, {
      item_id: item.id,
      requester_id: who.requester,
      proxy_by: who.proxy,
      proxy_name_enc: who.residentName ? encrypt(key, who.residentName) : null,
      consent_note: who.consent ?? null,
      description: b.description,
      region_code: community.code,
      region_level: community.level,
      address_enc: encrypt(key, b.address),
      lat: b.lat ?? null,
      lng: b.lng ?? null,
      preferred_at: new Date(b.preferredAt),
      phone_enc: encrypt(key, b.phone),
      phone_mask: maskPhone(b.phone),
      state: 'review',
      holder_code: item.unit_code,
      holder_level: item.unit_level,
      created_at: now,
      due_at: due,
    });
    await repo.insertHop(tx.db, {
      order_id: id,
      action: who.proxy ? 'proxy_order' : 'order',
      from_state: null,
      to_state: 'review',
      from_unit: null,
      to_unit: item.unit_code,
      to_team: null,
      by_user: actorOf(ctx).userId,
      at: now,
      note: who.consent ?? null,
    });
    await scheduleTimer(tx, { orderId: id, version: 1, kind: 'due' }, due);
    await storePhotos(tx, id, 'order', photos);
    await recordAudit(tx, {
      action: who.proxy ? 'dispatch.proxy_order' : 'dispatch.order',
      result: 'ok',
      objectType: 'dispatch_order',
      objectId: id,
      regionCode: community.code,
      details: { itemId: item.id, unit: item.unit_code, photos: photos.length },
    });
    return id;
  });
}

/** 点单 by a resident: an account with a verified phone (registered with a texted code), volunteer or not. */
export async function order(ctx: Ctx, b: OrderInput) {
  const me = actorOf(ctx);
  const user = await repo.userPhoneIndex(ctx.db, me.userId);
  if (!user?.phone_bidx) throw new DomainError('DISPATCH_PHONE_REQUIRED');
  return { id: await newOrder(ctx, b, { requester: me.userId, proxy: null }) };
}

/** 代点单 by station staff for a resident without a phone account: recorded as such, consent noted. */
export async function proxyOrder(ctx: Ctx, b: z.infer<typeof ProxyOrderBody>) {
  if (!b.consentNote) throw new DomainError('DISPATCH_NOT_CONSENTED');
  const id = await newOrder(ctx, b, {
    requester: null,
    proxy: actorOf(ctx).userId,
    residentName: b.residentName,
    consent: b.consentNote,
  });
  return staffView(ctx, id);
}

export function reject(ctx: Ctx, id: string, reason: string) {
  if (!reason) throw new DomainError('DISPATCH_REASON_REQUIRED');
  return act(ctx, id, async (tx, o) => {
    await move(tx, o, { action: 'reject', patch: { reject_reason: reason, reviewed_at: tx.clock() } });
    await tellResident(tx, o, 'dispatch_order_rejected', reason);
  });
}

/** A duplicate joins another open order of the same unit (the resident follows that one). */
export function merge(ctx: Ctx, id: string, b: z.infer<typeof MergeBody>) {
  return act(ctx, id, async (tx, o) => {
    const into = b.intoId !== id ? await repo.orderRow(tx.db, b.intoId) : undefined;
    if (
      !into ||
      into.holder_code !== o.holder_code ||
      ['completed', 'rejected', 'merged', 'cancelled'].includes(into.state)
    )
      throw new DomainError('DISPATCH_MERGE_TARGET');
    await move(tx, o, {
      action: 'merge',
      patch: { merged_into: into.id, reviewed_at: tx.clock() },
      hop: { note: into.id },
      audit: { into: into.id },
    });
  });
}

/** 制单: the reviewed order becomes a work order (scope, skills, people, deadline), ready to dispatch. */
export function makeWorkOrder(ctx: Ctx, id: string, b: z.infer<typeof WorkOrderBody>) {
  return act(ctx, id, (tx, o) =>
    move(tx, o, {
      action: 'make_work_order',
      patch: {
        scope: b.scope,
        skills: b.skills,
        people_needed: b.peopleNeeded,
        deadline: new Date(b.deadline),
        reviewed_at: tx.clock(),
      },
    }),
  );
}

/**
 * 派单: down to a unit below the holder (which holds it ready and may dispatch further), to one eligible
 * team, or open for the eligible teams to grab.
 */
export function dispatch(ctx: Ctx, id: string, b: z.infer<typeof DispatchBody>) {
  return act(ctx, id, async (tx, o) => {
    const now = tx.clock();
    if (b.to === 'unit') {
      const unit = await unitOf(tx, b.region);
      const holder = { code: o.holder_code, level: o.holder_level };
      const below =
        unit.level > o.holder_level &&
        isInSubtree(unit.code, o.holder_code, o.holder_level as RegionLevel) &&
        isInSubtree(o.region_code, unit.code, unit.level as RegionLevel);
      // A village's offer (村供单) is served by that village for the whole street or district: its station
      // takes the order wherever the resident lives, as long as it is below the holder.
      const item = (await repo.itemById(tx.db, o.item_id))!;
      if (!below && !isOfferingStation(item, unit, holder)) throw new DomainError('DISPATCH_UNIT_NOT_BELOW');
      await move(tx, o, {
        action: 'dispatch_unit',
        patch: { holder_code: unit.code, holder_level: unit.level, dispatched_at: o.dispatched_at ?? now },
        hop: { toUnit: unit.code, note: b.note },
      });
    } else if (b.to === 'team') {
      const item = (await repo.itemById(tx.db, o.item_id))!;
      const [team] = await repo.organizationNames(tx.db, [b.orgId]);
      if (!item.team_ids.includes(b.orgId) || team?.status !== 'approved')
        throw new DomainError('DISPATCH_TEAM_NOT_ELIGIBLE');
      await move(tx, o, {
        action: 'dispatch_team',
        patch: { team_id: b.orgId, dispatched_at: o.dispatched_at ?? now },
        hop: { toTeam: b.orgId, note: b.note },
        audit: { team: b.orgId },
      });
    } else {
      await move(tx, o, {
        action: 'open_grab',
        patch: { team_id: null, dispatched_at: o.dispatched_at ?? now },
        hop: { note: b.note },
      });
    }
  });
}

/** 重新派单: back to 待处理 at the holding unit, the team released (offered, open or in service). */
export function redispatch(ctx: Ctx, id: string, note: string) {
  if (!note) throw new DomainError('DISPATCH_REASON_REQUIRED');
  return act(ctx, id, (tx, o) =>
    move(tx, o, { action: 'redispatch', patch: { team_id: null, accepted_at: null }, hop: { note } }),
  );
}

export function cancel(ctx: Ctx, id: string, note: string) {
  if (!note) throw new DomainError('DISPATCH_REASON_REQUIRED');
  return act(ctx, id, (tx, o) => move(tx, o, { action: 'cancel', hop: { note } }));
}

/** The subtree prefix of a region named in a query (its deepest entry when a city and district share a code). */
export async function subtreePrefix(ctx: Ctx, code: string): Promise<string> {
  const [r] = await repo.regionsByCode(ctx.db, code);
  if (!r) throw new DomainError('REGION_NOT_FOUND');
  return regionPrefix(r.code, r.level as RegionLevel);
}

/** The board: orders held by units in the caller's region grants (or the one region asked for). */
export async function list(ctx: Ctx, q: z.infer<typeof OrdersQuery>) {
  const prefixes = q.region
    ? [await subtreePrefix(ctx, q.region)]
    : actorOf(ctx)
        .grants.filter((g) => g.role === 'region_admin')
        .map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel));
  const [rows, count] = await repo.listOrdersHeldUnder(ctx.db, prefixes, {
    ...(q.state ? { state: q.state } : {}),
    ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
    page: q.page,
    pageSize: q.pageSize,
  });
  return {
    items: rows.map((r) => orderViewOf(ctx, r)),
    total: Number(count.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}
