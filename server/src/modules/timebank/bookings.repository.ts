import type { Database } from '../../db/database.ts';

/** SQL of the time-bank menu and bookings (bookings.service.ts). */

const MENU = ['id', 'scheme_id', 'name', 'points', 'active', 'dispatch_item_id'] as const;

export async function menuOf(db: Database, schemeId: string, activeOnly: boolean) {
  let q = db.selectFrom('timebank_menu').select(MENU).where('scheme_id', '=', schemeId);
  if (activeOnly) q = q.where('active', '=', true);
  return q.orderBy('points').orderBy('name').execute();
}

export async function menuItem(db: Database, id: string) {
  return db.selectFrom('timebank_menu').select(MENU).where('id', '=', id).executeTakeFirst();
}

export async function insertMenuItem(
  db: Database,
  v: {
    scheme_id: string;
    name: string;
    points: number;
    dispatch_item_id: string | null;
    created_by: string;
  },
) {
  return db.insertInto('timebank_menu').values(v).returning(MENU).executeTakeFirstOrThrow();
}

export async function insertBooking(
  db: Database,
  v: {
    scheme_id: string;
    menu_item_id: string;
    payer_account_id: string;
    hold_account_id: string;
    held: number;
    note: string | null;
    order_id: string | null;
    delivery_ref: string | null;
    booked_by: string;
    created_at: Date;
  },
) {
  return (await db.insertInto('timebank_bookings').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

const BOOKING_VIEW = [
  'b.id',
  'b.scheme_id',
  'b.menu_item_id',
  'm.name as service',
  'b.payer_account_id',
  'p.kind as payer_kind',
  'p.label as payer_label',
  'p.volunteer_id as payer_volunteer_id',
  'pv.user_id as payer_user_id',
  'b.hold_account_id',
  'b.held',
  'b.status',
  'b.settled',
  'b.note',
  'b.delivery_ref',
  'b.order_id',
  'b.booked_by',
  'b.created_at',
  'b.closed_at',
] as const;

const bookings = (db: Database) =>
  db
    .selectFrom('timebank_bookings as b')
    .innerJoin('timebank_menu as m', 'm.id', 'b.menu_item_id')
    .innerJoin('timebank_accounts as p', 'p.id', 'b.payer_account_id')
    .leftJoin('volunteers as pv', 'pv.id', 'p.volunteer_id');

export type BookingRow = Awaited<ReturnType<typeof bookingById>> & object;

/** One booking; `hold` locks its row (settle and cancel queue on it). */
export async function bookingById(db: Database, id: string, hold = false) {
  let q = bookings(db).select(BOOKING_VIEW).where('b.id', '=', id);
  if (hold) q = q.forUpdate('b');
  return q.executeTakeFirst();
}

export async function bookingsOfVolunteer(db: Database, volunteerId: string) {
  return bookings(db)
    .select(BOOKING_VIEW)
    .where('p.volunteer_id', '=', volunteerId)
    .orderBy('b.created_at', 'desc')
    .limit(200)
    .execute();
}

export async function bookingsOfScheme(db: Database, schemeId: string) {
  return bookings(db)
    .select(BOOKING_VIEW)
    .where('b.scheme_id', '=', schemeId)
    .orderBy('b.status')
    .orderBy('b.created_at', 'desc')
    .limit(200)
    .execute();
}

export async function closeBooking(
  db: Database,
  id: string,
  v: {
    status: 'settled' | 'cancelled';
    settled: number | null;
    closed_by: string | null;
    closed_at: Date;
    delivery_ref?: string | null;
  },
) {
  await db
    .updateTable('timebank_bookings')
    .set(v)
    .where('id', '=', id)
    .where('status', '=', 'held')
    .execute();
}

/** Held bookings delivered by a dispatch order (the delivery job follows each order's state). */
export async function heldWithOrders(db: Database, limit: number) {
  return db
    .selectFrom('timebank_bookings')
    .select(['id', 'order_id'])
    .where('status', '=', 'held')
    .where('order_id', 'is not', null)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Whether a dispatch order already delivers a booking (one booking per order). */
export async function bookingOfOrder(db: Database, orderId: string) {
  return db.selectFrom('timebank_bookings').select('id').where('order_id', '=', orderId).executeTakeFirst();
}
