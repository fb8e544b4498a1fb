import { sql } from 'kysely';
import { DAY_MINUTES } from '@yiqi/shared/records/hours';
import type { Database } from '../../db/database.ts';

/**
 * Fraud signals for reviewers: patterns that real service rarely produces. Each query returns the
 * volunteer, the records involved and a small detail; none of them decides anything on its own.
 * All are limited to records of organizations under a region (code prefix).
 */
export interface SignalRow {
  volunteer_id: string;
  volunteer_no: string;
  name: string | null;
  record_ids: string[];
  detail: Record<string, unknown>;
}

const LIVE = sql`r.status IN ('draft', 'pending', 'confirmed')`;

/** More than 24 hours on one day, counting drafts and pending entries too. */
export async function overDay(db: Database, prefix: string, limit: number) {
  const r = await sql<SignalRow>`
    SELECT v.id AS volunteer_id, v.volunteer_no, v.name, array_agg(r.id::text ORDER BY r.seq) AS record_ids,
      jsonb_build_object('date', to_char(r.service_date, 'YYYY-MM-DD'), 'minutes', sum(r.minutes)) AS detail
    FROM service_records r JOIN volunteers v ON v.id = r.volunteer_id JOIN organizations o ON o.id = r.org_id
    WHERE ${LIVE} AND o.region_code LIKE ${prefix + '%'}
    GROUP BY v.id, r.service_date HAVING sum(r.minutes) > ${DAY_MINUTES}
    ORDER BY sum(r.minutes) DESC LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** Two live records of one volunteer whose check-in/out times overlap. */
export async function overlapping(db: Database, prefix: string, limit: number) {
  const r = await sql<SignalRow>`
    SELECT v.id AS volunteer_id, v.volunteer_no, v.name, ARRAY[a.id::text, b.id::text] AS record_ids,
      jsonb_build_object('first', a.activity_title, 'second', b.activity_title) AS detail
    FROM service_records a
    JOIN service_records b ON b.volunteer_id = a.volunteer_id AND b.seq > a.seq
      AND tstzrange(a.check_in_at, a.check_out_at) && tstzrange(b.check_in_at, b.check_out_at)
    JOIN volunteers v ON v.id = a.volunteer_id JOIN organizations o ON o.id = a.org_id
    WHERE a.status IN ('draft', 'pending', 'confirmed') AND b.status IN ('draft', 'pending', 'confirmed')
      AND a.check_out_at IS NOT NULL AND b.check_out_at IS NOT NULL AND a.corrects_id IS NULL AND b.corrects_id IS NULL
      AND o.region_code LIKE ${prefix + '%'}
    LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** Consecutive check-ins at two sites farther apart than 120 km/h could cover in the time between them. */
export async function travel(db: Database, prefix: string, limit: number) {
  const r = await sql<SignalRow>`
    WITH seq AS (
      SELECT t.volunteer_id, t.id, t.check_in_at, coalesce(t.check_out_at, t.check_in_at) AS left_at, ac.lat, ac.lng,
        ac.title, o.region_code,
        lag(coalesce(t.check_out_at, t.check_in_at)) OVER w AS prev_left, lag(ac.lat) OVER w AS prev_lat,
        lag(ac.lng) OVER w AS prev_lng, lag(t.id) OVER w AS prev_id, lag(ac.title) OVER w AS prev_title
      FROM attendances t JOIN activities ac ON ac.id = t.activity_id JOIN organizations o ON o.id = ac.org_id
      WHERE t.review_status <> 'rejected'
      WINDOW w AS (PARTITION BY t.volunteer_id ORDER BY t.check_in_at)
    ), legs AS (
      SELECT *, 6371 * 2 * asin(sqrt(power(sin(radians(lat - prev_lat) / 2), 2)
        + cos(radians(prev_lat)) * cos(radians(lat)) * power(sin(radians(lng - prev_lng) / 2), 2))) AS km,
        greatest(extract(epoch FROM check_in_at - prev_left) / 3600, 1.0 / 60) AS h
      FROM seq WHERE prev_lat IS NOT NULL AND lat IS NOT NULL
    )
    SELECT v.id AS volunteer_id, v.volunteer_no, v.name, ARRAY[l.prev_id::text, l.id::text] AS record_ids,
      jsonb_build_object('from', l.prev_title, 'to', l.title, 'km', round(l.km::numeric, 1),
        'kmh', round((l.km / l.h)::numeric)) AS detail
    FROM legs l JOIN volunteers v ON v.id = l.volunteer_id
    WHERE l.km / l.h > 120 AND l.km > 5 AND l.region_code LIKE ${prefix + '%'}
    LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** Confirmations within a minute of the record's creation, by someone confirming 20 or more that minute. */
export async function rubberStamp(db: Database, prefix: string, limit: number) {
  const r = await sql<SignalRow>`
    SELECT v.id AS volunteer_id, v.volunteer_no, v.name, array_agg(r.id::text) AS record_ids,
      jsonb_build_object('decidedBy', r.decided_by, 'minute', to_char(date_trunc('minute', r.decided_at), 'YYYY-MM-DD"T"HH24:MI'),
        'batch', max(b.n)) AS detail
    FROM service_records r
    JOIN (SELECT decided_by, date_trunc('minute', decided_at) AS m, count(*) AS n FROM service_records
          WHERE status = 'confirmed' GROUP BY 1, 2 HAVING count(*) >= 20) b
      ON b.decided_by = r.decided_by AND b.m = date_trunc('minute', r.decided_at)
    JOIN volunteers v ON v.id = r.volunteer_id JOIN organizations o ON o.id = r.org_id
    WHERE r.status = 'confirmed' AND r.decided_at - r.created_at < interval '60 seconds'
      AND o.region_code LIKE ${prefix + '%'}
    GROUP BY v.id, r.decided_by, date_trunc('minute', r.decided_at)
    LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** The last 30 days above 40 hours and over three times the volunteer's monthly average of the 6 months before. */
export async function spikes(db: Database, prefix: string, today: string, limit: number) {
  const r = await sql<SignalRow>`
    WITH m AS (
      SELECT r.volunteer_id,
        sum(r.minutes) FILTER (WHERE r.service_date > ${today}::date - 30) AS recent,
        sum(r.minutes) FILTER (WHERE r.service_date <= ${today}::date - 30 AND r.service_date > ${today}::date - 210) AS before,
        array_agg(r.id::text) FILTER (WHERE r.service_date > ${today}::date - 30) AS ids
      FROM service_records r JOIN organizations o ON o.id = r.org_id
      WHERE ${LIVE} AND o.region_code LIKE ${prefix + '%'} AND r.service_date > ${today}::date - 210
      GROUP BY r.volunteer_id
    )
    SELECT v.id AS volunteer_id, v.volunteer_no, v.name, m.ids AS record_ids,
      jsonb_build_object('recentHours', round(m.recent / 60.0, 1), 'monthlyAverageHours', round(coalesce(m.before, 0) / 6 / 60.0, 1)) AS detail
    FROM m JOIN volunteers v ON v.id = m.volunteer_id
    WHERE m.recent > 40 * 60 AND m.recent > 3 * coalesce(m.before, 0) / 6
    LIMIT ${limit}`.execute(db);
  return r.rows;
}
