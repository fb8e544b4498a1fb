import type { z } from 'zod';
import type { PartnerBody, PerkBody } from '@yiqi/shared/contracts/perks';
import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { chinaDate } from '../../core/dates.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import type { LimitPeriod } from '../../db/schema.perks.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { levelOf, serviceOf, regionLevelOf } from '../stars/stars.service.ts';
import * as repo from './perks.repository.ts';

/**
 * Partners (爱心商家, scenic spots, public services) and their perks, managed by the region admins of the
 * partner's region; the volunteer's view of the perks they may use.
 */

/** The key of the period a limit counts in, for the China day `day`. */
export function periodKey(period: LimitPeriod, day: string): string {
  return period === 'day'
    ? day
    : period === 'month'
      ? day.slice(0, 7)
      : period === 'year'
        ? day.slice(0, 4)
        : 'total';
}

export async function createPartner(ctx: Ctx, b: z.infer<typeof PartnerBody>) {
  return withTransaction(ctx, async (tx) => {
    const { id } = await repo.insertPartner(tx.db, {
      name: b.name,
      kind: b.kind,
      region_code: b.region,
      address: b.address ?? null,
      created_by: actorOf(ctx).userId,
    });
    await recordAudit(tx, {
      action: 'perks.partner.create',
      result: 'ok',
      objectType: 'partner',
      objectId: id,
      regionCode: b.region,
      details: { name: b.name, kind: b.kind },
    });
    return { id };
  });
}

export async function partners(ctx: Ctx, region: string | undefined) {
  let prefixes: string[];
  if (region) {
    const level = await regionLevelOf(ctx, region);
    prefixes = level ? [regionPrefix(region, level as RegionLevel)] : [];
  } else
    prefixes = actorOf(ctx)
      .grants.filter((g) => g.role === 'region_admin' && g.orgId === null)
      .map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel));
  if (prefixes.length === 0) return { items: [] };
  const rows = await repo.partnersIn(ctx.db, prefixes);
  return {
    items: rows.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      regionCode: p.region_code,
      address: p.address,
      status: p.status,
      staff: Number(p.staff),
      perks: Number(p.perks),
    })),
  };
}

/** Gives an existing account the partner's counter (verify and redeem codes). */
export async function addStaff(ctx: Ctx, partnerId: string, username: string) {
  const user = await repo.userByUsername(ctx.db, username);
  if (!user) throw new DomainError('PARTNER_STAFF_USER');
  return withTransaction(ctx, async (tx) => {
    await repo.insertStaff(tx.db, { partner_id: partnerId, user_id: user.id, added_by: actorOf(ctx).userId });
    await recordAudit(tx, {
      action: 'perks.partner.staff',
      result: 'ok',
      objectType: 'partner',
      objectId: partnerId,
      details: { userId: user.id },
    });
    return { ok: true as const };
  });
}

export async function createPerk(ctx: Ctx, partnerId: string, b: z.infer<typeof PerkBody>) {
  // Discounts never fall as the level rises; validity runs forward.
  const rising = b.discounts.every((d, i) => i === 0 || d >= b.discounts[i - 1]!);
  if (b.validFrom > b.validUntil || !rising) throw new DomainError('PERK_INVALID');
  return withTransaction(ctx, async (tx) => {
    const { id } = await repo.insertPerk(tx.db, {
      partner_id: partnerId,
      title: b.title,
      description: b.description ?? null,
      min_star: b.minStar,
      min_hours: b.minHours,
      discounts: b.discounts,
      valid_from: b.validFrom,
      valid_until: b.validUntil,
      quota_total: b.quotaTotal,
      per_person_limit: b.perPersonLimit,
      limit_period: b.limitPeriod,
      created_by: actorOf(ctx).userId,
    });
    await recordAudit(tx, {
      action: 'perks.perk.create',
      result: 'ok',
      objectType: 'perk',
      objectId: id,
      details: { partnerId, ...b },
    });
    return { id };
  });
}

export function perkView(k: repo.PerkRow) {
  return {
    id: k.id,
    partnerId: k.partner_id,
    partnerName: k.partner_name,
    partnerKind: k.partner_kind,
    title: k.title,
    description: k.description,
    minStar: k.min_star,
    minHours: k.min_hours,
    discounts: k.discounts.map(Number),
    validFrom: k.valid_from,
    validUntil: k.valid_until,
    quotaTotal: k.quota_total,
    quotaUsed: k.quota_used,
    perPersonLimit: k.per_person_limit,
    limitPeriod: k.limit_period,
    status: k.status,
  };
}

export async function partnerPerks(ctx: Ctx, partnerId: string) {
  return { items: (await repo.perksOfPartner(ctx.db, partnerId)).map(perkView) };
}

/** Whether a volunteer at `level` with `minutes` may use the perk, and the percent off they get. */
export function entitlement(
  k: { min_star: number; min_hours: number; discounts: number[] },
  level: number,
  minutes: number,
) {
  const eligible = level >= k.min_star && minutes >= k.min_hours * 60;
  return { eligible, discount: eligible ? Number(k.discounts[level]) : null };
}

/** The signed-in volunteer's perks valid today, with what they get and how often they used each. */
export async function myPerks(ctx: Ctx) {
  const v = await repo.volunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
  const today = chinaDate(ctx.clock());
  const [level, service, perks, usage] = await Promise.all([
    levelOf(ctx, v.id),
    serviceOf(ctx, v.id),
    repo.perksValidOn(ctx.db, today),
    repo.usageOf(ctx.db, v.id),
  ]);
  const used = new Map(usage.map((u) => [`${u.perk_id}/${u.period_key}`, u.used]));
  return {
    starLevel: level,
    hours: Math.round((service.minutes / 60) * 10) / 10,
    items: perks.map((k) => {
      const e = entitlement(k, level, service.minutes);
      return {
        ...perkView(k),
        eligible: e.eligible,
        myDiscount: e.discount,
        usedThisPeriod: used.get(`${k.id}/${periodKey(k.limit_period, today)}`) ?? 0,
      };
    }),
  };
}
