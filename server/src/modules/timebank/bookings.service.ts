import type { z } from 'zod';
import type {
  AdminCancelBody,
  BookingBody,
  ElderBookingBody,
  MenuBody,
  SettleBody,
} from '@yiqi/shared/contracts/timebank';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { ownVolunteer } from '../volunteers/profile.service.ts';
import * as repo from './bookings.repository.ts';
import { idempotent } from './idempotency.ts';
import { creditCapped, ensureCovers, move } from './ledger.ts';
import * as ledger from './timebank.repository.ts';
import { accountInRegion, checkThreshold, ownAccount, schemeOfRegion } from './timebank.service.ts';
import { orderForBooking, type OnBehalf } from './delivery.service.ts';
import { approvedItemsWithin, isWithin, itemView } from '../dispatch/menu.service.ts';
import { bookingView } from './views.ts';

/**
 * Withdrawals buy services, never cash: a booking holds the points (payer → the booking's own hold
 * account), a settlement on delivery moves at most what was held to the services account and the rest
 * back, a cancellation moves it all back. The hold account's balance can never go below zero, so no
 * settlement can take more than was held, whatever the code asks (the known pitfall of crediting the full
 * price although the hold was short).
 */

type MenuRow = Awaited<ReturnType<typeof repo.menuOf>>[number];
type DispatchItem = Awaited<ReturnType<typeof itemView>>;

const menuView = (m: MenuRow, items: Map<string, DispatchItem>) => {
  const d = m.dispatch_item_id ? items.get(m.dispatch_item_id) : undefined;
  return {
    id: m.id,
    schemeId: m.scheme_id,
    name: m.name,
    points: m.points,
    active: m.active,
    dispatchItemId: m.dispatch_item_id,
    dispatchItem: d
      ? { id: d.id, title: d.title, unitCode: d.unitCode, unitLevel: d.unitLevel, unitName: d.unitName }
      : null,
  };
};

/** The menu with the dispatch items its services are delivered as (the booking form asks where and when). */
async function menuViews(ctx: Ctx, rows: MenuRow[]) {
  const items = new Map<string, DispatchItem>();
  for (const id of new Set(rows.map((m) => m.dispatch_item_id).filter((x): x is string => x !== null)))
    items.set(id, await itemView(ctx, id));
  return rows.map((m) => menuView(m, items));
}

export async function menu(ctx: Ctx, schemeId: string) {
  return { items: await menuViews(ctx, await repo.menuOf(ctx.db, schemeId, true)) };
}

export async function adminMenu(ctx: Ctx, region: string) {
  const s = await schemeOfRegion(ctx, region);
  return { items: await menuViews(ctx, await repo.menuOf(ctx.db, s.id, false)) };
}

/** What a service of the region's scheme may be delivered as: the approved dispatch items inside it. */
export async function dispatchChoices(ctx: Ctx, region: string) {
  const s = await schemeOfRegion(ctx, region);
  const { items } = await approvedItemsWithin(ctx, s.region_code);
  return {
    items: items.map((i) => ({
      id: i.id,
      title: i.title,
      category: i.category,
      unitCode: i.unitCode,
      unitLevel: i.unitLevel,
      unitName: i.unitName,
    })),
  };
}

export async function addMenuItem(ctx: Ctx, b: z.infer<typeof MenuBody>) {
  return withTransaction(ctx, async (tx) => {
    const s = await schemeOfRegion(tx, b.region);
    // A service delivered as a dispatch order names an approved item of a unit inside the scheme's region.
    if (b.dispatchItemId) {
      const d = await itemView(tx, b.dispatchItemId).catch(() => null);
      if (!d || d.status !== 'approved' || !(await isWithin(tx, d.unitCode, s.region_code)))
        throw new DomainError('TIMEBANK_DISPATCH_ITEM_INVALID');
    }
    const m = await repo.insertMenuItem(tx.db, {
      scheme_id: s.id,
      name: b.name,
      points: b.points,
      dispatch_item_id: b.dispatchItemId ?? null,
      created_by: actorOf(tx).userId,
    });
    await recordAudit(tx, {
      action: 'timebank.menu_added',
      result: 'ok',
      objectType: 'timebank_menu',
      objectId: m.id,
      regionCode: b.region,
      details: { points: b.points, dispatchItemId: b.dispatchItemId ?? null },
    });
    return (await menuViews(tx, [m]))[0]!;
  });
}

