import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/** SQL of proposals and what hangs on them: attachments, declarations, scores, milestones, reports, evaluations. */

type Lines = { item: string; amountFen: number }[];

export async function insertProposal(
  db: Database,
  v: {
    round_id: string;
    org_id: string;
    tier_id: string;
    title: string;
    summary: string;
    goals: string;
    budget_lines: Lines;
    budget_fen: number;
    created_by: string;
  },
): Promise<string> {
  const row = await db
    .insertInto('funding_proposals')
    .values({ ...v, budget_lines: JSON.stringify(v.budget_lines) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateProposal(
  db: Database,
  id: string,
  v: {
    tier_id: string;
    title: string;
    summary: string;
    goals: string;
    budget_lines: Lines;
    budget_fen: number;
  },
) {
  await db
    .updateTable('funding_proposals')
    .set({ ...v, budget_lines: JSON.stringify(v.budget_lines) })
    .where('id', '=', id)
    .execute();
}

export async function setProposalState(
  db: Database,
  id: string,
  v: {
    state: 'submitted' | 'returned' | 'passed' | 'withdrawn';
    review_reason?: string | null;
    reviewed_by?: string;
    submitted_at?: Date;
  },
) {
  await db.updateTable('funding_proposals').set(v).where('id', '=', id).execute();
}

function proposals(db: Database) {
  return db
    .selectFrom('funding_proposals as p')
    .innerJoin('funding_rounds as fr', 'fr.id', 'p.round_id')
    .innerJoin('funding_tiers as t', 't.id', 'p.tier_id')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .select([
      'p.id',
      'p.round_id',
      'p.org_id',
      'p.tier_id',
      'p.title',
      'p.summary',
      'p.goals',
      'p.budget_lines',
      'p.budget_fen',
      'p.state',
      'p.review_reason',
      'p.submitted_at',
      'p.created_at',
      'p.created_by',
      'fr.name as round_name',
      'fr.state as round_state',
      'fr.region_code as round_region',
      'fr.region_level as round_level',
      't.name as tier_name',
      'o.name as org_name',
      'o.region_code as org_region',
    ]);
}

export type ProposalRow = NonNullable<Awaited<ReturnType<typeof proposalById>>>;

export function proposalById(db: Database, id: string, opts: { lock?: boolean } = {}) {
  const q = proposals(db).where('p.id', '=', id);
  return (opts.lock ? q.forUpdate('p') : q).executeTakeFirst();
}

export function proposalsOfRound(db: Database, roundId: string) {
  return proposals(db)
    .where('p.round_id', '=', roundId)
    .where('p.state', '!=', 'draft')
    .orderBy('p.submitted_at')
    .execute();
}

export function proposalsOfOrg(db: Database, orgId: string) {
  return proposals(db).where('p.org_id', '=', orgId).orderBy('p.created_at', 'desc').limit(200).execute();
}

/** Proposals passed at the first review in the reviewing rounds the account reviews. */
export function reviewQueue(db: Database, userId: string) {
  return proposals(db)
    .innerJoin('funding_reviewers as fv', (j) =>
      j.onRef('fv.round_id', '=', 'p.round_id').on('fv.user_id', '=', userId),
    )
    .where('fr.state', '=', 'reviewing')
    .where('p.state', '=', 'passed')
    .orderBy('p.submitted_at')
    .execute();
}

export function attachmentsOf(db: Database, proposalIds: string[]) {
  if (proposalIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('funding_attachments')
    .select(['id', 'proposal_id', 'report_id', 'name', 'mime', sql<number>`octet_length(bytes)`.as('size')])
    .where('proposal_id', 'in', proposalIds)
    .orderBy('created_at')
    .execute();
}

export async function countAttachments(db: Database, proposalId: string, reportId: string | null) {
  const r = await db
    .selectFrom('funding_attachments')
    .select((e) => e.fn.countAll().as('n'))
    .where('proposal_id', '=', proposalId)
    .where('report_id', reportId === null ? 'is' : '=', reportId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertAttachment(
  db: Database,
  v: {
    proposal_id: string;
    report_id: string | null;
    name: string;
    mime: string;
    bytes: Buffer;
    created_by: string;
  },
): Promise<string> {
  return (await db.insertInto('funding_attachments').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export function attachment(db: Database, proposalId: string, id: string) {
  return db
    .selectFrom('funding_attachments')
    .select(['name', 'mime', 'bytes'])
    .where('proposal_id', '=', proposalId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function declarationsOf(db: Database, proposalIds: string[], reviewerId: string) {
  if (proposalIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('funding_declarations')
    .selectAll()
    .where('proposal_id', 'in', proposalIds)
    .where('reviewer_id', '=', reviewerId)
    .execute();
}

export async function declare(
  db: Database,
  v: { proposal_id: string; reviewer_id: string; conflict: boolean; note: string; declared_at: Date },
): Promise<boolean> {
  const r = await db
    .insertInto('funding_declarations')
    .values(v)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function scoresOf(db: Database, proposalIds: string[], reviewerId?: string) {
  if (proposalIds.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('funding_scores').selectAll().where('proposal_id', 'in', proposalIds);
  if (reviewerId) q = q.where('reviewer_id', '=', reviewerId);
  return q.execute();
}

export async function insertScores(
  db: Database,
  rows: { proposal_id: string; reviewer_id: string; criterion_id: string; score: number; scored_at: Date }[],
) {
  await db.insertInto('funding_scores').values(rows).execute();
}

export function awardsOf(db: Database, proposalIds: string[]) {
  if (proposalIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('funding_awards as a')
    .innerJoin('funding_tiers as t', 't.id', 'a.tier_id')
    .select(['a.proposal_id', 'a.tier_id', 't.name as tier_name', 'a.amount_fen'])
    .where('a.proposal_id', 'in', proposalIds)
    .execute();
}

export function milestonesOf(db: Database, proposalIds: string[]) {
  if (proposalIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('funding_milestones')
    .select([
      'id',
      'proposal_id',
      'title',
      'deliverable',
      sql<string>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on'),
    ])
    .where('proposal_id', 'in', proposalIds)
    .orderBy('due_on')
    .execute();
}

export function reportsOf(db: Database, milestoneIds: string[]) {
  if (milestoneIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('funding_reports')
    .selectAll()
    .where('milestone_id', 'in', milestoneIds)
    .orderBy('created_at')
    .execute();
}

export async function insertMilestone(
  db: Database,
  v: { proposal_id: string; title: string; deliverable: string; due_on: string; created_by: string },
): Promise<string> {
  return (await db.insertInto('funding_milestones').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export function milestoneById(db: Database, id: string) {
  return db
    .selectFrom('funding_milestones')
    .select(['id', 'proposal_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertReport(
  db: Database,
  v: { milestone_id: string; text: string; submitted_by: string; created_at: Date },
): Promise<string> {
  return (await db.insertInto('funding_reports').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export function reportById(db: Database, id: string) {
  return db
    .selectFrom('funding_reports as fp')
    .innerJoin('funding_milestones as m', 'm.id', 'fp.milestone_id')
    .select(['fp.id', 'fp.state', 'fp.submitted_by', 'm.proposal_id'])
    .where('fp.id', '=', id)
    .forUpdate('fp')
    .executeTakeFirst();
}

export async function decideReport(
  db: Database,
  id: string,
  v: { state: 'accepted' | 'returned'; reason: string | null; decided_by: string; decided_at: Date },
) {
  await db.updateTable('funding_reports').set(v).where('id', '=', id).execute();
}

export function evaluationsOf(db: Database, proposalIds: string[]) {
  if (proposalIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('funding_evaluations').selectAll().where('proposal_id', 'in', proposalIds).execute();
}

export async function insertEvaluation(
  db: Database,
  v: { proposal_id: string; score: number; comment: string; evaluated_by: string; evaluated_at: Date },
): Promise<boolean> {
  const r = await db
    .insertInto('funding_evaluations')
    .values(v)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function organization(db: Database, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'region_code', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}
