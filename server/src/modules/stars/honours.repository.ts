import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { HonourKind } from '../../db/schema.stars.ts';

/** SQL of honours rounds and nominations (honours.service.ts). */

export function insertRound(
  db: Database,
  row: {
    region_code: string;
    region_level: number;
    year: number;
    kind: HonourKind;
    title: string;
    quota: number;
    created_by: string;
  },
) {
  return db.insertInto('honour_rounds').values(row).returning('id').executeTakeFirstOrThrow();
}

const roundSelect = (db: Database) =>
  db.selectFrom('honour_rounds as r').select([
    'r.id',
    'r.region_code',
    'r.region_level',
    'r.year',
    'r.kind',
    'r.title',
    'r.quota',
    'r.status',
    'r.published_at',
    sql<
      string | null
    >`(SELECT g.name FROM regions g WHERE g.code = r.region_code ORDER BY g.level LIMIT 1)`.as('region_name'),
    sql<string>`(SELECT count(*) FROM honour_nominations n WHERE n.round_id = r.id)`.as('nominations'),
    sql<string>`(SELECT count(*) FROM honour_nominations n WHERE n.round_id = r.id
        AND n.status = 'approved')`.as('approved'),
  ]);

export function roundById(db: Database, id: string, opts: { lock?: boolean } = {}) {
  const q = roundSelect(db).where('r.id', '=', id);
  return (opts.lock ? q.forUpdate('r') : q).executeTakeFirst();
}

/** Rounds in any of the region subtrees (prefixes), newest year first. */
export function roundsIn(db: Database, prefixes: string[]) {
  return roundSelect(db)
    .where((eb) => eb.or(prefixes.map((p) => eb('r.region_code', 'like', `${p}%`))))
    .orderBy('r.year', 'desc')
    .orderBy('r.created_at', 'desc')
    .limit(200)
    .execute();
}

export function publishedRounds(db: Database) {
  return roundSelect(db)
    .where('r.status', '=', 'published')
    .orderBy('r.published_at', 'desc')
    .limit(100)
    .execute();
}

export function organization(db: Database, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'region_code', 'parent_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function insertNomination(
  db: Database,
  row: {
    round_id: string;
    org_id: string;
    volunteer_id: string | null;
    nominee_org_id: string | null;
    reason: string;
    nominated_by: string;
  },
) {
  return db.insertInto('honour_nominations').values(row).returning('id').executeTakeFirstOrThrow();
}

const nominationSelect = (db: Database) =>
  db
    .selectFrom('honour_nominations as n')
    .innerJoin('organizations as o', 'o.id', 'n.org_id')
    .leftJoin('volunteers as v', 'v.id', 'n.volunteer_id')
    .leftJoin('organizations as t', 't.id', 'n.nominee_org_id')
    .select([
      'n.id',
      'n.round_id',
      'n.org_id',
      'n.volunteer_id',
      'n.nominee_org_id',
      'n.reason',
      'n.status',
      'n.decision_reason',
      'o.name as org_name',
      'v.name as volunteer_name',
      'v.volunteer_no',
      'v.user_id',
      't.name as nominee_org_name',
    ]);

export function nominationsOf(db: Database, roundId: string, status?: 'approved') {
  let q = nominationSelect(db).where('n.round_id', '=', roundId);
  if (status) q = q.where('n.status', '=', status);
  return q.orderBy('n.created_at').limit(2000).execute();
}

export function nominationById(db: Database, id: string) {
  return nominationSelect(db).where('n.id', '=', id).forUpdate('n').executeTakeFirst();
}

export function decideNomination(
  db: Database,
  id: string,
  v: { status: 'approved' | 'rejected'; decided_by: string; decided_at: Date; decision_reason: string },
) {
  return db
    .updateTable('honour_nominations')
    .set(v)
    .where('id', '=', id)
    .where('status', '=', 'nominated')
    .execute();
}

export function markPublished(db: Database, id: string, by: string, at: Date) {
  return db
    .updateTable('honour_rounds')
    .set({ status: 'published', published_by: by, published_at: at })
    .where('id', '=', id)
    .where('status', '=', 'nominating')
    .execute();
}

export function linkAward(db: Database, nominationId: string, awardId: string) {
  return db
    .updateTable('honour_nominations')
    .set({ award_record_id: awardId })
    .where('id', '=', nominationId)
    .execute();
}

/** Whether the account holds a live grant in the organization or is an active member of it (SQL function). */
export async function tied(db: Database, userId: string, orgId: string): Promise<boolean> {
  const r = await sql<{ tied: boolean }>`SELECT honour_tied(${userId}::uuid, ${orgId}::uuid) AS tied`.execute(
    db,
  );
  return r.rows[0]?.tied === true;
}

export function insertOrganizationAward(
  db: Database,
  row: {
    org_id: string;
    nomination_id: string;
    name: string;
    award_date: string;
    grantor: string;
    created_by: string;
  },
) {
  return db.insertInto('organization_award_records').values(row).execute();
}
