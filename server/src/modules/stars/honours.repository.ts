import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { likeEscape } from '../../db/like.ts';
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

/** Rounds opened at exactly one of the (region, level) pairs: the regions an organization lies under. */
export function roundsCovering(db: Database, regions: { code: string; level: number }[]) {
  return roundSelect(db)
    .where((eb) =>
      eb.or(
        regions.map((g) => eb.and([eb('r.region_code', '=', g.code), eb('r.region_level', '=', g.level)])),
      ),
    )
    .orderBy('r.year', 'desc')
    .orderBy('r.created_at', 'desc')
    .limit(100)
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

/** One organization's nominations in the rounds named. */
export function nominationsBy(db: Database, orgId: string, roundIds: string[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return nominationSelect(db)
    .where('n.org_id', '=', orgId)
    .where('n.round_id', 'in', roundIds)
    .orderBy('n.created_at')
    .limit(2000)
    .execute();
}

const CANDIDATES = 20;

/** Active members of the organization or its teams, by name or volunteer number (the first 20). */
export function activeMembersUnder(db: Database, orgId: string, q: string | undefined) {
  let query = db
    .selectFrom('memberships as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .innerJoin('volunteers as v', 'v.id', 'm.volunteer_id')
    .select(['v.volunteer_no', 'v.name'])
    .distinct()
    .where('m.status', '=', 'active')
    .where('v.status', '=', 'active')
    .where((eb) => eb.or([eb('o.id', '=', orgId), eb('o.parent_id', '=', orgId)]));
  if (q) {
    const like = `%${likeEscape(q)}%`;
    query = query.where((eb) => eb.or([eb('v.name', 'ilike', like), eb('v.volunteer_no', 'ilike', like)]));
  }
  return query.orderBy('v.volunteer_no').limit(CANDIDATES).execute();
}

/** The organization itself and its approved teams (a project is run by one of them). */
export function organizationAndTeams(db: Database, orgId: string, q: string | undefined) {
  let query = db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.name'])
    .where('o.status', '=', 'approved')
    .where((eb) => eb.or([eb('o.id', '=', orgId), eb('o.parent_id', '=', orgId)]));
  if (q) query = query.where('o.name', 'ilike', `%${likeEscape(q)}%`);
  return query.orderBy('o.name').limit(CANDIDATES).execute();
}

/** Approved organizations of a region subtree, not the nominating one, none the caller is tied to. */
export function nominableOrganizations(
  db: Database,
  f: { prefix: string; exclude: string; userId: string; q: string | undefined },
) {
  let query = db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.name'])
    .where('o.status', '=', 'approved')
    .where('o.region_code', 'like', `${f.prefix}%`)
    .where('o.id', '!=', f.exclude)
    .where(sql<boolean>`NOT honour_tied(${f.userId}::uuid, o.id)`);
  if (f.q) query = query.where('o.name', 'ilike', `%${likeEscape(f.q)}%`);
  return query.orderBy('o.name').limit(CANDIDATES).execute();
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
