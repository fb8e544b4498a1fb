import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * Marks the expiry notice of every qualification that expires within `days` of `now` (unrevoked, its holder
 * an active volunteer with an account, not already renewed by a later one of the same type lasting longer)
 * and has none yet, and returns them with the holder's account and the type's names. INSERT … ON CONFLICT
 * DO NOTHING is the once-per-qualification guarantee: a repeated or restarted sweep returns nothing.
 */
export async function claimExpiryNotices(db: Database, now: Date, days: number) {
  const until = new Date(now.getTime() + days * 86_400_000);
  const res = await sql<{
    qualification_id: string;
    user_id: string;
    expires_at: Date;
    name_zh_cn: string;
    name_zh_hk: string;
    name_en: string;
  }>`
    WITH due AS (
      SELECT q.id, q.expires_at, q.type_code, v.user_id
        FROM qualifications q
        JOIN volunteers v ON v.id = q.volunteer_id
       WHERE q.expires_at > ${now} AND q.expires_at <= ${until}
         AND v.status = 'active' AND v.user_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM qualification_revocations x WHERE x.qualification_id = q.id)
         AND NOT EXISTS (SELECT 1 FROM qualifications n
                          WHERE n.volunteer_id = q.volunteer_id AND n.type_code = q.type_code AND n.id <> q.id
                            AND (n.expires_at IS NULL OR n.expires_at > q.expires_at)
                            AND NOT EXISTS (SELECT 1 FROM qualification_revocations y
                                             WHERE y.qualification_id = n.id))
    ), marked AS (
      INSERT INTO qualification_expiry_notices (qualification_id, sent_at)
      SELECT id, ${now} FROM due
      ON CONFLICT (qualification_id) DO NOTHING
      RETURNING qualification_id
    )
    SELECT d.id AS qualification_id, d.user_id, d.expires_at, t.name_zh_cn, t.name_zh_hk, t.name_en
      FROM marked m
      JOIN due d ON d.id = m.qualification_id
      JOIN qualification_types t ON t.code = d.type_code`.execute(db);
  return res.rows;
}
