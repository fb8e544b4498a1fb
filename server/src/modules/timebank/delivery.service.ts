import type { z } from 'zod';
import type { BookingBody } from '@yiqi/shared/contracts/timebank';
import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { order, staffView } from '../dispatch/orders.service.ts';
import { myOrder } from '../dispatch/team.service.ts';
import * as repo from './bookings.repository.ts';

/**
 * A menu service delivered as a dispatch order (上门服务): the booking places the order with the booker
 * as its requester, or links an open order the booker placed for that service. Only the dispatch
 * module's own service functions are used, so its rules (a verified phone, the community inside the
 * unit's area, timers, audit) hold for these orders as for any other.
 */

/** Dispatch states after which an order delivers nothing more. */
export const CLOSED_ORDER_STATES = new Set(['completed', 'rejected', 'merged', 'cancelled']);

export async function orderForBooking(
  tx: Ctx,
  item: { dispatch_item_id: string | null },
  b: Pick<z.infer<typeof BookingBody>, 'delivery' | 'orderId'>,
): Promise<string | null> {
  if (!item.dispatch_item_id) {
    if (b.delivery || b.orderId) throw new DomainError('TIMEBANK_ORDER_NOT_LINKABLE');
    return null;
  }
  if (b.orderId) {
    await myOrder(tx, b.orderId).catch(() => {
      throw new DomainError('TIMEBANK_ORDER_NOT_LINKABLE');
    });
    const o = await staffView(tx, b.orderId);
    if (
      o.item.id !== item.dispatch_item_id ||
      CLOSED_ORDER_STATES.has(o.state) ||
      (await repo.bookingOfOrder(tx.db, o.id))
    )
      throw new DomainError('TIMEBANK_ORDER_NOT_LINKABLE');
    return o.id;
  }
  if (!b.delivery) throw new DomainError('TIMEBANK_DELIVERY_REQUIRED');
  const { id } = await order(tx, { itemId: item.dispatch_item_id, ...b.delivery, photos: [] });
  return id;
}
