import type { z } from 'zod';
import type { StarSchemeBody } from '@yiqi/shared/contracts/stars';
import { maskName } from '@yiqi/shared/identity/mask';
import { regionPrefix, toRegionCode, LEVEL_PREFIX, type RegionLevel } from '@yiqi/shared/regions';
import {
  certifyingRegionLevel,
  DEFAULT_STAR_SCHEME,
  monthsBetween,
  validThresholds,
  type StarScheme,
} from '@yiqi/shared/stars/levels';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { chinaDate, iso } from '../../core/dates.ts';
import { DomainError } from '../../core/domain-error.ts';
import { uniqueViolation } from '../../core/pg-errors.ts';
import { withTransaction } from '../../core/tx.ts';
import type { Database } from '../../db/database.ts';
import type { StarApplicationStatus } from '../../db/schema.stars.ts';
import { notify } from '../notifications/notifications.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { workingDaysInForce } from '../records/holidays.service.ts';
import * as repo from './stars.repository.ts';

/**
 * Star certification (星级认证): apply when eligible → the federation at the certifying level reviews →
 * public notice of N working days (objections welcome) → certified by the job `stars.notice-end`.
 * Levels go in order, one open application at a time, nobody reviews or certifies themselves.
 */

export const NOTICE_END_JOB = 'stars.notice-end';

type Volunteer = NonNullable<Awaited<ReturnType<typeof repo.volunteerById>>>;

/** The scheme that applies to a volunteer of `regionCode`, and the region it comes from (null: default). */
export async function schemeFor(
  db: Database,
  regionCode: string,
): Promise<StarScheme & { fromRegion: string | null }> {
  const row = await repo.schemeCovering(db, regionCode);
  if (!row) return { ...DEFAULT_STAR_SCHEME, fromRegion: null };
  return {
    thresholds: row.thresholds.map(Number),
    tenureMonths: row.tenure_months.map(Number),
    platformOnly: row.platform_only,
    banMonths: row.ban_months,
    noticeWorkingDays: row.notice_working_days,
    conditions: row.conditions,
    fromRegion: row.region_code,
  };
}

/** The region whose federation certifies `level` for a volunteer of `regionCode`. */
function certifyingRegion(regionCode: string, level: number) {
  const regionLevel = certifyingRegionLevel(level);
  return { code: toRegionCode(regionCode.slice(0, LEVEL_PREFIX[regionLevel])), level: regionLevel };
}

/** Where a volunteer stands: level, hours that count, the next level's requirements, bars. */
async function standing(db: Database, v: Volunteer, today: string) {
  const [scheme, service, level, barred] = await Promise.all([
    schemeFor(db, v.region_code),
    repo.serviceOf(db, v.id),
    repo.currentLevel(db, v.id),
    repo.barredUntil(db, v.id),
  ]);
  const counted = scheme.platformOnly ? service.platformMinutes : service.minutes;
  const tenure = Math.max(0, monthsBetween(v.registered_on, today));
  const nextLevel = level + 1;
  const next =
    nextLevel <= 5
      ? {
          level: nextLevel,
          hoursNeeded: scheme.thresholds[nextLevel - 1]!,
          tenureMonths: scheme.tenureMonths[nextLevel - 1]!,
          hoursOk: counted >= scheme.thresholds[nextLevel - 1]! * 60,
          tenureOk: tenure >= scheme.tenureMonths[nextLevel - 1]!,
          conditions: scheme.conditions,
        }
      : null;
  return {
    scheme,
    service,
    level,
    counted,
    tenure,
    next,
    barredUntil: barred && barred >= today ? barred : null,
  };
}

const hours = (minutes: number | string) => Math.round((Number(minutes) / 60) * 10) / 10;

function applicationView(a: repo.ApplicationRow, opts: { fullName: boolean }) {
  return {
    id: a.id,
    volunteerNo: a.volunteer_no,
    name: opts.fullName ? (a.name ?? '') : maskName(a.name ?? ''),
    level: a.level,
    status: a.status,
    hours: hours(a.minutes_at_apply),
    certifyingRegion: a.certifying_region,
    certifyingRegionName: a.region_name,
    appliedAt: iso(a.created_at),
    appliedViaOrg: a.org_name,
    reviewReason: a.review_reason,
    noticeFrom: a.notice_from,
    noticeUntil: a.notice_until,
    certifiedAt: iso(a.certified_at),
    openObjections: Number(a.open_objections),
  };
}

