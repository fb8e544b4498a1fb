import type { Ctx } from '../../core/ctx.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './dispatch.repository.ts';
import * as inv from './invitations.repository.ts';
import { workingDaysAfter, scheduleTimer, type TimerPayload } from './dispatch.timers.ts';
import { remindHolder } from './notices.ts';
import { move } from './orders.service.ts';

/**
 * What a stage timer does when it fires (job `dispatch.timer`), in one transaction so a run repeated
 * after a lost lease changes nothing twice:
 * - an offer nobody accepted, or an order nobody claimed, times out back to the dispatching unit;
 * - any other late stage is flagged overdue and a reminder (催办) joins the timeline for the holder; after
 *   the item's escalation delay the order goes to the unit above (review and dispatch stages), up to the
 *   city's office.
 * - a follow-up (回访) still open when due is flagged overdue with a reminder to the unit holding it.
 * A timer set for a move the order has since left (another version) does nothing.
 */
export async function fire(ctx: Ctx, p: TimerPayload): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const o = await repo.orderRow(tx.db, p.orderId, true);
    if (!o || o.version !== p.version) return;
    const item = (await repo.itemById(tx.db, o.item_id))!;
    const now = tx.clock();
    if (p.kind === 'follow_up') {
      if (o.follow_up !== 'open' || (await inv.followUpReminded(tx.db, o.id))) return;
      await lateReminder(tx, o, 'dispatch.follow_up.overdue');
      return;
    }
    if (p.kind === 'due') {
      if (o.state === 'offered' || o.state === 'open') {
        await move(tx, o, { action: 'timeout', patch: { team_id: null }, hop: { note: null } });
        return;
      }
      if (['completed', 'rejected', 'merged', 'cancelled'].includes(o.state) || o.overdue) return;
      await lateReminder(tx, o, 'dispatch.overdue');
      if (o.state === 'review' || o.state === 'ready')
        await scheduleTimer(
          tx,
          { orderId: o.id, version: o.version, kind: 'escalate' },
          await workingDaysAfter(tx, now, item.escalate_days),
        );
      return;
    }
    // Escalation: to the unit above, while there is one at city level or below.
    if ((o.state !== 'review' && o.state !== 'ready') || o.holder_level <= 2) return;
    const holder = await repo.regionByKey(tx.db, o.holder_code, o.holder_level);
    if (!holder?.parent_code || !holder.parent_level) return;
    const moved = await move(tx, o, {
      action: 'escalate',
      patch: {
        holder_code: holder.parent_code,
        holder_level: holder.parent_level,
        escalations: o.escalations + 1,
      },
      hop: { toUnit: holder.parent_code },
    });
    // Still late at the level above: flagged again at once (its due date is the resident's, long past).
    if (moved.due_at && moved.due_at <= now)
      await scheduleTimer(tx, { orderId: o.id, version: moved.version, kind: 'due' }, now);
  });
}

/** 催办: the order flagged overdue, a reminder on its timeline and to its holder, audited. */
async function lateReminder(tx: Ctx, o: repo.OrderRow, action: string) {
  await repo.markOverdue(tx.db, o.id, o.version);
  await repo.insertHop(tx.db, {
    order_id: o.id,
    action: 'remind',
    from_state: o.state,
    to_state: o.state,
    from_unit: o.holder_code,
    to_unit: o.holder_code,
    to_team: o.team_id,
    by_user: null,
    at: tx.clock(),
    note: null,
  });
  await remindHolder(tx, o);
  await recordAudit(tx, {
    action,
    result: 'ok',
    objectType: 'dispatch_order',
    objectId: o.id,
    regionCode: o.holder_code,
    details: { state: o.state },
  });
}
