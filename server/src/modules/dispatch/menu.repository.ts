import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { isTopRegionRow } from '../../db/region-sql.ts';
import { likeEscape } from '../../db/like.ts';
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

/** A team's offers (or a village station's: `by` its community code), newest first. */
export async function offersOf(
  db: Database,
  by: { org: string } | { unit: string },
  page: number,
  pageSize: number,
) {
  const column = 'org' in by ? 'i.offered_by_org' : 'i.offered_by_unit_code';
  const id = 'org' in by ? by.org : by.unit;
  const filter = db.selectFrom('dispatch_menu_items as i').where(column, '=', id);
  const [rows, count] = await Promise.all([
    items(db)
      .where(column, '=', id)
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

/**
 * Approved teams registered inside a subtree (`prefix`) or at one of the regions above it (`above`), by
 * name, with the name of the region each is registered in: the teams a unit may name on its items.
 */
export async function eligibleTeams(
  db: Database,
  prefix: string,
  above: string[],
  q: string,
  page: number,
  pageSize: number,
) {
  let base = db
    .selectFrom('organizations as o')
    .where('o.status', '=', 'approved')
    .where((eb) =>
      eb.or([
        eb('o.region_code', 'like', `${prefix}%`),
        ...(above.length ? [eb('o.region_code', 'in', above)] : []),
      ]),
    );
  if (q) base = base.where('o.name', 'ilike', `%${likeEscape(q)}%`);
  const [rows, count] = await Promise.all([
    base
      .innerJoin('regions as r', (j) => j.onRef('r.code', '=', 'o.region_code').on(isTopRegionRow('r')))
      .select(['o.id', 'o.name', 'r.name as region_name'])
      .orderBy('o.name')
      .orderBy('o.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Who offered an item (the offering team's admin may not decide it). */
export function itemCreator(db: Database, id: string) {
  return db
    .selectFrom('dispatch_menu_items')
    .select(['created_by', 'offered_by_org', 'offered_by_unit_code', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}