/** The signed-in volunteer's star progress, applications and certifications. */
export async function myProgress(ctx: Ctx) {
  const v = await repo.volunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
  const today = chinaDate(ctx.clock());
  const s = await standing(ctx.db, v, today);
  const [applications, certifications] = await Promise.all([
    repo.applicationsOf(ctx.db, v.id),
    repo.certificationsOf(ctx.db, v.id),
  ]);
  const open = applications.some((a) => a.status === 'submitted' || a.status === 'noticed');
  return {
    volunteerNo: v.volunteer_no,
    level: s.level,
    hours: hours(s.service.minutes),
    countedHours: hours(s.counted),
    platformOnly: s.scheme.platformOnly,
    tenureMonths: s.tenure,
    next: s.next,
    canApply: !!s.next && s.next.hoursOk && s.next.tenureOk && !s.barredUntil && !open,
    barredUntil: s.barredUntil,
    applications: applications.map((a) => applicationView(a, { fullName: true })),
    certifications: certifications.map((c) => ({
      id: c.id,
      level: c.level,
      certifiedAt: iso(c.certified_at),
      revokedAt: iso(c.revoked_at),
      revokeReason: c.revoke_reason,
    })),
  };
}

/** Applies for `level` for the volunteer (by themselves, or by an organization they serve in). */
async function apply(ctx: Ctx, v: Volunteer, level: number, viaOrg: string | null) {
  if (v.status !== 'active') throw new DomainError('RECORD_VOLUNTEER_NOT_FOUND');
  return withTransaction(ctx, async (tx) => {
    const today = chinaDate(ctx.clock());
    const s = await standing(tx.db, v, today);
    if (level !== s.level + 1) throw new DomainError('STAR_LEVEL_ORDER', { current: s.level, asked: level });
    if (s.barredUntil) throw new DomainError('STAR_BARRED', { until: s.barredUntil });
    if (!s.next || !s.next.hoursOk || !s.next.tenureOk)
      throw new DomainError('STAR_NOT_ELIGIBLE', {
        hoursNeeded: s.next?.hoursNeeded,
        hours: hours(s.counted),
        tenureMonthsNeeded: s.next?.tenureMonths,
        tenureMonths: s.tenure,
      });
    const region = certifyingRegion(v.region_code, level);
    let id: string;
    try {
      ({ id } = await repo.insertApplication(tx.db, {
        volunteer_id: v.id,
        level,
        applied_by: actorOf(ctx).userId,
        applied_via_org: viaOrg,
        minutes_at_apply: s.counted,
        certifying_region: region.code,
        certifying_level: region.level,
      }));
    } catch (e) {
      if (uniqueViolation(e)) throw new DomainError('STAR_APPLICATION_OPEN');
      throw e;
    }
    await recordAudit(tx, {
      action: 'stars.apply',
      result: 'ok',
      objectType: 'star_application',
      objectId: id,
      regionCode: region.code,
      details: { volunteerId: v.id, level, viaOrg },
    });
    return { id };
  });
}

export async function applyMine(ctx: Ctx, level: number) {
  const v = await repo.volunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
  return apply(ctx, v, level, null);
}

/** An organization applies for one of its (or its teams') active members. */
export async function applyForMember(ctx: Ctx, orgId: string, volunteerNo: string, level: number) {
  const v = await repo.volunteerByNo(ctx.db, volunteerNo);
  if (!v) throw new DomainError('RECORD_VOLUNTEER_NOT_FOUND');
  if (!(await repo.isMemberUnder(ctx.db, orgId, v.id))) throw new DomainError('STAR_NOT_MEMBER');
  return apply(ctx, v, level, orgId);
}

/** Region subtree prefixes of the region named (the access check has put it in scope), else of the caller's grants. */
async function prefixesOf(ctx: Ctx, region: string | undefined) {
  if (region) {
    const r = await repo.region(ctx.db, region);
    return r ? [regionPrefix(region, r.level as RegionLevel)] : [];
  }
  return actorOf(ctx)
    .grants.filter((g) => g.role === 'region_admin' && g.orgId === null)
    .map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel));
}

