import type { Ctx } from '../../core/ctx.ts';
import * as repo from './stars.repository.ts';

/**
 * Star certification (星级认证): apply when eligible → the federation at the certifying level reviews →
 * public notice of N working days (objections welcome) → certified by the job `stars.notice-end`.
 * Levels go in order, one open application at a time, nobody reviews or certifies themselves.
 *
 * This file is the module's service surface (routes, jobs and other modules import it); each step lives
 * in its own file: star-schemes (rules), standing (eligibility), applications, notice (review, notice,
 * objections, certification), revocation. Below: what other modules read.
 */

export { applyForMember, applyMine, myProgress, queue } from './applications.service.ts';
export {
  decideObjection,
  finalize,
  NOTICE_END_JOB,
  notices,
  object,
  objections,
  review,
} from './notice.service.ts';
export { revoke } from './revocation.service.ts';
export { scheme, schemeFor, setScheme } from './star-schemes.service.ts';

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
