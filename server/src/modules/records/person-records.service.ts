import type { z } from 'zod';
import type { AwardBody, EvaluationBody, TrainingBody } from '@yiqi/shared/contracts/records';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { withTransaction } from '../../core/tx.ts';
import * as repo from './person-records.repository.ts';

/**
 * Training, award and evaluation records an organization enters for a volunteer (记录办法). They are kept
 * as entered: the app's role may only insert them.
 */
async function volunteerByNo(ctx: Ctx, no: string) {
  const v = await repo.activeVolunteerByNo(ctx.db, no);
  if (!v) throw new DomainError('RECORD_VOLUNTEER_NOT_FOUND');
  return v.id;
}

async function insert(
  ctx: Ctx,
  orgId: string,
  table: repo.PersonRecordTable,
  values: Record<string, unknown>,
) {
  return withTransaction(ctx, async (tx) => {
    const row = await repo.insertPersonRecord(tx.db, table, {
      ...values,
      org_id: orgId,
      created_by: actorOf(ctx).userId,
    });
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
    const a = await repo.activityOrg(ctx.db, b.activityId);
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
  const v = await repo.volunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
  const [trainings, awards, evaluations] = await repo.personRecordsOf(ctx.db, v.id);
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
