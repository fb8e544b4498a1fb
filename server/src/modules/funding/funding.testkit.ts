import type { TestApp } from '../../test/harness.ts';

/** Funding test helpers: rows inserted directly (matrix fixtures, scope tests) and valid request bodies. */

export const NANSHAN = '440305000000';
export const FUTIAN = '440304000000';

/** A 1×1 PNG and a minimal PDF, whole files whose types the server reads from the bytes. */
export const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
export const PDF_MIN = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
).toString('base64');

export function roundBody(region: string, over: Record<string, unknown> = {}) {
  return {
    region,
    name: '2026 年益苗计划',
    year: 2026,
    budgetFen: 100_000_00,
    opensAt: '2000-01-01T00:00:00+08:00',
    closesAt: '2100-01-01T00:00:00+08:00',
    criteria: [
      { name: '需求与目标', weight: 40, maxScore: 10 },
      { name: '可行性', weight: 60, maxScore: 20 },
    ],
    tiers: [
      { name: '示范', capFen: 50_000_00, count: 1 },
      { name: '重点培育', capFen: 30_000_00, count: 2 },
    ],
    ...over,
  };
}

export function proposalBody(
  roundId: string,
  orgId: string,
  tierId: string,
  over: Record<string, unknown> = {},
) {
  return {
    roundId,
    orgId,
    tierId,
    title: '长者助餐志愿服务项目',
    summary: '为社区独居长者提供助餐和陪伴服务。',
    goals: '服务 200 名长者，每周 3 次。',
    budgetLines: [
      { item: '餐食补贴', amountFen: 12_000_00 },
      { item: '志愿者保险', amountFen: 3_000_00 },
    ],
    ...over,
  };
}

/**
 * The account the kit's rows name as creator and decider: one of its own, tied to no organization (the
 * first account of a test may administer the organization, and nobody awards their own).
 */
async function kitUser(t: TestApp): Promise<string> {
  const db = t.handle.db;
  const found = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'funding.kit')
    .executeTakeFirst();
  if (found) return found.id;
  const row = await db
    .insertInto('users')
    .values({ username: 'funding.kit', display_name: '测试 funding.kit', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface Round {
  id: string;
  criteria: string[];
  tiers: string[];
}

type RoundState = 'draft' | 'open' | 'reviewing' | 'awarded' | 'closed';

/** A round inserted directly with two criteria (40/60, max 10/20) and two tiers (caps 50,000 and 30,000 yuan). */
export async function insertRound(
  t: TestApp,
  o: {
    region?: string;
    state?: RoundState;
    budgetFen?: number;
    createdBy?: string;
    tierCount?: number;
    /** The foundation funding the round (its admins own it); none: the region's level body. */
    funder?: string;
  } = {},
): Promise<Round> {
  const db = t.handle.db;
  const creator = o.createdBy ?? (await kitUser(t));
  const region = o.region ?? NANSHAN;
  const { id } = await db
    .insertInto('funding_rounds')
    .values({
      region_code: region,
      region_level: (
        await db
          .selectFrom('regions')
          .select('level')
          .where('code', '=', region)
          .orderBy('level')
          .limit(1)
          .executeTakeFirstOrThrow()
      ).level,
      name: '测试轮次',
      year: 2026,
      budget_fen: o.budgetFen ?? 100_000_00,
      opens_at: new Date('2000-01-01T00:00:00Z'),
      closes_at: new Date('2100-01-01T00:00:00Z'),
      state: o.state ?? 'open',
      created_by: creator,
      funder_org_id: o.funder ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const criteria = await db
    .insertInto('funding_criteria')
    .values([
      { round_id: id, position: 0, name: '需求与目标', weight: 40, max_score: 10 },
      { round_id: id, position: 1, name: '可行性', weight: 60, max_score: 20 },
    ])
    .returning('id')
    .execute();
  const tiers = await db
    .insertInto('funding_tiers')
    .values([
      { round_id: id, position: 0, name: '示范', cap_fen: 50_000_00, count: 1 },
      { round_id: id, position: 1, name: '重点培育', cap_fen: 30_000_00, count: o.tierCount ?? 2 },
    ])
    .returning('id')
    .execute();
  return { id, criteria: criteria.map((c) => c.id), tiers: tiers.map((x) => x.id) };
}

type ProposalState = 'draft' | 'submitted' | 'returned' | 'passed' | 'withdrawn' | 'awarded';

/** A proposal of an organization inserted directly, in the state asked (awarded: with its award row). */
export async function insertProposal(
  t: TestApp,
  round: Round,
  orgId: string,
  o: { state?: ProposalState; createdBy?: string } = {},
): Promise<string> {
  const db = t.handle.db;
  const creator = o.createdBy ?? (await kitUser(t));
  const { id } = await db
    .insertInto('funding_proposals')
    .values({
      round_id: round.id,
      org_id: orgId,
      tier_id: round.tiers[1]!,
      title: '测试项目',
      summary: '摘要',
      goals: '目标',
      budget_lines: JSON.stringify([{ item: '物资', amountFen: 10_000_00 }]),
      budget_fen: 10_000_00,
      state: o.state ?? 'draft',
      submitted_at: o.state && o.state !== 'draft' ? new Date() : null,
      created_by: creator,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (o.state === 'awarded') {
    await db
      .insertInto('funding_awards')
      .values({
        proposal_id: id,
        round_id: round.id,
        tier_id: round.tiers[1]!,
        amount_fen: 10_000_00,
        awarded_by: creator,
        awarded_at: new Date(),
      })
      .execute();
  }
  return id;
}

export async function insertMilestone(t: TestApp, proposalId: string): Promise<string> {
  const db = t.handle.db;
  const creator = await kitUser(t);
  const { id } = await db
    .insertInto('funding_milestones')
    .values({
      proposal_id: proposalId,
      title: '中期',
      deliverable: '中期报告',
      due_on: '2026-12-31',
      created_by: creator,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertReport(t: TestApp, milestoneId: string, submittedBy: string): Promise<string> {
  const { id } = await t.handle.db
    .insertInto('funding_reports')
    .values({
      milestone_id: milestoneId,
      text: '已完成中期目标',
      submitted_by: submittedBy,
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertAttachment(t: TestApp, proposalId: string, createdBy: string): Promise<string> {
  const { id } = await t.handle.db
    .insertInto('funding_attachments')
    .values({
      proposal_id: proposalId,
      report_id: null,
      name: 'plan.pdf',
      mime: 'application/pdf',
      bytes: Buffer.from(PDF_MIN, 'base64'),
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
