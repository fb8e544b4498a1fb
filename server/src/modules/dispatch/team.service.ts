import type { z } from 'zod';
import type { CompleteBody, RatingBody } from '@yiqi/shared/contracts/dispatch';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { chinaDate } from '../../core/dates.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { decrypt } from '../../lib/crypto.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { backfill } from '../records/corrections.service.ts';
import * as repo from './dispatch.repository.ts';
import { scheduleTimer, workingDaysAfter } from './dispatch.timers.ts';
import { myOrderViewOf, orderViewOf } from './dispatch.views.ts';
import { tellResident } from './notices.ts';
import { move, staffView } from './orders.service.ts';
import { cleanPhotos, storePhotos } from './photos.service.ts';
import { servedThroughActivity } from './service-activity.service.ts';

/**
 * The team's side (接单, 抢单, 结项) and the resident's (my orders, 评单). Nobody is forced to serve: a
 * team accepts or declines (with a reason), and the volunteers it names are its own active members.
 */

async function teamAct(ctx: Ctx, id: string, fn: (tx: Ctx, o: repo.OrderRow) => Promise<unknown>) {
  return withTransaction(ctx, async (tx) => {
    const o = await repo.orderRow(tx.db, id, true);
    if (!o) throw new DomainError('DISPATCH_ORDER_NOT_FOUND');
    await fn(tx, o);
    return staffView(tx, id);
  });
}

export function accept(ctx: Ctx, id: string) {
  return teamAct(ctx, id, async (tx, o) => {
    await move(tx, o, { action: 'accept', patch: { accepted_at: tx.clock() } });
    await tellResident(tx, o, 'dispatch_order_accepted');
  });
}

/** A decline needs a reason; the order returns to the unit that dispatched it. */
export function decline(ctx: Ctx, id: string, reason: string) {
  if (!reason) throw new DomainError('DISPATCH_REASON_REQUIRED');
  return teamAct(ctx, id, (tx, o) =>
    move(tx, o, { action: 'decline', patch: { team_id: null }, hop: { toTeam: o.team_id, note: reason } }),
  );
}

/**
 * 抢单: the guarded UPDATE lets exactly one claim win however many race (the loser finds the order no
 * longer open). Eligibility (the item's teams) is part of the same statement.
 */
export async function claim(ctx: Ctx, id: string, orgId: string) {
  return withTransaction(ctx, async (tx) => {
    const now = tx.clock();
    const won = await repo.claimOpenOrder(tx.db, id, orgId, now);
    if (!won) {
      const o = await repo.orderRow(tx.db, id);
      if (!o) throw new DomainError('DISPATCH_ORDER_NOT_FOUND');
      if (o.state !== 'open')
        throw new DomainError(o.state === 'accepted' ? 'DISPATCH_ALREADY_CLAIMED' : 'DISPATCH_STATE');
      throw new DomainError('DISPATCH_TEAM_NOT_ELIGIBLE');
    }
    await repo.insertHop(tx.db, {
      order_id: id,
      action: 'claim',
      from_state: 'open',
      to_state: 'accepted',
      from_unit: won.holder_code,
      to_unit: won.holder_code,
      to_team: orgId,
      by_user: actorOf(ctx).userId,
      at: now,
      note: null,
    });
    await tellResident(tx, won, 'dispatch_order_accepted');
    await recordAudit(tx, {
      action: 'dispatch.claim',
      result: 'ok',
      objectType: 'dispatch_order',
      objectId: id,
      regionCode: won.holder_code,
      details: { team: orgId },
    });
    return staffView(tx, id);
  });
}

/**
 * 结项: a report is required, photos optional. The volunteers named are those who accepted an invitation
 * and the active members the team names. With minutes, they get their hours as pending
 * back-fill entries of the team (records/corrections.service), which a second person confirms through the
 * normal confirmation path (records/confirmation.ts): nobody confirms hours they entered.
 */
export function complete(ctx: Ctx, id: string, b: z.infer<typeof CompleteBody>) {
  if (!b.report) throw new DomainError('DISPATCH_REPORT_REQUIRED');
  const photos = cleanPhotos(b.photos);
  return teamAct(ctx, id, async (tx, o) => {
    const named = [...new Set(b.volunteerIds)];
    const members = await repo.activeMembers(tx.db, o.team_id!, named);
    if (members.length !== named.length) throw new DomainError('DISPATCH_VOLUNTEER_NOT_MEMBER');
    // Served through an activity: those checked in there are named, their hours are the activity's records.
    const attended = (await servedThroughActivity(tx, o, b.minutes)) ?? [];
    // Accepted invitees (already on the order) stay named, whether or not they are the team's members.
    const ids = [...new Set([...o.volunteer_ids, ...named, ...attended])];
    await move(tx, o, {
      action: 'complete',
      patch: {
        report: b.report,
        volunteer_ids: ids,
        served_minutes: b.minutes ?? null,
        completed_at: tx.clock(),
      },
      audit: { volunteers: ids.length, minutes: b.minutes ?? null, photos: photos.length },
    });
    await storePhotos(tx, o.id, 'report', photos);
    await tellResident(tx, o, 'dispatch_order_completed');
    if (!b.minutes || ids.length === 0) return;
    const item = (await repo.itemById(tx.db, o.item_id))!;
    const region = (await repo.regionByKey(tx.db, o.region_code, o.region_level))!;
    for (const v of await repo.volunteerNumbers(tx.db, ids))
      await backfill(tx, o.team_id!, {
        volunteerNo: v.volunteer_no,
        activityTitle: `群众点单：${item.title}`.slice(0, 100),
        serviceDate: chinaDate(tx.clock()),
        place: region.name,
        content: b.report.slice(0, 1000),
        personInCharge: actorOf(tx).displayName.slice(0, 100),
        minutes: b.minutes,
        reason: `派单服务 ${o.id}`,
        evidence: [],
      });
  });
}

