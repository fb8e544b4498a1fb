import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { chinaDate, iso } from '../../core/dates.ts';
import { DomainError } from '../../core/domain-error.ts';
import { uniqueViolation } from '../../core/pg-errors.ts';
import { withTransaction } from '../../core/tx.ts';
import type { StarApplicationStatus } from '../../db/schema.stars.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './stars.repository.ts';
import { applicationView, certifyingRegion, hours, standing, type Volunteer } from './standing.ts';

/** Star applications: the volunteer's progress, applying (oneself or by an organization), the review queue. */

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
