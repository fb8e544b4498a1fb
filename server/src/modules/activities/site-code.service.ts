import { CHECKIN_OPENS_BEFORE_MINUTES, QR_STEP_SECONDS } from '@yiqi/shared/contracts/activities';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { blindIndex } from '../../lib/crypto.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadActivity } from './activities.service.ts';
import {
  checkShortCode,
  checkSiteToken,
  makeSiteToken,
  qrKey,
  shortCode,
  stepAt,
  stepEnds,
} from './qr-token.ts';
import * as repo from './site-code.repository.ts';
import { findShift } from './signups.repository.ts';

/**
 * Site codes: one rotating code per activity and site (see qr-token.ts) resolves to the shift the scanning
 * volunteer holds there. This file only works out *which* shift a site code means; checking in and out
 * stays in attendance.service.ts, the same for shift codes and site codes.
 */

const OPENS_BEFORE_MS = CHECKIN_OPENS_BEFORE_MINUTES * 60_000;
/** Wrong short codes an account may type in the window before it must wait (10⁶ codes, ±1 step: 3 pass). */
export const WRONG_CODES_MAX = 5;
const WRONG_CODES_WINDOW_MS = 15 * 60_000;

/** The site code for the organizer's screen: the QR's token and the short code of the same step. */
export async function currentSiteCode(ctx: Ctx, activityId: string) {
  const a = await loadActivity(ctx, activityId);
  if (a.status !== 'published') throw new DomainError('ACTIVITY_STATE');
  const key = qrKey(ctx.config.appKey);
  const step = stepAt(ctx.clock());
  return {
    token: makeSiteToken(key, activityId, step),
    code: shortCode(key, activityId, step),
    step,
    stepSeconds: QR_STEP_SECONDS,
    expiresAt: stepEnds(step).toISOString(),
  };
}

/**
 * Of the shifts held now, the one meant: for a check-in, one not yet checked out, preferring the one under
 * way (its start passed) over one whose window opened early, then the earliest; for a check-out, one checked
 * in and not out, preferring the one under way, then the latest checked in.
 */
function pick(rows: repo.HeldShift[], purpose: 'in' | 'out', now: Date) {
  const underway = (r: repo.HeldShift) => new Date(r.starts_at) <= now && now < new Date(r.ends_at);
  const open = (r: repo.HeldShift) =>
    now < new Date(r.ends_at) && now.getTime() >= new Date(r.starts_at).getTime() - OPENS_BEFORE_MS;
  const candidates =
    purpose === 'in'
      ? rows.filter((r) => open(r) && !r.check_out_at)
      : rows.filter((r) => r.attendance_id && !r.check_out_at && r.review_status !== 'rejected');
  const order = (r: repo.HeldShift) => (underway(r) ? 0 : 1);
  candidates.sort((x, y) =>
    order(x) !== order(y)
      ? order(x) - order(y)
      : purpose === 'in'
        ? new Date(x.starts_at).getTime() - new Date(y.starts_at).getTime()
        : new Date(y.starts_at).getTime() - new Date(x.starts_at).getTime(),
  );
  return candidates[0];
}

async function heldShift(ctx: Ctx, volunteerId: string, activityId: string, purpose: 'in' | 'out') {
  const now = ctx.clock();
  const rows = await repo.heldShiftsNow(ctx.db, volunteerId, activityId, now, OPENS_BEFORE_MS);
  const chosen = pick(rows, purpose, now);
  if (!chosen) {
    if (purpose === 'out') throw new DomainError('CHECKOUT_NOT_CHECKED_IN');
    if (!(await repo.holdsAnyShift(ctx.db, volunteerId, activityId)))
      throw new DomainError('CHECKIN_NO_SHIFT_HERE');
    throw new DomainError('CHECKIN_WINDOW');
  }
  const shift = await findShift(ctx.db, chosen.shift_id);
  if (!shift) throw new DomainError('CHECKIN_NO_SHIFT_HERE');
  if (shift.activity_status !== 'published') throw new DomainError('ACTIVITY_STATE');
  return shift;
}

/** The shift a scanned site token means for this volunteer, with the token's step. */
export async function siteTokenShift(ctx: Ctx, volunteerId: string, token: string, purpose: 'in' | 'out') {
  const check = checkSiteToken(qrKey(ctx.config.appKey), token, stepAt(ctx.clock()));
  if (!check.ok) throw new DomainError(check.code);
  const a = await repo.activityStatus(ctx.db, check.activityId);
  if (!a) throw new DomainError('QR_FORGED');
  if (a.status !== 'published') throw new DomainError('ACTIVITY_STATE');
  return { shift: await heldShift(ctx, volunteerId, check.activityId, purpose), step: check.step };
}

/** Any shift of the activity the volunteer holds: a shift code of another position at the same site. */
export function otherShiftAtSite(ctx: Ctx, volunteerId: string, activityId: string, purpose: 'in' | 'out') {
  return heldShift(ctx, volunteerId, activityId, purpose);
}

/**
 * A typed short code: against the activity given, or else each activity where the volunteer holds a shift
 * now. Wrong codes are counted per account and refused past WRONG_CODES_MAX in the window (counted first,
 * so parallel guesses cannot all slip under the limit); a wrong code changes nothing else.
 */
export async function shortCodeShift(
  ctx: Ctx,
  volunteerId: string,
  code: string,
  activityId: string | undefined,
  purpose: 'in' | 'out',
) {
  const now = ctx.clock();
  const bucket = blindIndex(ctx.config.appKey, 'checkin-code', actorOf(ctx).userId);
  const since = new Date(now.getTime() - WRONG_CODES_WINDOW_MS);
  if ((await repo.countWrongCodes(ctx.db, bucket, since)) >= WRONG_CODES_MAX)
    throw new DomainError('CHECKIN_CODE_LOCKED');
  const key = qrKey(ctx.config.appKey);
  const nowStep = stepAt(now);
  const activities = activityId
    ? [activityId]
    : [
        ...new Set(
          (await repo.heldShiftsNow(ctx.db, volunteerId, null, now, OPENS_BEFORE_MS)).map(
            (r) => r.activity_id,
          ),
        ),
      ];
  for (const id of activities) {
    const step = checkShortCode(key, code, id, nowStep);
    if (step !== null) {
      const a = await repo.activityStatus(ctx.db, id);
      if (a?.status !== 'published') throw new DomainError('ACTIVITY_STATE');
      return { shift: await heldShift(ctx, volunteerId, id, purpose), step };
    }
  }
  await repo.recordWrongCode(ctx.db, bucket, now, new Date(now.getTime() - 24 * 3_600_000));
  await recordAudit(ctx, {
    action: 'attendance.code_wrong',
    result: 'denied',
    objectType: 'attendance',
    regionCode: null,
    details: { purpose, ...(activityId ? { activityId } : {}) },
  });
  throw new DomainError(activities.length ? 'CHECKIN_CODE_WRONG' : 'CHECKIN_NO_OPEN_SHIFT');
}