async function placeBooking(
  tx: Ctx,
  payer: ledger.AccountRow,
  b: z.infer<typeof BookingBody>,
  onBehalf?: OnBehalf,
) {
  const item = await repo.menuItem(tx.db, b.menuItemId);
  if (!item || !item.active || item.scheme_id !== payer.scheme_id)
    throw new DomainError('TIMEBANK_MENU_NOT_FOUND');
  await ensureCovers(tx, payer.id, item.points);
  const orderId = await orderForBooking(tx, item, b, onBehalf);
  const hold = await ledger.insertAccount(tx.db, {
    scheme_id: payer.scheme_id,
    kind: 'hold',
    label: item.name,
    created_by: actorOf(tx).userId,
  });
  const id = await repo.insertBooking(tx.db, {
    scheme_id: payer.scheme_id,
    menu_item_id: item.id,
    payer_account_id: payer.id,
    hold_account_id: hold,
    held: item.points,
    note: b.note || null,
    order_id: orderId,
    delivery_ref: orderId ? `dispatch:${orderId}` : null,
    booked_by: actorOf(tx).userId,
    created_at: tx.clock(),
  });
  await move(tx, {
    schemeId: payer.scheme_id,
    debit: payer.id,
    credit: hold,
    amount: item.points,
    kind: 'hold',
    actorId: actorOf(tx).userId,
    bookingId: id,
  });
  await recordAudit(tx, {
    action: 'timebank.booked',
    result: 'ok',
    objectType: 'timebank_booking',
    objectId: id,
    regionCode: payer.region_code,
    details: { points: item.points, payer: payer.kind, orderId },
  });
  return { booking: bookingView((await repo.bookingById(tx.db, id))!) };
}

/** A volunteer books a service for themselves or a registered family member, from their own points. */
export async function book(ctx: Ctx, key: string | undefined, b: z.infer<typeof BookingBody>) {
  return idempotent(ctx, key, { route: 'timebank.book', body: b }, async (tx) => {
    const { volunteer, account } = await ownAccount(tx, b.accountId);
    await checkThreshold(tx, account.scheme_id, volunteer.id);
    return placeBooking(tx, account, b);
  });
}

/**
 * An administrator books a service for a priority elder, from the points granted to them. A service
 * delivered as a dispatch order becomes a proxy order (代点单) on the elder's behalf with their consent
 * noted, never an order of the administrator's own.
 */
export async function bookForElder(ctx: Ctx, key: string | undefined, b: z.infer<typeof ElderBookingBody>) {
  return idempotent(ctx, key, { route: 'timebank.book_elder', body: b }, async (tx) => {
    const { scheme, account } = await accountInRegion(tx, b.region, b.accountId);
    if (account.kind !== 'elder') throw new DomainError('TIMEBANK_ACCOUNT_NOT_FOUND');
    const { region: _region, consentNote, ...booking } = b;
    return placeBooking(tx, account, booking, {
      residentName: account.label ?? '',
      consentNote: consentNote ?? '',
      schemeRegion: scheme.region_code,
    });
  });
}

/**
 * Closes a held booking: `settled` points to the services account, the rest back to the payer. Run by an
 * administrator or by the delivery job (no actor: the dispatch order's completion decided it).
 */
