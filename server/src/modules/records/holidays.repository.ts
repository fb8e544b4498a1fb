import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/** The year tables administrators entered: the newest of each year, with who entered it. */
export async function currentTables(db: Database) {
  const r = await sql<{
    year: number;
    holidays: string[];
    workdays: string[];
    source: string;
    created_at: Date;
    entered_by: string | null;
  }>`
    SELECT DISTINCT ON (h.year) h.year, h.holidays, h.workdays, h.source, h.created_at, u.username AS entered_by
    FROM holiday_tables h LEFT JOIN users u ON u.id = h.created_by
    ORDER BY h.year, h.seq DESC`.execute(db);
  return r.rows;
}

export function insertTable(
  db: Database,
  t: { year: number; holidays: string[]; workdays: string[]; source: string; createdBy: string; at: Date },
) {
  return db
    .insertInto('holiday_tables')
    .values({
      year: t.year,
      holidays: JSON.stringify(t.holidays),
      workdays: JSON.stringify(t.workdays),
      source: t.source,
      created_by: t.createdBy,
      created_at: t.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Drafts (mutable) whose due date a table of `year` may move: activities ended from a month before it. */
export function draftsToRedate(db: Database, year: number) {
  return db
    .selectFrom('service_records as r')
    .innerJoin('activities as a', 'a.id', 'r.activity_id')
    .select(['r.id', 'a.ends_at', sql<string | null>`to_char(r.due_date, 'YYYY-MM-DD')`.as('due_day')])
    .where('r.status', '=', 'draft')
    .where('r.kind', '=', 'attendance')
    .where('a.ends_at', '>=', new Date(Date.UTC(year - 1, 11, 1)))
    .where('a.ends_at', '<', new Date(Date.UTC(year + 1, 0, 1)))
    .execute();
}

export async function setDueDate(db: Database, id: string, due: string) {
  await db
    .updateTable('service_records')
    .set({ due_date: due })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}
