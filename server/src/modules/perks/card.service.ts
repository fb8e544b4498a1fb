import { CARD_CODE_SECONDS } from '@yiqi/shared/contracts/perks';
import { maskName } from '@yiqi/shared/identity/mask';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { badgesOfVolunteer } from '../stars/badges.service.ts';
import { levelOf, serviceOf } from '../stars/stars.service.ts';
import { cardCode, readCardCode } from './codes.ts';
import * as repo from './perks.repository.ts';

/**
 * The digital volunteer card (志愿者证): name, volunteer number, star level, badges and a QR code. A
 * partner verifies the code without an account and sees only a masked name and the star level.
 */
export async function myCard(ctx: Ctx) {
  const v = await repo.volunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v || v.status !== 'active') throw new DomainError('VOLUNTEER_REQUIRED');
  const [level, badges, service] = await Promise.all([
    levelOf(ctx, v.id),
    badgesOfVolunteer(ctx, v.id),
    serviceOf(ctx, v.id),
  ]);
  const expiresAt = new Date(ctx.clock().getTime() + CARD_CODE_SECONDS * 1000);
  return {
    name: v.name ?? '',
    volunteerNo: v.volunteer_no,
    starLevel: level,
    badges,
    hours: Math.round((service.minutes / 60) * 10) / 10,
    code: cardCode(ctx.config.appKey, v.volunteer_no, expiresAt),
    expiresAt: expiresAt.toISOString(),
  };
}

/** Public check of a card code: valid or not, and if valid the masked name and star level only. */
export async function verifyCard(ctx: Ctx, code: string) {
  const invalid = { valid: false, maskedName: null, starLevel: null };
  const parts = readCardCode(ctx.config.appKey, code);
  if (!parts || parts.expiresAt.getTime() < ctx.clock().getTime()) return invalid;
  const v = await repo.volunteerByNo(ctx.db, parts.volunteerNo);
  if (!v || v.status !== 'active') return invalid;
  return { valid: true, maskedName: maskName(v.name ?? ''), starLevel: await levelOf(ctx, v.id) };
}