export async function close(tx: Ctx, booking: repo.BookingRow, settled: number | null, deliveryRef?: string) {
  if (booking.status !== 'held') throw new DomainError('TIMEBANK_BOOKING_STATE');
  const paid = settled ?? 0;
  if (paid > booking.held) throw new DomainError('TIMEBANK_SETTLE_OVER_HOLD');
  const me = tx.actor?.userId ?? null;
  if (paid > 0)
    await move(tx, {
      schemeId: booking.scheme_id,
      debit: booking.hold_account_id,
      credit: await ledger.systemAccount(tx.db, booking.scheme_id, 'services'),
      amount: paid,
      kind: 'settle',
      actorId: me,
      bookingId: booking.id,
    });
  const back = booking.held - paid;
  if (back > 0) {
    const scheme = (await ledger.schemeById(tx.db, booking.scheme_id))!;
    await creditCapped(tx, {
      schemeId: booking.scheme_id,
      debit: booking.hold_account_id,
      credit: booking.payer_account_id,
      creditKind: booking.payer_kind,
      cap: scheme.balance_cap,
      amount: back,
      kind: 'release',
      actorId: me,
      bookingId: booking.id,
    });
  }
  await repo.closeBooking(tx.db, booking.id, {
    status: settled === null ? 'cancelled' : 'settled',
    settled,
    closed_by: me,
    closed_at: tx.clock(),
    ...(deliveryRef ? { delivery_ref: deliveryRef } : {}),
  });
  await recordAudit(tx, {
    action: settled === null ? 'timebank.booking_cancelled' : 'timebank.booking_settled',
    result: 'ok',
    objectType: 'timebank_booking',
    objectId: booking.id,
    details: { held: booking.held, settled, orderId: booking.order_id },
  });
  return { booking: bookingView((await repo.bookingById(tx.db, booking.id))!) };
}

export async function myBookings(ctx: Ctx) {
  const v = await ownVolunteer(ctx);
  return { items: (await repo.bookingsOfVolunteer(ctx.db, v.id)).map(bookingView) };
}

/** The volunteer cancels their own held booking: every held point comes back. */
export async function cancelMine(ctx: Ctx, key: string | undefined, id: string) {
  return idempotent(ctx, key, { route: 'timebank.cancel', body: { id } }, async (tx) => {
    const booking = await repo.bookingById(tx.db, id, true);
    if (!booking) throw new DomainError('TIMEBANK_BOOKING_NOT_FOUND');
    await ownAccount(tx, booking.payer_account_id).catch(() => {
      throw new DomainError('TIMEBANK_BOOKING_NOT_FOUND');
    });
    return close(tx, booking, null);
  });
}

async function bookingInRegion(tx: Ctx, region: string, id: string) {
  const s = await schemeOfRegion(tx, region);
  const booking = await repo.bookingById(tx.db, id, true);
  if (!booking || booking.scheme_id !== s.id) throw new DomainError('TIMEBANK_BOOKING_NOT_FOUND');
  if (booking.payer_user_id === actorOf(tx).userId) throw new DomainError('TIMEBANK_OWN_DECISION');
  return booking;
}

export async function adminBookings(ctx: Ctx, region: string) {
  const s = await schemeOfRegion(ctx, region);
  return { items: (await repo.bookingsOfScheme(ctx.db, s.id)).map(bookingView) };
}

/** The service was delivered: settle at most what was held (an administrator; never their own booking). */
export async function settle(ctx: Ctx, key: string | undefined, b: z.infer<typeof SettleBody>) {
  return idempotent(ctx, key, { route: 'timebank.settle', body: b }, async (tx) =>
    close(tx, await bookingInRegion(tx, b.region, b.bookingId), b.points, b.deliveryRef),
  );
}

export async function adminCancel(ctx: Ctx, key: string | undefined, b: z.infer<typeof AdminCancelBody>) {
  return idempotent(ctx, key, { route: 'timebank.admin_cancel', body: b }, async (tx) =>
    close(tx, await bookingInRegion(tx, b.region, b.bookingId), null),
  );
}
