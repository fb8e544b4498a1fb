import type { z } from 'zod';
import type { AwardBody, EvaluationBody, TrainingBody } from '@yiqi/shared/contracts/records';
import { sql } from 'kysely';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { withTransaction } from '../../core/tx.ts';

/**
 * Training, award and evaluation records an organization enters for a volunteer (记录办法). They are kept
 * as entered: the app's role may only insert them.
 */
async function volunteerByNo(ctx: Ctx, no: string) {
  const v = await ctx.db
    .selectFrom('volunteers')
    .select('id')
    .where('volunteer_no', '=', no)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!v) throw new DomainError('RECORD_VOLUNTEER_NOT_FOUND');
  return v.id;
}

type Table = 'training_records' | 'award_records' | 'evaluation_records';

async function insert(ctx: Ctx, orgId: string, table: Table, values: Record<string, unknown>) {
  return withTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto(table)
      .values({ ...values, org_id: orgId, created_by: actorOf(ctx).userId } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: `record.${table.replace('_records', '')}`,
      result: 'ok',
      objectType: table,
      objectId: row.id,
      details: { orgId, volunteerId: values.volunteer_id },
    });
    return { id: row.id };
  });
}

export async function addTraining(ctx: Ctx, orgId: string, b: z.infer<typeof TrainingBody>) {
  return insert(ctx, orgId, 'training_records', {
    volunteer_id: await volunteerByNo(ctx, b.volunteerNo),
    name: b.name,
    content: b.content,
    minutes: b.minutes,
    host: b.host,
    training_date: b.date,
  });
}

export async function addAward(ctx: Ctx, orgId: string, b: z.infer<typeof AwardBody>) {
  return insert(ctx, orgId, 'award_records', {
    volunteer_id: await volunteerByNo(ctx, b.volunteerNo),
    name: b.name,
    award_date: b.date,
    grantor: b.grantor,
    grant_type: b.grantType,
  });
}

export async function addEvaluation(ctx: Ctx, orgId: string, b: z.infer<typeof EvaluationBody>) {
  if (b.activityId) {
    const a = await ctx.db
      .selectFrom('activities')
      .select('org_id')
      .where('id', '=', b.activityId)
      .executeTakeFirst();
    if (!a || a.org_id !== orgId) throw new DomainError('NOT_FOUND');
  }
  return insert(ctx, orgId, 'evaluation_records', {
    volunteer_id: await volunteerByNo(ctx, b.volunteerNo),
    activity_id: b.activityId ?? null,
    quality: b.quality,
    stars: b.stars ?? null,
    evaluation_date: b.date,
    comment: b.comment ?? null,
  });
}

/** The signed-in volunteer's training, award and evaluation records. */
export async function mine(ctx: Ctx) {
  const v = await ctx.db
    .selectFrom('volunteers')
    .select('id')
    .where('user_id', '=', actorOf(ctx).userId)
    .executeTakeFirst();
  if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
  const [trainings, awards, evaluations] = await Promise.all([
    ctx.db
      .selectFrom('training_records as r')
      .innerJoin('organizations as o', 'o.id', 'r.org_id')
      .select(['r.id', 'r.name', 'r.content', 'r.minutes', 'r.host', 'o.name as org_name'])
      .select(sql<string>`to_char(r.training_date, 'YYYY-MM-DD')`.as('day'))
      .where('r.volunteer_id', '=', v.id)
      .orderBy('r.training_date', 'desc')
      .limit(200)
      .execute(),
    ctx.db
      .selectFrom('award_records as r')
      .innerJoin('organizations as o', 'o.id', 'r.org_id')
      .select(['r.id', 'r.name', 'r.grantor', 'r.grant_type', 'o.name as org_name'])
      .select(sql<string>`to_char(r.award_date, 'YYYY-MM-DD')`.as('day'))
      .where('r.volunteer_id', '=', v.id)
      .orderBy('r.award_date', 'desc')
      .limit(200)
      .execute(),
    ctx.db
      .selectFrom('evaluation_records as r')
      .innerJoin('organizations as o', 'o.id', 'r.org_id')
      .leftJoin('activities as a', 'a.id', 'r.activity_id')
      .select(['r.id', 'r.quality', 'r.stars', 'r.comment', 'a.title', 'o.name as org_name'])
      .select(sql<string>`to_char(r.evaluation_date, 'YYYY-MM-DD')`.as('day'))
      .where('r.volunteer_id', '=', v.id)
      .orderBy('r.evaluation_date', 'desc')
      .limit(200)
      .execute(),
  ]);
  return {
    trainings: trainings.map((r) => ({
      id: r.id,
      name: r.name,
      content: r.content,
      hours: Math.round((r.minutes / 60) * 100) / 100,
      host: r.host,
      date: r.day,
      orgName: r.org_name,
    })),
    awards: awards.map((r) => ({
      id: r.id,
      name: r.name,
      date: r.day,
      grantor: r.grantor,
      grantType: r.grant_type,
      orgName: r.org_name,
    })),
    evaluations: evaluations.map((r) => ({
      id: r.id,
      quality: r.quality,
      stars: r.stars,
      date: r.day,
      comment: r.comment,
      activityTitle: r.title,
      orgName: r.org_name,
    })),
  };
}
