import type { z } from 'zod';
import type { BookingBody } from '@yiqi/shared/contracts/timebank';
import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { isWithin } from '../dispatch/menu.service.ts';
import { order, proxyOrder, staffView } from '../dispatch/orders.service.ts';
import { myOrder } from '../dispatch/team.service.ts';
import * as repo from './bookings.repository.ts';

/**
 * A menu service delivered as a dispatch order (上门服务): a volunteer's booking places the order with the
 * booker as its requester, or links an open order the booker placed for that service; an administrator's
 * booking for a priority elder places a proxy order (代点单) on the elder's behalf, with their consent
 * noted, as station staff would for a resident without a phone account. Only the dispatch module's own
 * service functions are used, so its rules (a verified phone, the community inside the unit's area, the
 * consent of a proxy order, timers, audit) hold for these orders as for any other.
 */

/** Dispatch states after which an order delivers nothing more. */
export const CLOSED_ORDER_STATES = new Set(['completed', 'rejected', 'merged', 'cancelled']);

/** Booked by an administrator for someone else (a priority elder): the order is placed on their behalf. */
export interface OnBehalf {
  residentName: string;
  consentNote: string;
  /** The scheme's region: the administrator's scope, which the address must lie in. */
  schemeRegion: string;
}

/** A proxy order keeps the resident's name to 50 characters (the dispatch module's limit). */
const RESIDENT_NAME_MAX = 50;

export async function orderForBooking(
  tx: Ctx,
  item: { dispatch_item_id: string | null },
  b: Pick<z.infer<typeof BookingBody>, 'delivery' | 'orderId'>,
  onBehalf?: OnBehalf,
): Promise<string | null> {
  if (!item.dispatch_item_id) {
    if (b.delivery || b.orderId) throw new DomainError('TIMEBANK_ORDER_NOT_LINKABLE');
    return null;
  }
  if (b.orderId) {
    // Only a volunteer links an order of their own; an elder's order is placed with the booking.
    if (onBehalf) throw new DomainError('TIMEBANK_ORDER_NOT_LINKABLE');
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
  const body = { itemId: item.dispatch_item_id, ...b.delivery, photos: [] };
  if (!onBehalf) return (await order(tx, body)).id;
  if (!(await isWithin(tx, b.delivery.region, onBehalf.schemeRegion)))
    throw new DomainError('TIMEBANK_DELIVERY_OUTSIDE');
  const o = await proxyOrder(tx, {
    ...body,
    residentName: onBehalf.residentName.slice(0, RESIDENT_NAME_MAX),
    consentNote: onBehalf.consentNote,
  });
  return o.id;
}
