import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { items } from './dispatch.repository.ts';

/** SQL of menu management: a unit's items one page at a time, edits, retirement, a team's offers. */

type Status = 'approved' | 'proposed' | 'refused' | 'withdrawn';

/** One page of the items of a unit (exact code and level) or of every unit inside a prefix. */
export async function unitItemsPage(
  db: Database,
  where: { unit: { code: string; level: number } } | { prefix: string },
  status: Status | undefined,
  page: number,
  pageSize: number,
) {
  const inUnit =
    'unit' in where
      ? sql<boolean>`i.unit_code = ${where.unit.code} AND i.unit_level = ${where.unit.level}`
      : sql<boolean>`i.unit_code LIKE ${`${where.prefix}%`}`;
  const ofStatus = status ? sql<boolean>`i.status = ${status}` : sql<boolean>`TRUE`;
  const [rows, count] = await Promise.all([
    items(db)
      .where(inUnit)
      .where(ofStatus)
      .orderBy('i.category')
      .orderBy('i.title')
      .orderBy('i.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('dispatch_menu_items as i')
      .where(inUnit)
      .where(ofStatus)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** A team's offers, newest first. */
export async function offersOf(db: Database, orgId: string, page: number, pageSize: number) {
  const filter = db.selectFrom('dispatch_menu_items as i').where('i.offered_by_org', '=', orgId);
  const [rows, count] = await Promise.all([
    items(db)
      .where('i.offered_by_org', '=', orgId)
      .orderBy('i.created_at', 'desc')
      .orderBy('i.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filter.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Replaces an approved item's description, teams and timers; null when it is not approved (any more). */
export function updateItem(
  db: Database,
  id: string,
  v: {
    category: string;
    title: string;
    description: string;
    team_ids: string[];
    review_days: number;
    dispatch_days: number;
    accept_days: number;
    escalate_days: number;
    follow_up_days: number;
  },
  by: string,
  at: Date,
) {
  return db
    .updateTable('dispatch_menu_items')
    .set({ ...v, updated_by: by, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .returning('id')
    .executeTakeFirst();
}

/** Takes an approved item off the menu (orders already placed keep it); null when it is not approved. */
export function retireItem(db: Database, id: string, by: string, at: Date) {
  return db
    .updateTable('dispatch_menu_items')
    .set({ status: 'withdrawn', updated_by: by, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .returning('id')
    .executeTakeFirst();
}

/** Who offered an item (the offering team's admin may not decide it). */
export function itemCreator(db: Database, id: string) {
  return db
    .selectFrom('dispatch_menu_items')
    .select(['created_by', 'offered_by_org', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}
