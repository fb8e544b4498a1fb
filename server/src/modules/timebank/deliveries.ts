import type { Ctx } from '../../core/ctx.ts';
import { withTransaction } from '../../core/tx.ts';
import { staffView } from '../dispatch/orders.service.ts';
import * as repo from './bookings.repository.ts';
import { close } from './bookings.service.ts';
import { CLOSED_ORDER_STATES } from './delivery.service.ts';

/**
 * Follows the dispatch orders that deliver held bookings (a job, so the dispatch module needs to know
 * nothing of the time bank): an order completed settles the booking at what was held (never more: the
 * hold account cannot go below 0); an order rejected, merged away or cancelled releases every held point.
 * Each booking closes in its own transaction on its locked row, and only while still held, so a second
 * run, a run after a restart or two processes at once close it once.
 */
export async function followDeliveries(ctx: Ctx, batch = 200): Promise<number> {
  let closed = 0;
  for (const b of await repo.heldWithOrders(ctx.db, batch)) {
    const state = (await staffView(ctx, b.order_id!)).state;
    if (!CLOSED_ORDER_STATES.has(state)) continue;
    const done = await withTransaction(ctx, async (tx) => {
      const booking = await repo.bookingById(tx.db, b.id, true);
      if (!booking || booking.status !== 'held') return false;
      await close(tx, booking, state === 'completed' ? booking.held : null, `dispatch:${b.order_id}`);
      return true;
    });
    if (done) closed++;
  }
  return closed;
}
