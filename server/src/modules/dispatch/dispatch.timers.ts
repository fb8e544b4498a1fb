import type { Ctx } from '../../core/ctx.ts';
import { chinaDate } from '../../core/dates.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { workingDaysInForce } from '../records/holidays.service.ts';
import type { OrderRow } from './dispatch.repository.ts';

/**
 * Stage deadlines of an order, counted in working days on the holiday tables in force. Review and
 * dispatch run on the resident's clock, from the order, whoever holds it (clocks that restart when a unit
 * signs for an order let orders bounce between units); the accept timer runs from the offer (a team cannot
 * answer before it is asked); service is due at the preferred time or the work order's deadline.
 * Deadlines fall at 18:00 China time of their day.
 */

export interface ItemTimers {
  review_days: number;
  dispatch_days: number;
  accept_days: number;
  escalate_days: number;
  follow_up_days: number;
}

/** The working day `n` working days after `from`'s day in China, at 18:00 there. */
export async function workingDaysAfter(ctx: Ctx, from: Date, n: number): Promise<Date> {
  const days = await workingDaysInForce(ctx.db);
  return new Date(`${days.addWorkingDays(chinaDate(from), n)}T18:00:00+08:00`);
}

/** When the order's current stage is due, or null for closed states. */
export async function dueFor(
  ctx: Ctx,
  o: Pick<OrderRow, 'state' | 'created_at' | 'preferred_at' | 'deadline'>,
  item: ItemTimers,
): Promise<Date | null> {
  switch (o.state) {
    case 'review':
      return workingDaysAfter(ctx, o.created_at, item.review_days);
    case 'ready':
      return workingDaysAfter(ctx, o.created_at, item.review_days + item.dispatch_days);
    case 'offered':
    case 'open':
      return workingDaysAfter(ctx, ctx.clock(), item.accept_days);
    case 'accepted': {
      const a = o.deadline ?? o.preferred_at;
      return a > ctx.clock() ? a : workingDaysAfter(ctx, ctx.clock(), 1);
    }
    default:
      return null;
  }
}

export interface TimerPayload {
  orderId: string;
  version: number;
  /** `follow_up`: the 回访 an unhappy rating opened is due (the item's follow_up_days after the rating). */
  kind: 'due' | 'escalate' | 'follow_up';
  /**
   * `due` timers of a move: when the stage began. An escalation's delay runs from the deadline, or from
   * this if the stage began after it (an offer timed out back to a unit long after the resident's deadline).
   */
  since?: string;
}

/**
 * Queues the timer of the order's current stage (in the caller's transaction). The key names the order's
 * version: a timer set for a move the order has since left does nothing when it fires.
 */
export async function scheduleTimer(ctx: Ctx, p: TimerPayload, runAt: Date): Promise<void> {
  await enqueueJob(ctx, 'dispatch.timer', p, { runAt, key: `${p.orderId}:${p.version}:${p.kind}` });
}
