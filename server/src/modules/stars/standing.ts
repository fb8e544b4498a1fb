import { maskName } from '@yiqi/shared/identity/mask';
import { toRegionCode, LEVEL_PREFIX } from '@yiqi/shared/regions';
import { certifyingRegionLevel, monthsBetween } from '@yiqi/shared/stars/levels';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { iso } from '../../core/dates.ts';
import { DomainError } from '../../core/domain-error.ts';
import type { Database } from '../../db/database.ts';
import { schemeFor } from './star-schemes.service.ts';
import * as repo from './stars.repository.ts';

/**
 * Where a volunteer stands towards the next star (the rules every step of the workflow checks again), the
 * application's shape, and the rule that nobody decides about themselves.
 */

export type Volunteer = NonNullable<Awaited<ReturnType<typeof repo.volunteerById>>>;

/** The region whose federation certifies `level` for a volunteer of `regionCode`. */
export function certifyingRegion(regionCode: string, level: number) {
  const regionLevel = certifyingRegionLevel(level);
  return { code: toRegionCode(regionCode.slice(0, LEVEL_PREFIX[regionLevel])), level: regionLevel };
}

/** Where a volunteer stands: level, hours that count, the next level's requirements, bars. */
export async function standing(db: Database, v: Volunteer, today: string) {
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

export const hours = (minutes: number | string) => Math.round((Number(minutes) / 60) * 10) / 10;

export function applicationView(a: repo.ApplicationRow, opts: { fullName: boolean }) {
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

export function refuseSelf(ctx: Ctx, userId: string | null) {
  if (userId && userId === actorOf(ctx).userId) throw new DomainError('STAR_SELF_DECISION');
}
