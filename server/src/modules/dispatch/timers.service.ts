import type { Ctx } from '../../core/ctx.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './dispatch.repository.ts';
import * as inv from './invitations.repository.ts';
import { workingDaysAfter, scheduleTimer, type TimerPayload } from './dispatch.timers.ts';
import { ESCALATES_FROM_LEVEL, escalationNoteOf } from './escalation.ts';
import { remindHolder, tellEscalated } from './notices.ts';
import { move } from './orders.service.ts';

/**
 * What a stage timer does when it fires (job `dispatch.timer`), in one transaction so a run repeated
 * after a lost lease changes nothing twice:
 * - an offer nobody accepted, or an order nobody claimed, times out back to the dispatching unit;
 * - any other late stage is flagged overdue and a reminder (催办) joins the timeline for the holder;
 * - an order a unit still holds for review or dispatch the item's escalate_days working days past that
 *   deadline escalates to the unit above (escalation.ts: station → post → centre), which hears of it; the
 *   escalation timer is queued when the deadline's reminder fires, for the deadline plus the delay (or the
 *   stage's start plus the delay, if it began after the deadline), so a reminder that ran late (the app
 *   was down) does not put the escalation off.
 * - a follow-up (回访) still open when due is flagged overdue with a reminder to the unit holding it.
 * A timer set for a move the order has since left (another version) does nothing: delivered twice, or
 * again after a restart, an escalation moves the order once.
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
      if (escalates(o)) {
        // From the deadline; from the stage's start if it began late (the unit gets the whole delay).
        const deadline = o.due_at ?? now;
        const since = p.since ? new Date(p.since) : deadline;
        await scheduleTimer(
          tx,
          { orderId: o.id, version: o.version, kind: 'escalate' },
          await workingDaysAfter(tx, since > deadline ? since : deadline, item.escalate_days),
        );
      }
      return;
    }
    if (!escalates(o)) return;
    const holder = await repo.regionByKey(tx.db, o.holder_code, o.holder_level);
    if (!holder?.parent_code || !holder.parent_level) return;
    const moved = await move(tx, o, {
      action: 'escalate',
      patch: {
        holder_code: holder.parent_code,
        holder_level: holder.parent_level,
        escalations: o.escalations + 1,
      },
      hop: {
        toUnit: holder.parent_code,
        note: escalationNoteOf({ dueAt: (o.due_at ?? now).toISOString(), afterDays: item.escalate_days }),
      },
      audit: { fromUnit: o.holder_code, toUnit: holder.parent_code, afterDays: item.escalate_days },
    });
    await tellEscalated(tx, moved, holder.name);
    // Still late at the level above (its due date is the resident's, long past): flagged at once, and
    // escalated again after the delay if that unit has one above it. Its notice of the escalation is
    // its reminder (no second one).
    if (moved.due_at && moved.due_at <= now) {
      await repo.markOverdue(tx.db, moved.id, moved.version);
      if (escalates(moved))
        await scheduleTimer(
          tx,
          { orderId: moved.id, version: moved.version, kind: 'escalate' },
          await workingDaysAfter(tx, now, item.escalate_days),
        );
    }
  });
}

/** A unit (not a team) holds it for review or dispatch, at a level that escalates. */
function escalates(o: Pick<repo.OrderRow, 'state' | 'holder_level'>) {
  return (o.state === 'review' || o.state === 'ready') && o.holder_level >= ESCALATES_FROM_LEVEL;
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
