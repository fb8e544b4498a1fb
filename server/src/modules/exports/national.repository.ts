import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * Reads for the national export (全国志愿服务信息系统), each one page after a cursor, within a region
 * subtree (organizations by their region, volunteers by residence, records by the recording organization).
 */
export function volunteers(db: Database, prefix: string, after: string, limit: number) {
  return db
    .selectFrom('volunteers')
    .select([
      'volunteer_no as cursor',
      'volunteer_no',
      'name',
      'gender',
      sql<string | null>`to_char(birth_date, 'YYYY-MM-DD')`.as('birth_date'),
      'doc_type',
      'doc_number_enc',
      'region_code',
      'verification_status',
      'created_at',
    ])
    .where('status', '=', 'active')
    .where('region_code', 'like', `${prefix}%`)
    .where('volunteer_no', '>', after)
    .orderBy('volunteer_no')
    .limit(limit)
    .execute();
}

export function organizations(db: Database, prefix: string, after: string, limit: number) {
  return db
    .selectFrom('organizations')
    .select([
      sql<string>`id::text`.as('cursor'),
      'id',
      'name',
      'uscc',
      'org_type',
      'region_code',
      'host_unit',
      'host_unit_uscc',
      'person_in_charge',
      'handler_name',
      'parent_id',
      'status',
    ])
    .where('region_code', 'like', `${prefix}%`)
    .where(sql<boolean>`id::text > ${after}`)
    .orderBy(sql`id::text`)
    .limit(limit)
    .execute();
}

export function activities(db: Database, prefix: string, after: string, limit: number) {
  return db
    .selectFrom('activities as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select([
      sql<string>`a.id::text`.as('cursor'),
      'a.id',
      'a.org_id',
      'o.uscc',
      'o.name as org_name',
      'o.host_unit',
      'o.host_unit_uscc',
      'a.title',
      'a.category',
      'a.region_code',
      'a.address',
      'a.starts_at',
      'a.ends_at',
      'a.status',
    ])
    .where('o.region_code', 'like', `${prefix}%`)
    .where('a.status', '<>', 'draft')
    .where(sql<boolean>`a.id::text > ${after}`)
    .orderBy(sql`a.id::text`)
    .limit(limit)
    .execute();
}

/**
 * Confirmed records summed per (volunteer, activity, date), the national key: a second shift the same day
 * changes that line's hours instead of adding a line, so re-sending a key is idempotent. A back-fill without
 * an activity is keyed by its record id.
 */
export function recordLines(
  db: Database,
  prefix: string,
  after: string,
  limit: number,
  onlyPending: boolean,
) {
  return db
    .selectFrom('service_records as r')
    .innerJoin('volunteers as v', 'v.id', 'r.volunteer_id')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select([
      sql<string>`v.volunteer_no || '|' || coalesce(r.activity_id::text, r.id::text) || '|' || to_char(r.service_date, 'YYYY-MM-DD')`.as(
        'cursor',
      ),
      'v.volunteer_no',
      sql<string>`coalesce(r.activity_id::text, r.id::text)`.as('activity_key'),
      sql<string>`to_char(r.service_date, 'YYYY-MM-DD')`.as('service_date'),
      sql<string>`max(r.activity_title)`.as('activity_title'),
      sql<string>`max(o.name)`.as('org_name'),
      sql<string | null>`max(o.uscc)`.as('org_uscc'),
      sql<string | null>`max(o.host_unit)`.as('host_unit'),
      sql<string | null>`max(o.host_unit_uscc)`.as('host_unit_uscc'),
      sql<string>`max(r.place)`.as('place'),
      sql<string>`string_agg(DISTINCT r.content, '；')`.as('content'),
      sql<string>`max(r.person_in_charge)`.as('person_in_charge'),
      sql<number>`sum(r.minutes)::int`.as('minutes'),
      sql<string[]>`array_agg(r.id::text ORDER BY r.seq)`.as('record_ids'),
      sql<string>`CASE WHEN bool_and(r.sync_status = 'synced') THEN 'synced'
        WHEN bool_or(r.sync_status = 'failed') THEN 'failed' ELSE 'pending' END`.as('sync_status'),
    ])
    .where('r.status', '=', 'confirmed')
    .where('o.region_code', 'like', `${prefix}%`)
    .groupBy(['v.volunteer_no', sql`coalesce(r.activity_id::text, r.id::text)`, 'r.service_date'])
    .$if(onlyPending, (q) => q.having(sql<boolean>`bool_or(r.sync_status <> 'synced')`))
    .having(
      sql<boolean>`v.volunteer_no || '|' || coalesce(r.activity_id::text, r.id::text) || '|' || to_char(r.service_date, 'YYYY-MM-DD') > ${after}`,
    )
    .orderBy('cursor')
    .limit(limit)
    .execute();
}

/**
 * Training, award and evaluation records (记录办法) of units in the region, one line each, keyed by
 * kind and id so a re-sent line replaces the national entry. Insert-only tables: a line never changes.
 */
