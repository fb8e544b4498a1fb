import { badgesOf } from '@yiqi/shared/stars/levels';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { chinaDate } from '../../core/dates.ts';
import { DomainError } from '../../core/domain-error.ts';
import * as repo from './stars.repository.ts';

/** A volunteer's milestone badges, derived from their confirmed records each time (never stored). */
export async function badgesOfVolunteer(ctx: Ctx, volunteerId: string) {
  const s = await repo.serviceOf(ctx.db, volunteerId);
  return badgesOf({
    records: s.records,
    minutes: s.minutes,
    firstDay: s.firstDay,
    today: chinaDate(ctx.clock()),
  });
}

export async function myBadges(ctx: Ctx) {
  const v = await repo.volunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
  return { items: await badgesOfVolunteer(ctx, v.id) };
}
