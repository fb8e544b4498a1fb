import { PERK_CODE_SECONDS } from '@yiqi/shared/contracts/perks';
import { maskName } from '@yiqi/shared/identity/mask';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { chinaDate, iso } from '../../core/dates.ts';
import { DomainError } from '../../core/domain-error.ts';
import { uniqueViolation } from '../../core/pg-errors.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { levelOf, serviceOf } from '../stars/stars.service.ts';
import { perkCode, readPerkCode } from './codes.ts';
import { entitlement, periodKey } from './perks.service.ts';
import * as repo from './perks.repository.ts';

/**
 * Redemption: the volunteer shows a one-time code for a perk (QR on the phone, valid PERK_CODE_SECONDS);
 * the partner's staff check it and redeem it once. Single use, the period limit and the quota are held by
 * the database (unique nonce, perk_usage's conditional counter, the quota CHECK), so racing scans of one
 * code, or racing codes of one person, cannot pass them.
 */

/** A code for one of the signed-in volunteer's perks (only when they may use it today). */
export async function issueCode(ctx: Ctx, perkId: string) {
  const v = await repo.volunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v || v.status !== 'active') throw new DomainError('VOLUNTEER_REQUIRED');
  const k = await repo.perkById(ctx.db, perkId);
  if (!k) throw new DomainError('NOT_FOUND');
  const today = chinaDate(ctx.clock());
  if (!available(k, today)) throw new DomainError('PERK_NOT_AVAILABLE');
  const [level, service] = await Promise.all([levelOf(ctx, v.id), serviceOf(ctx, v.id)]);
  if (!entitlement(k, level, service.minutes).eligible) throw new DomainError('PERK_NOT_ELIGIBLE');
  const expiresAt = new Date(ctx.clock().getTime() + PERK_CODE_SECONDS * 1000);
  return { code: perkCode(ctx.config.appKey, k.id, v.id, expiresAt), expiresAt: expiresAt.toISOString() };
}

function available(k: repo.PerkRow, today: string) {
  return (
    k.status === 'active' && k.partner_status === 'active' && k.valid_from <= today && today <= k.valid_until
  );
}

/** Everything a counter needs to know about a code, checked; throws the reason it cannot be redeemed. */
async function check(ctx: Ctx, partnerId: string, code: string) {
  // Only the partner's own staff: anyone else gets the answer of an unknown partner.
  if (!(await repo.isStaff(ctx.db, partnerId, actorOf(ctx).userId))) throw new DomainError('NOT_FOUND');
  const parts = readPerkCode(ctx.config.appKey, code);
  if (!parts) throw new DomainError('PERK_CODE_INVALID');
  // A used code is refused before an expired one: the counter must learn it was already redeemed.
  if (await repo.nonceUsed(ctx.db, parts.nonce)) throw new DomainError('PERK_CODE_USED');
  if (parts.expiresAt.getTime() < ctx.clock().getTime()) throw new DomainError('PERK_CODE_EXPIRED');
  const k = await repo.perkById(ctx.db, parts.perkId);
  if (!k) throw new DomainError('PERK_CODE_INVALID');
  if (k.partner_id !== partnerId) throw new DomainError('PERK_WRONG_PARTNER');
  const v = await repo.volunteerById(ctx.db, parts.volunteerId);
  if (!v || v.status !== 'active') throw new DomainError('PERK_CODE_INVALID');
  if (v.user_id === actorOf(ctx).userId) throw new DomainError('PERK_SELF_REDEMPTION');
  const today = chinaDate(ctx.clock());
  if (!available(k, today)) throw new DomainError('PERK_NOT_AVAILABLE');
  const [level, service] = await Promise.all([levelOf(ctx, v.id), serviceOf(ctx, v.id)]);
  const e = entitlement(k, level, service.minutes);
  if (!e.eligible) throw new DomainError('PERK_NOT_ELIGIBLE');
  return { parts, k, v, level, discount: e.discount!, today };
}

/** Checks a code without redeeming it: what the counter shows before confirming (no personal data). */
export async function verify(ctx: Ctx, partnerId: string, code: string) {
  const c = await check(ctx, partnerId, code);
  return {
    perkTitle: c.k.title,
    maskedName: maskName(c.v.name ?? ''),
    starLevel: c.level,
    discount: c.discount,
    expiresAt: c.parts.expiresAt.toISOString(),
  };
}

/** Redeems a code once: the second scan of it is refused (PERK_CODE_USED), so are limits past. */
export async function redeem(ctx: Ctx, partnerId: string, code: string) {
  const c = await check(ctx, partnerId, code);
  const now = ctx.clock();
  const period = periodKey(c.k.limit_period, c.today);
  return withTransaction(ctx, async (tx) => {
    let id: string;
    try {
      ({ id } = await repo.insertRedemption(tx.db, {
        perk_id: c.k.id,
        volunteer_id: c.v.id,
        code_nonce: c.parts.nonce,
        star_level: c.level,
        discount: c.discount,
        period_key: period,
        redeemed_by: actorOf(ctx).userId,
        redeemed_at: now,
      }));
    } catch (e) {
      if (uniqueViolation(e)) throw new DomainError('PERK_CODE_USED');
      throw e;
    }
    const counted = await repo.countUse(tx.db, {
      perk_id: c.k.id,
      volunteer_id: c.v.id,
      period_key: period,
      max_uses: c.k.per_person_limit,
    });
    if (!counted) throw new DomainError('PERK_LIMIT_REACHED');
    if (!(await repo.takeQuota(tx.db, c.k.id))) throw new DomainError('PERK_QUOTA_EXHAUSTED');
    await recordAudit(tx, {
      action: 'perks.redeem',
      result: 'ok',
      objectType: 'perk_redemption',
      objectId: id,
      details: { perkId: c.k.id, partnerId, volunteerId: c.v.id, period },
    });
    return {
      id,
      perkTitle: c.k.title,
      maskedName: maskName(c.v.name ?? ''),
      starLevel: c.level,
      discount: c.discount,
      expiresAt: c.parts.expiresAt.toISOString(),
      redeemedAt: iso(now),
    };
  });
}

/** The partners whose counter the signed-in account staffs. */
export async function desks(ctx: Ctx) {
  return { items: await repo.partnersOfStaff(ctx.db, actorOf(ctx).userId) };
}