/** The resident's phone and address in full: only the serving team, only while it serves; audited. */
export async function contact(ctx: Ctx, id: string) {
  const o = await repo.orderRow(ctx.db, id);
  if (!o) throw new DomainError('DISPATCH_ORDER_NOT_FOUND');
  if (o.state !== 'accepted') throw new DomainError('DISPATCH_STATE');
  const key = ctx.config.appKey;
  return withTransaction(ctx, async (tx) => {
    await recordAudit(tx, {
      action: 'dispatch.contact.reveal',
      result: 'ok',
      objectType: 'dispatch_order',
      objectId: id,
      regionCode: o.region_code,
      details: { team: o.team_id },
    });
    return {
      phone: decrypt(key, o.phone_enc),
      address: decrypt(key, o.address_enc),
      residentName: o.proxy_name_enc ? decrypt(key, o.proxy_name_enc) : null,
    };
  });
}

export async function teamOrders(ctx: Ctx, orgId: string, page: number, pageSize: number) {
  const [rows, count] = await repo.listTeamOrders(ctx.db, orgId, page, pageSize);
  return { items: rows.map((r) => orderViewOf(ctx, r)), total: Number(count.n), page, pageSize };
}

export async function grabList(ctx: Ctx, orgId: string) {
  const rows = await repo.listGrabbable(ctx.db, orgId);
  return { items: rows.map((r) => orderViewOf(ctx, r)), total: rows.length, page: 1, pageSize: 200 };
}

const DAY_MS = 86_400_000;
function rateUntil(ctx: Ctx, r: { state: string; completed_at: Date | null; rating_score: number | null }) {
  if (r.state !== 'completed' || !r.completed_at || r.rating_score !== null) return null;
  const until = new Date(r.completed_at.getTime() + ctx.config.dispatchRatingDays * DAY_MS);
  return until > ctx.clock() ? until : null;
}

export async function myOrders(ctx: Ctx) {
  const rows = await repo.listMyOrders(ctx.db, actorOf(ctx).userId);
  return { items: rows.map((r) => myOrderViewOf(r, rateUntil(ctx, r))) };
}

/** One of my orders; someone else's answers as an unknown id. */
export async function myOrder(ctx: Ctx, id: string) {
  const r = await repo.orderView(ctx.db, id);
  if (!r || r.requester_id !== actorOf(ctx).userId) throw new DomainError('DISPATCH_ORDER_NOT_FOUND');
  return myOrderViewOf(r, rateUntil(ctx, r));
}

/**
 * 评单: once, by the requester, within the window after completion. A 1–2 opens a follow-up (回访) at the
 * unit holding the order.
 */
export async function rate(ctx: Ctx, id: string, b: z.infer<typeof RatingBody>) {
  const me = actorOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const o = await repo.orderRow(tx.db, id, true);
    if (!o || o.requester_id !== me.userId) throw new DomainError('DISPATCH_ORDER_NOT_FOUND');
    const view = (await repo.orderView(tx.db, id))!;
    if (view.rating_score !== null) throw new DomainError('DISPATCH_ALREADY_RATED');
    if (!rateUntil(tx, view)) throw new DomainError('DISPATCH_RATING_CLOSED');
    const now = tx.clock();
    const ok = await repo.insertRating(tx.db, {
      order_id: id,
      user_id: me.userId,
      score: b.score,
      comment: b.comment || null,
      at: now,
    });
    if (!ok) throw new DomainError('DISPATCH_ALREADY_RATED');
    const unhappy = b.score <= 2;
    if (unhappy) {
      await repo.openFollowUp(tx.db, id);
      // Its deadline: the item's follow-up days (working days), then overdue with a reminder (timers.service).
      const item = (await repo.itemById(tx.db, o.item_id))!;
      await scheduleTimer(
        tx,
        { orderId: id, version: o.version, kind: 'follow_up' },
        await workingDaysAfter(tx, now, item.follow_up_days),
      );
    }
    await repo.insertHop(tx.db, {
      order_id: id,
      action: unhappy ? 'rate_follow_up' : 'rate',
      from_state: o.state,
      to_state: o.state,
      from_unit: o.holder_code,
      to_unit: o.holder_code,
      to_team: null,
      by_user: me.userId,
      at: now,
      note: String(b.score),
    });
    await recordAudit(tx, {
      action: 'dispatch.rate',
      result: 'ok',
      objectType: 'dispatch_order',
      objectId: id,
      regionCode: o.region_code,
      details: { score: b.score, followUp: unhappy },
    });
    return myOrderViewOf((await repo.orderView(tx.db, id))!, null);
  });
}
