import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { isTopRegionRow } from '../../db/region-sql.ts';

/** SQL of funding rounds: rounds, criteria, tiers, reviewers, awards and the ten best. Money in fen. */

export function region(db: Database, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'level'])
    .where('code', '=', code)
    .orderBy('level')
    .limit(1)
    .executeTakeFirst();
}

export async function insertRound(
  db: Database,
  v: {
    region_code: string;
    region_level: number;
    name: string;
    year: number;
    budget_fen: number;
    opens_at: Date;
    closes_at: Date;
    created_by: string;
    funder_org_id: string | null;
  },
): Promise<string> {
  return (await db.insertInto('funding_rounds').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateRound(
  db: Database,
  id: string,
  v: { name: string; year: number; budget_fen: number; opens_at: Date; closes_at: Date },
) {
  await db.updateTable('funding_rounds').set(v).where('id', '=', id).execute();
}

/** Criteria and tiers of a draft round, replaced as a whole (nothing refers to them before it opens). */
export async function replaceCriteriaAndTiers(
  db: Database,
  roundId: string,
  criteria: { name: string; weight: number; maxScore: number }[],
  tiers: { name: string; capFen: number; count: number }[],
) {
  await db.deleteFrom('funding_criteria').where('round_id', '=', roundId).execute();
  await db.deleteFrom('funding_tiers').where('round_id', '=', roundId).execute();
  await db
    .insertInto('funding_criteria')
    .values(
      criteria.map((c, i) => ({
        round_id: roundId,
        position: i,
        name: c.name,
        weight: c.weight,
        max_score: c.maxScore,
      })),
    )
    .execute();
  await db
    .insertInto('funding_tiers')
    .values(
      tiers.map((t, i) => ({
        round_id: roundId,
        position: i,
        name: t.name,
        cap_fen: t.capFen,
        count: t.count,
      })),
    )
    .execute();
}

const ROUND_COLUMNS = [
  'fr.id',
  'fr.region_code',
  'fr.region_level',
  'fr.name',
  'fr.year',
  'fr.budget_fen',
  'fr.awarded_fen',
  'fr.opens_at',
  'fr.closes_at',
  'fr.state',
  'fr.ten_best_published_at',
  'fr.created_by',
  'fr.funder_org_id',
  'r.name as region_name',
  'f.name as funder_name',
] as const;

function rounds(db: Database) {
  return db
    .selectFrom('funding_rounds as fr')
    .leftJoin('regions as r', (j) => j.onRef('r.code', '=', 'fr.region_code').on(isTopRegionRow('r')))
    .leftJoin('organizations as f', 'f.id', 'fr.funder_org_id');
}

/** The organization a round would be funded by: a foundation must be approved; its region bounds the round's. */
export function funderOrg(db: Database, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'region_code', 'org_type', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The rounds a foundation runs, newest first. */
export function roundsOfFunder(db: Database, orgId: string) {
  return rounds(db)
    .select(ROUND_COLUMNS)
    .where('fr.funder_org_id', '=', orgId)
    .orderBy('fr.year', 'desc')
    .orderBy('fr.created_at', 'desc')
    .limit(200)
    .execute();
}

export type RoundRow = NonNullable<Awaited<ReturnType<typeof roundById>>>;

export function roundById(db: Database, id: string) {
  return rounds(db).select(ROUND_COLUMNS).where('fr.id', '=', id).executeTakeFirst();
}

/** The round's row held for a state change, so changes and awards on it queue. */
export function lockRound(db: Database, id: string) {
  return db
    .selectFrom('funding_rounds')
    .select(['id', 'state', 'funder_org_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function roundsUnder(db: Database, prefixes: string[]) {
  return rounds(db)
    .select(ROUND_COLUMNS)
    .where((e) => e.or(prefixes.map((p) => e('fr.region_code', 'like', `${p}%`))))
    .orderBy('fr.year', 'desc')
    .orderBy('fr.created_at', 'desc')
    .limit(200)
    .execute();
}

/** Open rounds whose region contains the organization's region (`ancestors`: its codes upwards). */
export function openRoundsOver(db: Database, ancestors: string[]) {
  return rounds(db)
    .select(ROUND_COLUMNS)
    .where('fr.region_code', 'in', ancestors)
    .where('fr.state', '=', 'open')
    .orderBy('fr.closes_at')
    .execute();
}

export function criteriaOf(db: Database, roundIds: string[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('funding_criteria')
    .selectAll()
    .where('round_id', 'in', roundIds)
    .orderBy('position')
    .execute();
}

export function tiersOf(db: Database, roundIds: string[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('funding_tiers')
    .selectAll()
    .where('round_id', 'in', roundIds)
    .orderBy('position')
    .execute();
}

export function reviewersOf(db: Database, roundIds: string[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('funding_reviewers as fv')
    .innerJoin('users as u', 'u.id', 'fv.user_id')
    .select(['fv.round_id', 'fv.user_id', 'u.display_name'])
    .where('fv.round_id', 'in', roundIds)
    .orderBy('fv.assigned_at')
    .execute();
}

export function setRoundState(db: Database, id: string, state: 'open' | 'reviewing' | 'awarded' | 'closed') {
  return db.updateTable('funding_rounds').set({ state }).where('id', '=', id).execute();
}

export function publishTenBest(db: Database, id: string, at: Date) {
  return db.updateTable('funding_rounds').set({ ten_best_published_at: at }).where('id', '=', id).execute();
}

export function userByUsername(db: Database, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function addReviewer(
  db: Database,
  roundId: string,
  userId: string,
  by: string,
): Promise<boolean> {
  const r = await db
    .insertInto('funding_reviewers')
    .values({ round_id: roundId, user_id: userId, assigned_by: by })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function isReviewer(db: Database, roundId: string, userId: string): Promise<boolean> {
  return !!(await db
    .selectFrom('funding_reviewers')
    .select('user_id')
    .where('round_id', '=', roundId)
    .where('user_id', '=', userId)
    .executeTakeFirst());
}

/** Whether an account belongs to (active member) or administers an organization (the SQL function). */
export async function tied(db: Database, userId: string, orgId: string): Promise<boolean> {
  const r = await sql<{
    tied: boolean;
  }>`SELECT funding_tied(${userId}::uuid, ${orgId}::uuid) AS tied`.execute(db);
  return r.rows[0]?.tied === true;
}

/**
 * One award: the round's running sum and the tier's count move in single UPDATEs, whose row locks make
 * concurrent awards queue and whose CHECKs (awarded_fen ≤ budget_fen, awarded ≤ count) refuse an overrun;
 * the WHERE clauses say which limit it was, so the service can name it. Returns the limit hit, or null.
 */
export async function award(
  db: Database,
  v: {
    proposal_id: string;
    round_id: string;
    tier_id: string;
    amount_fen: number;
    awarded_by: string;
    awarded_at: Date;
  },
): Promise<'budget' | 'tier' | null> {
  const round = await db
    .updateTable('funding_rounds')
    .set({ awarded_fen: sql`awarded_fen + ${v.amount_fen}` })
    .where('id', '=', v.round_id)
    .where(sql<boolean>`awarded_fen + ${v.amount_fen} <= budget_fen`)
    .executeTakeFirst();
  if (Number(round.numUpdatedRows) === 0) return 'budget';
  const tier = await db
    .updateTable('funding_tiers')
    .set({ awarded: sql`awarded + 1` })
    .where('id', '=', v.tier_id)
    .where(sql<boolean>`awarded < count`)
    .where('cap_fen', '>=', v.amount_fen)
    .executeTakeFirst();
  if (Number(tier.numUpdatedRows) === 0) return 'tier';
  await db.insertInto('funding_awards').values(v).execute();
  await db
    .updateTable('funding_proposals')
    .set({ state: 'awarded' })
    .where('id', '=', v.proposal_id)
    .execute();
  return null;
}

/** The published ten best: per published round, the ten awarded projects with the highest evaluation. */
export function tenBest(db: Database) {
  return db
    .selectFrom('funding_evaluations as e')
    .innerJoin('funding_proposals as p', 'p.id', 'e.proposal_id')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .innerJoin('funding_rounds as fr', 'fr.id', 'p.round_id')
    .leftJoin('regions as r', (j) => j.onRef('r.code', '=', 'fr.region_code').on(isTopRegionRow('r')))
    .select([
      'fr.id as round_id',
      'fr.name as round_name',
      'fr.year',
      'r.name as region_name',
      'p.title',
      'o.name as org_name',
      'e.score',
      sql<number>`row_number() OVER (PARTITION BY fr.id ORDER BY e.score DESC, p.submitted_at)`.as('rank'),
    ])
    .where('fr.ten_best_published_at', 'is not', null)
    .orderBy('fr.year', 'desc')
    .orderBy('fr.id')
    .orderBy('e.score', 'desc')
    .execute();
}
