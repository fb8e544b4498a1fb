import { maskName } from '@yiqi/shared/identity/mask';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { chinaDate, iso } from '../../core/dates.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { notify } from '../notifications/notifications.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { workingDaysInForce } from '../records/holidays.service.ts';
import * as repo from './stars.repository.ts';
import { hours, refuseSelf, standing } from './standing.ts';

/**
 * The federation's review, the public notice (objections welcome) and certification at its end by the job
 * `stars.notice-end`.
 */

export const NOTICE_END_JOB = 'stars.notice-end';

/** China midnight starting the day after `day`: when a notice ending on `day` is over. */
function dayAfterStart(day: string): Date {
  const d = new Date(`${day}T00:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** Approve (→ public notice, certification queued for its end) or reject a submitted application. */
export async function review(
  ctx: Ctx,
  id: string,
  b: { approve: boolean; reason?: string | undefined; conditionsChecked?: boolean | undefined },
) {
  return withTransaction(ctx, async (tx) => {
    const a = await repo.applicationById(tx.db, id, { lock: true });
    if (!a) throw new DomainError('NOT_FOUND');
    refuseSelf(ctx, a.user_id);
    if (a.status !== 'submitted') throw new DomainError('STAR_STATE');
    const now = ctx.clock();
    if (!b.approve) {
      if (!b.reason) throw new DomainError('VALIDATION_FAILED', { field: 'reason' });
      await repo.markReviewed(tx.db, id, {
        status: 'rejected',
        reviewed_by: actorOf(ctx).userId,
        reviewed_at: now,
        review_reason: b.reason,
        notice_from: null,
        notice_until: null,
      });
    } else {
      const v = (await repo.volunteerById(tx.db, a.volunteer_id))!;
      const today = chinaDate(now);
      const s = await standing(tx.db, v, today);
      if (s.scheme.conditions && !b.conditionsChecked) throw new DomainError('STAR_CONDITIONS_UNCHECKED');
      // Hours may have been corrected downwards since the application.
      if (s.level !== a.level - 1)
        throw new DomainError('STAR_LEVEL_ORDER', { current: s.level, asked: a.level });
      if (!s.next?.hoursOk) throw new DomainError('STAR_NOT_ELIGIBLE', { hours: hours(s.counted) });
      const days = await workingDaysInForce(tx.db);
      const until = days.addWorkingDays(today, s.scheme.noticeWorkingDays);
      await repo.markReviewed(tx.db, id, {
        status: 'noticed',
        reviewed_by: actorOf(ctx).userId,
        reviewed_at: now,
        review_reason: b.reason ?? null,
        notice_from: today,
        notice_until: until,
      });
      await enqueueJob(tx, NOTICE_END_JOB, { applicationId: id }, { runAt: dayAfterStart(until), key: id });
    }
    if (b.approve) {
      const notice = await repo.applicationById(tx.db, id);
      await notify(tx.db, [a.user_id], 'star_noticed', { level: a.level, until: notice?.notice_until ?? '' });
    } else await notify(tx.db, [a.user_id], 'star_rejected', { level: a.level, reason: b.reason ?? '' });
    await recordAudit(tx, {
      action: b.approve ? 'stars.review.notice' : 'stars.review.reject',
      result: 'ok',
      objectType: 'star_application',
      objectId: id,
      regionCode: a.certifying_region,
      details: { level: a.level, volunteerId: a.volunteer_id, reason: b.reason ?? null },
    });
    return { ok: true as const };
  });
}

/**
 * Certifies an application whose notice is over and has no open objection (the job at the notice's end, and
 * again when the last objection is dismissed after it). Returns what happened; never throws for state.
 */
export async function finalize(ctx: Ctx, id: string): Promise<'certified' | 'waiting' | 'skipped'> {
  return withTransaction(ctx, async (tx) => {
    const a = await repo.applicationById(tx.db, id, { lock: true });
    if (!a || a.status !== 'noticed') return 'skipped';
    const today = chinaDate(ctx.clock());
    if (!a.notice_until || a.notice_until >= today) return 'waiting';
    if (Number(a.open_objections) > 0) return 'waiting';
    const level = await repo.currentLevel(tx.db, a.volunteer_id);
    if (level !== a.level - 1) {
      // The level below was revoked during the notice: certifying now would skip it.
      await repo.markRejectedAfterNotice(tx.db, id, 'level below revoked during notice');
      await recordAudit(tx, {
        action: 'stars.certify',
        result: 'failed',
        objectType: 'star_application',
        objectId: id,
        regionCode: a.certifying_region,
        details: { level: a.level, held: level },
      });
      return 'skipped';
    }
    const now = ctx.clock();
    await repo.markCertified(tx.db, id, now);
    const c = await repo.insertCertification(tx.db, {
      volunteer_id: a.volunteer_id,
      level: a.level,
      application_id: id,
      certified_by: a.reviewed_by!,
      certified_at: now,
    });
    await recordAudit(tx, {
      action: 'stars.certify',
      result: 'ok',
      objectType: 'star_certification',
      objectId: c.id,
      regionCode: a.certifying_region,
      details: { level: a.level, volunteerId: a.volunteer_id, applicationId: id },
    });
    await notify(tx.db, [a.user_id], 'star_certified', { level: a.level });
    return 'certified';
  });
}

/** The candidates in public notice now (masked names: the notice is public). */
export async function notices(ctx: Ctx) {
  const rows = await repo.noticed(ctx.db, 500);
  return {
    items: rows.map((a) => ({
      id: a.id,
      maskedName: maskName(a.name ?? ''),
      volunteerNo: a.volunteer_no,
      level: a.level,
      hours: hours(a.minutes_at_apply),
      certifyingRegionName: a.region_name,
      noticeFrom: a.notice_from!,
      noticeUntil: a.notice_until!,
    })),
  };
}

/** Anyone signed in objects to a candidate in notice, with a reason. */
export async function object(ctx: Ctx, applicationId: string, reason: string) {
  return withTransaction(ctx, async (tx) => {
    const a = await repo.applicationById(tx.db, applicationId, { lock: true });
    if (!a) throw new DomainError('NOT_FOUND');
    const today = chinaDate(ctx.clock());
    if (a.status !== 'noticed' || !a.notice_until || a.notice_until < today)
      throw new DomainError('STAR_NOT_IN_NOTICE');
    const { id } = await repo.insertObjection(tx.db, {
      application_id: applicationId,
      user_id: actorOf(ctx).userId,
      reason,
    });
    await recordAudit(tx, {
      action: 'stars.object',
      result: 'ok',
      objectType: 'star_objection',
      objectId: id,
      regionCode: a.certifying_region,
      details: { applicationId },
    });
    return { id };
  });
}

export async function objections(ctx: Ctx, applicationId: string) {
  const rows = await repo.objectionsOf(ctx.db, applicationId);
  return {
    items: rows.map((o) => ({
      id: o.id,
      reason: o.reason,
      status: o.status,
      createdAt: iso(o.created_at),
      decisionReason: o.decision_reason,
    })),
  };
}

/** Upholds (the application is refused) or dismisses an objection; then certifies if the notice is over. */
export async function decideObjection(ctx: Ctx, id: string, b: { upheld: boolean; reason: string }) {
  const applicationId = await withTransaction(ctx, async (tx) => {
    const o = await repo.objectionById(tx.db, id);
    if (!o) throw new DomainError('NOT_FOUND');
    const a = (await repo.applicationById(tx.db, o.application_id, { lock: true }))!;
    refuseSelf(ctx, a.user_id);
    if (o.status !== 'open' || a.status !== 'noticed') throw new DomainError('STAR_STATE');
    await repo.decideObjection(tx.db, id, {
      status: b.upheld ? 'upheld' : 'dismissed',
      decided_by: actorOf(ctx).userId,
      decided_at: ctx.clock(),
      decision_reason: b.reason,
    });
    if (b.upheld) await repo.markRejectedAfterNotice(tx.db, a.id, b.reason);
    await recordAudit(tx, {
      action: b.upheld ? 'stars.objection.uphold' : 'stars.objection.dismiss',
      result: 'ok',
      objectType: 'star_objection',
      objectId: id,
      regionCode: a.certifying_region,
      details: { applicationId: a.id, reason: b.reason },
    });
    return a.id;
  });
  if (!b.upheld) await finalize(ctx, applicationId);
  return { ok: true as const };
}