/** The federation's review queue over the caller's scopes (or one region in them). */
export async function queue(
  ctx: Ctx,
  q: {
    region?: string | undefined;
    status?: StarApplicationStatus | undefined;
    page: number;
    pageSize: number;
  },
) {
  const prefixes = await prefixesOf(ctx, q.region);
  if (prefixes.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const [rows, count] = await repo.queue(ctx.db, prefixes, q.status, q.page, q.pageSize);
  return {
    items: rows.map((a) => applicationView(a, { fullName: true })),
    total: Number(count.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

function refuseSelf(ctx: Ctx, userId: string | null) {
  if (userId && userId === actorOf(ctx).userId) throw new DomainError('STAR_SELF_DECISION');
}

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

/** Revokes a star (and any above it); falsified hours also bar re-application for the scheme's period. */
export async function revoke(ctx: Ctx, certificationId: string, b: { reason: string; falsified: boolean }) {
  return withTransaction(ctx, async (tx) => {
    const c = await repo.certificationById(tx.db, certificationId);
    if (!c) throw new DomainError('NOT_FOUND');
    refuseSelf(ctx, c.user_id);
    if (c.revoked_at) throw new DomainError('STAR_STATE');
    const now = ctx.clock();
    const revoked = await repo.revokeFrom(tx.db, c.volunteer_id, c.level, {
      revoked_by: actorOf(ctx).userId,
      revoked_at: now,
      revoke_reason: b.reason,
      falsified: b.falsified,
    });
    let until: string | null = null;
    if (b.falsified) {
      const scheme = await schemeFor(tx.db, c.region_code);
      const d = new Date(`${chinaDate(now)}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + scheme.banMonths);
      until = d.toISOString().slice(0, 10);
      if (scheme.banMonths > 0)
        await repo.insertBan(tx.db, {
          volunteer_id: c.volunteer_id,
          certification_id: c.id,
          until,
          reason: b.reason,
          created_by: actorOf(ctx).userId,
        });
    }
    await recordAudit(tx, {
      action: 'stars.revoke',
      result: 'ok',
      objectType: 'star_certification',
      objectId: c.id,
      details: {
        levels: revoked.map((r) => r.level),
        falsified: b.falsified,
        barredUntil: until,
        reason: b.reason,
      },
    });
    return { ok: true as const };
  });
}

/** The scheme in force for a region (its own, one above it, or the default). */
export async function scheme(ctx: Ctx, regionCode: string) {
  const s = await schemeFor(ctx.db, regionCode);
  return {
    thresholds: s.thresholds,
    tenureMonths: s.tenureMonths,
    platformOnly: s.platformOnly,
    banMonths: s.banMonths,
    noticeWorkingDays: s.noticeWorkingDays,
    conditions: s.conditions,
    fromRegion: s.fromRegion,
  };
}

export async function setScheme(ctx: Ctx, regionCode: string, b: z.infer<typeof StarSchemeBody>) {
  if (!validThresholds(b.thresholds)) throw new DomainError('STAR_SCHEME_INVALID');
  const r = await repo.region(ctx.db, regionCode);
  if (!r) throw new DomainError('REGION_NOT_FOUND');
  return withTransaction(ctx, async (tx) => {
    await repo.upsertScheme(tx.db, {
      region_code: regionCode,
      region_level: r.level,
      thresholds: b.thresholds,
      tenure_months: b.tenureMonths,
      platform_only: b.platformOnly,
      ban_months: b.banMonths,
      notice_working_days: b.noticeWorkingDays,
      conditions: b.conditions,
      updated_by: actorOf(ctx).userId,
    });
    await recordAudit(tx, {
      action: 'stars.scheme',
      result: 'ok',
      objectType: 'region',
      objectId: regionCode,
      regionCode,
      details: b,
    });
    return scheme(tx, regionCode);
  });
}

/** The star level a volunteer holds now (perks and the card read it). */
export function levelOf(ctx: Ctx, volunteerId: string): Promise<number> {
  return repo.currentLevel(ctx.db, volunteerId);
}

/** A volunteer's confirmed service (minutes, records, first day): badges and perks read it. */
export function serviceOf(ctx: Ctx, volunteerId: string) {
  return repo.serviceOf(ctx.db, volunteerId);
}

/** A region's level (null when no such region): the subtree of a region named in a query. */
export async function regionLevelOf(ctx: Ctx, code: string): Promise<number | null> {
  return (await repo.region(ctx.db, code))?.level ?? null;
}
