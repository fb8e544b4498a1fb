import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * Marks today's overdue-record notice of every organization with drafts past their due date (China day
 * `today`) that has none yet, and returns them with their admins. The INSERT … ON CONFLICT DO NOTHING is
 * the once-a-day guarantee: a second sweep the same day, or one after a restart, returns nothing.
 */
export async function claimOverdueNotices(db: Database, today: string, now: Date) {
  const res = await sql<{
    org_id: string;
    org_name: string;
    records: number;
    since: string;
    admins: string[];
  }>`
    WITH due AS (
      SELECT r.org_id, count(*)::int AS records, min(r.due_date) AS since
        FROM service_records r
       WHERE r.status = 'draft' AND r.due_date < ${today}::date
       GROUP BY r.org_id
    ), marked AS (
      INSERT INTO records_overdue_notices (org_id, day, records, sent_at)
      SELECT org_id, ${today}::date, records, ${now} FROM due
      ON CONFLICT (org_id, day) DO NOTHING
      RETURNING org_id
    )
    SELECT d.org_id, o.name AS org_name, d.records, to_char(d.since, 'YYYY-MM-DD') AS since,
           ARRAY(SELECT g.user_id FROM role_grants g
                  WHERE g.role = 'org_admin' AND g.org_id = d.org_id AND g.revoked_at IS NULL) AS admins
      FROM marked m
      JOIN due d ON d.org_id = m.org_id
      JOIN organizations o ON o.id = d.org_id`.execute(db);
  return res.rows;
}
