import type { Database } from '../../db/database.ts';

/** One page of a user's notices, newest first, with their total and how many are unread. */
export async function listNotices(db: Database, userId: string, page: number, pageSize: number) {
  const base = db.selectFrom('notifications').where('user_id', '=', userId);
  const [rows, total, unread] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .where('read_at', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n), unread: Number(unread.n) };
}

export async function isOwnNotice(db: Database, userId: string, id: string): Promise<boolean> {
  const own = await db
    .selectFrom('notifications')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Boolean(own);
}

/** Marks the user's unread notices read (only `id`, when given); returns how many. */
export async function markRead(db: Database, userId: string, at: Date, id?: string): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The accounts of volunteers (imported people without an account have none), by volunteer id. */
export async function accountsOfVolunteers(db: Database, volunteerIds: string[]) {
  if (volunteerIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('volunteers')
    .select(['id', 'user_id'])
    .where('id', 'in', volunteerIds)
    .where('user_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.user_id!]));
}

/** Activity titles by id, for notices that name the activity. */
export async function activityTitles(db: Database, activityIds: string[]) {
  if (activityIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('activities')
    .select(['id', 'title'])
    .where('id', 'in', activityIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}