export function personRecords(db: Database, prefix: string, after: string, limit: number) {
  const unit = ['o.name as org_name', 'o.uscc as org_uscc', 'o.host_unit', 'o.host_unit_uscc'] as const;
  const none = sql<string | null>`NULL::text`;
  const training = db
    .selectFrom('training_records as x')
    .innerJoin('organizations as o', 'o.id', 'x.org_id')
    .innerJoin('volunteers as v', 'v.id', 'x.volunteer_id')
    .where('o.region_code', 'like', `${prefix}%`)
    .select([
      sql<string>`'training|' || x.id::text`.as('cursor'),
      sql<string>`'training'`.as('kind'),
      'x.id',
      'v.volunteer_no',
      ...unit,
      sql<string>`to_char(x.training_date, 'YYYY-MM-DD')`.as('day'),
      sql<string | null>`x.name`.as('name'),
      sql<string | null>`x.content`.as('content'),
      sql<number | null>`x.minutes`.as('minutes'),
      sql<string | null>`x.host`.as('host'),
      none.as('grantor'),
      none.as('grant_type'),
      none.as('activity_id'),
      none.as('quality'),
      sql<number | null>`NULL::int`.as('stars'),
    ]);
  const award = db
    .selectFrom('award_records as x')
    .innerJoin('organizations as o', 'o.id', 'x.org_id')
    .innerJoin('volunteers as v', 'v.id', 'x.volunteer_id')
    .where('o.region_code', 'like', `${prefix}%`)
    .select([
      sql<string>`'award|' || x.id::text`.as('cursor'),
      sql<string>`'award'`.as('kind'),
      'x.id',
      'v.volunteer_no',
      ...unit,
      sql<string>`to_char(x.award_date, 'YYYY-MM-DD')`.as('day'),
      sql<string | null>`x.name`.as('name'),
      none.as('content'),
      sql<number | null>`NULL::int`.as('minutes'),
      none.as('host'),
      sql<string | null>`x.grantor`.as('grantor'),
      sql<string | null>`x.grant_type`.as('grant_type'),
      none.as('activity_id'),
      none.as('quality'),
      sql<number | null>`NULL::int`.as('stars'),
    ]);
  const evaluation = db
    .selectFrom('evaluation_records as x')
    .innerJoin('organizations as o', 'o.id', 'x.org_id')
    .innerJoin('volunteers as v', 'v.id', 'x.volunteer_id')
    .where('o.region_code', 'like', `${prefix}%`)
    .select([
      sql<string>`'evaluation|' || x.id::text`.as('cursor'),
      sql<string>`'evaluation'`.as('kind'),
      'x.id',
      'v.volunteer_no',
      ...unit,
      sql<string>`to_char(x.evaluation_date, 'YYYY-MM-DD')`.as('day'),
      none.as('name'),
      sql<string | null>`x.comment`.as('content'),
      sql<number | null>`NULL::int`.as('minutes'),
      none.as('host'),
      none.as('grantor'),
      none.as('grant_type'),
      sql<string | null>`x.activity_id::text`.as('activity_id'),
      sql<string | null>`x.quality`.as('quality'),
      sql<number | null>`x.stars::int`.as('stars'),
    ]);
  return db
    .selectFrom(training.unionAll(award).unionAll(evaluation).as('u'))
    .selectAll()
    .where('u.cursor', '>', after)
    .orderBy('u.cursor')
    .limit(limit)
    .execute();
}

/**
 * Issued and revoked certificates of records of units in the region (by the recording unit), with who
 * issued them; requests and rejections are internal and never leave.
 */
export function certificates(db: Database, prefix: string, after: string, limit: number) {
  return db
    .selectFrom('certificates as c')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .leftJoin('organizations as io', 'io.id', 'c.issued_by_org_id')
    .innerJoin('volunteers as v', 'v.id', 'c.volunteer_id')
    .select([
      sql<string>`c.number`.as('cursor'),
      sql<string>`c.number`.as('number'),
      'v.volunteer_no',
      'c.status',
      'c.scope',
      'c.issued_at',
      'c.revoked_at',
      'c.record_ids',
      'c.total_minutes',
      'c.content_hash',
      'c.issuer_name',
      'io.uscc as issuer_uscc',
      'io.host_unit as issuer_host_unit',
      'io.host_unit_uscc as issuer_host_unit_uscc',
      'c.original_unit_name',
      'c.person_in_charge',
      'c.handler_name',
      'o.name as org_name',
      'o.uscc as org_uscc',
      'o.host_unit',
      'o.host_unit_uscc',
    ])
    .where('c.status', 'in', ['issued', 'revoked'])
    .where('o.region_code', 'like', `${prefix}%`)
    .where('c.number', '>', after)
    .orderBy('c.number')
    .limit(limit)
    .execute();
}

/** Marks the confirmed records of national keys as synced or failed (what the sync job reports back). */
export async function markSynced(
  db: Database,
  prefix: string,
  keys: { volunteerNo: string; activityKey: string; serviceDate: string }[],
  status: 'synced' | 'failed',
  now: Date,
) {
  let n = 0;
  for (const k of keys) {
    const r = await sql`UPDATE service_records r SET sync_status = ${status}, synced_at = ${now}
      FROM volunteers v, organizations o
      WHERE v.id = r.volunteer_id AND o.id = r.org_id AND o.region_code LIKE ${prefix + '%'}
        AND r.status = 'confirmed' AND v.volunteer_no = ${k.volunteerNo}
        AND coalesce(r.activity_id::text, r.id::text) = ${k.activityKey}
        AND r.service_date = ${k.serviceDate}::date`.execute(db);
    n += Number(r.numAffectedRows ?? 0);
  }
  return n;
}
