import type { Ctx } from '../../core/ctx.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as repo from './dispatch.repository.ts';
import * as inv from './invitations.repository.ts';

/**
 * Who hears of an order (in the caller's transaction, so a refused move notifies nobody): the resident of
 * each step that concerns them (accepted, completed, rejected with the reason, a rating request), the holder
 * of an overdue order. A proxy order's resident has no account; the staff who ordered hears instead.
 */

const DAY_MS = 86_400_000;
export const RATING_REMINDER_JOB = 'dispatch.rating_reminder';

type Step = 'dispatch_order_accepted' | 'dispatch_order_completed' | 'dispatch_order_rejected';

export async function tellResident(tx: Ctx, o: repo.OrderRow, kind: Step, reason?: string) {
  const item = (await repo.itemById(tx.db, o.item_id))!;
  await notify(tx.db, [o.requester_id ?? o.proxy_by], kind, {
    title: item.title,
    orderId: o.id,
    ...(reason ? { reason } : {}),
  });
  // Halfway through the rating window, a reminder if the resident has not rated yet.
  if (kind === 'dispatch_order_completed' && o.requester_id) {
    const runAt = new Date(tx.clock().getTime() + (tx.config.dispatchRatingDays * DAY_MS) / 2);
    await enqueueJob(tx, RATING_REMINDER_JOB, { orderId: o.id }, { runAt, key: `${o.id}:rate` });
  }
}

/** Job: the rating request, unless the resident rated meanwhile (or the order is no longer completed). */
export async function remindRating(ctx: Ctx, p: { orderId: string }) {
  const v = await repo.orderView(ctx.db, p.orderId);
  if (!v || v.state !== 'completed' || v.rating_score !== null || !v.requester_id) return;
  await notify(ctx.db, [v.requester_id], 'dispatch_rating_requested', {
    title: v.item_title,
    orderId: v.id,
  });
}

/** 催办: the holder of an overdue order hears of it (the team's admins once a team has it). */
export async function remindHolder(tx: Ctx, o: repo.OrderRow) {
  const item = (await repo.itemById(tx.db, o.item_id))!;
  const people =
    o.team_id && o.state === 'accepted'
      ? await inv.teamAdmins(tx.db, o.team_id)
      : await inv.unitAdmins(tx.db, o.holder_code);
  await notify(
    tx.db,
    people.map((p) => p.user_id),
    'dispatch_order_overdue',
    { title: item.title, orderId: o.id },
  );
}

/** An escalated order: the admins of the unit it moved up to hear where it came from. */
export async function tellEscalated(tx: Ctx, o: repo.OrderRow, fromName: string) {
  const item = (await repo.itemById(tx.db, o.item_id))!;
  const people = await inv.unitAdmins(tx.db, o.holder_code);
  await notify(
    tx.db,
    people.map((p) => p.user_id),
    'dispatch_order_escalated',
    { title: item.title, orderId: o.id, fromUnit: fromName },
  );
}
