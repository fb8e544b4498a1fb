import type { z } from 'zod';
import type { BoardState } from '@yiqi/shared/contracts/activities';
import type { DevicePosition } from '@yiqi/shared/contracts/attendance';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadActivity } from './activities.service.ts';
import { auditRow } from './audit-row.ts';
import { iso } from '../../core/dates.ts';
import * as repo from './attendance.repository.ts';
import { checkToken, isSiteToken, makeToken, parseToken, qrKey, stepAt, stepEnds } from './qr-token.ts';
import * as site from './site-code.service.ts';
import { findShift, type CheckInShift } from './signups.repository.ts';
import { sessionToRead, signedIn, withActor } from '../auth/auth.service.ts';
import { volunteerOf } from './signups.service.ts';
import { CHECKIN_OPENS_BEFORE_MINUTES, QR_STEP_SECONDS } from '@yiqi/shared/contracts/activities';
import { withTransaction } from '../../core/tx.ts';

type Position = z.infer<typeof DevicePosition>;

/** Check-in opens an hour before the shift and closes when it ends. */
const OPENS_BEFORE_MS = CHECKIN_OPENS_BEFORE_MINUTES * 60_000;
const isExclusionViolation = (e: unknown) => (e as { code?: string }).code === '23P01';

/** Metres between two points (haversine); positions are only ever reduced to this. */
export function distanceM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return Math.round(2 * 6371000 * Math.asin(Math.sqrt(h)));
}

/**
 * Where a device is against the activity's check-in area. A device is given the benefit of its stated
 * accuracy, but never more than the radius itself, so a vague fix cannot stretch the area without bound.
 */
function placeCheck(shift: CheckInShift, position: Position | undefined) {
  if (shift.geofence_mode === 'off' || shift.lat === null || shift.lng === null || !shift.geofence_radius_m)
    return { review: false, distance: null as number | null, accuracy: null as number | null };
  if (!position) throw new DomainError('CHECKIN_POSITION_REQUIRED');
  const distance = distanceM(shift.lat, shift.lng, position.lat, position.lng);
  const radius = shift.geofence_radius_m;
  const outside = distance - Math.min(position.accuracyM, radius) > radius;
  if (outside && shift.geofence_mode === 'reject')
    throw new DomainError('CHECKIN_OUTSIDE_AREA', { distanceM: distance, radiusM: radius });
  return { review: outside, distance, accuracy: Math.round(position.accuracyM) };
}

function result(
  shift: CheckInShift,
  signupId: string,
  t: Pick<repo.AttendanceRow, 'id' | 'check_in_at' | 'check_out_at' | 'review_status'>,
  repeated: boolean,
) {
  return {
    attendanceId: t.id,
    signupId,
    activityId: shift.activity_id,
    activityTitle: shift.title,
    positionName: shift.position_name,
    shiftStartsAt: iso(shift.starts_at)!,
    shiftEndsAt: iso(shift.ends_at)!,
    checkInAt: iso(t.check_in_at)!,
    checkOutAt: iso(t.check_out_at),
    reviewStatus: t.review_status,
    repeated,
  };
}

/** The shift a scanned token names, its token checked against that shift's activity and the clock. */
async function scannedShift(ctx: Ctx, token: string) {
  const parsed = parseToken(token);
  if (!parsed) throw new DomainError('QR_MALFORMED');
  const shift = await findShift(ctx.db, parsed.shiftId);
  return { shift: checkScanned(ctx, token, shift), step: parsed.step };
}

/** The token checked against its shift's activity and the clock; throws as the scanner should see it. */
function checkScanned(ctx: Ctx, token: string, shift: CheckInShift | undefined): CheckInShift {
  // An unknown shift is indistinguishable from a forged code to the scanner.
  if (!shift) throw new DomainError('QR_FORGED');
  const check = checkToken(qrKey(ctx.config.appKey), token, shift.activity_id, stepAt(ctx.clock()));
  if (!check.ok) throw new DomainError(check.code);
  if (shift.activity_status !== 'published') throw new DomainError('ACTIVITY_STATE');
  return shift;
}

function audit(ctx: Ctx, shift: CheckInShift, action: string, attendanceId: string, details: object) {
  return recordAudit(ctx, {
    action,
    result: 'ok',
    objectType: 'attendance',
    objectId: attendanceId,
    regionCode: shift.region_code,
    details: { activityId: shift.activity_id, shiftId: shift.id, ...details },
  });
}

/**
 * Records a check-in once per sign-up (`g`, the accepted sign-up with its attendance as read): a retry (or
 * a second tap) finds the first record; the exclusion constraint refuses a second shift overlapping in
 * time. The record and its audit row are one statement.
 */
async function checkIn(
  ctx: Ctx,
  shift: CheckInShift,
  volunteerId: string,
  g: repo.CheckInSignup | undefined,
  how: { method: 'qr' | 'staff'; step: number | null; position?: Position | undefined },
) {
  if (!g) throw new DomainError('CHECKIN_NOT_SIGNED_UP');
  if (g.attendance_id)
    return result(
      shift,
      g.id,
      {
        id: g.attendance_id,
        check_in_at: g.attendance_check_in_at!,
        check_out_at: g.attendance_check_out_at,
        review_status: g.attendance_review_status!,
      },
      true,
    );
  const now = ctx.clock();
  if (now.getTime() < new Date(shift.starts_at).getTime() - OPENS_BEFORE_MS || now >= new Date(shift.ends_at))
    throw new DomainError('CHECKIN_WINDOW');
  const place =
    how.method === 'qr' ? placeCheck(shift, how.position) : { review: false, distance: null, accuracy: null };
  let row: Awaited<ReturnType<typeof repo.insertAttendance>>;
  try {
    row = await repo.insertAttendance(
      ctx.db,
      {
        signup_id: g.id,
        shift_id: shift.id,
        activity_id: shift.activity_id,
        volunteer_id: volunteerId,
        shift_range: g.shift_range,
        check_in_at: now,
        check_in_method: how.method,
        check_in_by: how.method === 'staff' ? actorOf(ctx).userId : null,
        check_in_step: how.step,
        check_in_distance_m: place.distance,
        check_in_accuracy_m: place.accuracy,
        review_status: place.review ? 'review' : 'ok',
      },
      auditRow(ctx, {
        action: 'attendance.check_in',
        result: 'ok',
        objectType: 'attendance',
        regionCode: shift.region_code,
        details: {
          activityId: shift.activity_id,
          shiftId: shift.id,
          signupId: g.id,
          method: how.method,
          review: place.review,
          distanceM: place.distance,
        },
      }),
    );
  } catch (e) {
    if (isExclusionViolation(e)) throw new DomainError('CHECKIN_OVERLAP');
    throw e;
  }
  // A concurrent retry won: its record is the answer.
  if (!row) return result(shift, g.id, (await repo.findAttendanceOfSignup(ctx.db, g.id))!, true);
  return result(shift, g.id, row, false);
}

/** Records a check-out once; a QR check-out needs a newer code than the one used to check in. */
async function checkOut(
  ctx: Ctx,
  shift: CheckInShift,
  volunteerId: string,
  how: {
    method: 'qr' | 'staff' | 'completed';
    step: number | null;
    at?: Date;
    position?: Position | undefined;
  },
) {
  const g = await repo.findAcceptedSignup(ctx.db, shift.id, volunteerId);
  if (!g) throw new DomainError('CHECKIN_NOT_SIGNED_UP');
  const t = g.attendance_id ? await repo.findAttendance(ctx.db, g.attendance_id) : undefined;
  if (!t || t.review_status === 'rejected') throw new DomainError('CHECKOUT_NOT_CHECKED_IN');
  if (t.check_out_at) return result(shift, g.id, t, true);
  if (how.step !== null && t.check_in_step !== null && how.step <= Number(t.check_in_step))
    throw new DomainError('QR_REPLAYED');
  const at = how.at ?? ctx.clock();
  if (at < t.check_in_at || at > ctx.clock()) throw new DomainError('ACTIVITY_TIME_RANGE');
  // Like check-in, the distance is kept only where the activity checks the area.
  const distance =
    how.position && shift.geofence_mode !== 'off' && shift.lat !== null && shift.lng !== null
      ? distanceM(shift.lat, shift.lng, how.position.lat, how.position.lng)
      : null;
  return withTransaction(ctx, async (tx) => {
    const row = await repo.checkOut(tx.db, t.id, {
      check_out_at: at,
      check_out_method: how.method,
      check_out_by: how.method === 'qr' ? null : actorOf(ctx).userId,
      check_out_distance_m: distance,
    });
    if (!row) return result(shift, g.id, (await repo.findAttendance(tx.db, t.id))!, true);
    await audit(tx, shift, 'attendance.check_out', t.id, {
      signupId: g.id,
      method: how.method,
    });
    return result(shift, g.id, row, false);
  });
}

/** What a volunteer sent: a scanned code (a shift's or a site's) or a typed short code. */
export type Scan = { token?: string | undefined; code?: string | undefined; activityId?: string | undefined };

/**
 * The shift a scan means for this volunteer. A site code (or a typed short code) names the activity and the
 * shift is the one they hold there now (site-code.service.ts); a shift code names the shift.
 */
async function scannedFor(ctx: Ctx, b: Scan, purpose: 'in' | 'out') {
  if (b.code !== undefined || isSiteToken(b.token ?? '')) {
    const v = await volunteerOf(ctx);
    const r = b.code
      ? await site.shortCodeShift(ctx, v.id, b.code, b.activityId, purpose)
      : await site.siteTokenShift(ctx, v.id, b.token!, purpose);
    return { ...r, volunteerId: v.id };
  }
  const { shift, step } = await scannedShift(ctx, b.token ?? '');
  const v = await volunteerOf(ctx);
  return { shift, step, volunteerId: v.id };
}

/**
 * A shift code held up at a site with several positions is scanned by volunteers of the other positions too:
 * one who holds no place on the code's shift is checked in or out on the shift they hold at the same site
 * (only on that error path, so the usual scan costs nothing more).
 */
async function orOwnShift<T>(
  ctx: Ctx,
  s: { shift: CheckInShift; volunteerId: string },
  purpose: 'in' | 'out',
  run: (shift: CheckInShift) => Promise<T>,
): Promise<T> {
  try {
    return await run(s.shift);
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== 'CHECKIN_NOT_SIGNED_UP') throw e;
    const own = await site
      .otherShiftAtSite(ctx, s.volunteerId, s.shift.activity_id, purpose)
      .catch(() => null);
    if (!own) throw e;
    return run(own);
  }
}

/**
 * A check-in by code. A shift's QR code takes the fast path: the caller's session, the shift, their
 * volunteer record, sign-up and attendance are one read (the route leaves the session check to it, decision
 * 0072), and a new record with its audit row one write; a retry is the read alone. A site code or a typed
 * short code first checks the session, then resolves the shift the volunteer holds there.
 */
export async function scanCheckIn(ctx: Ctx, b: Scan, position: Position | undefined) {
  const signupOn = (shift: CheckInShift, volunteerId: string) =>
    repo.findAcceptedSignup(ctx.db, shift.id, volunteerId);
  if (b.code === undefined && !isSiteToken(b.token ?? '')) {
    const token = b.token ?? '';
    const parsed = parseToken(token);
    // Who is asking comes first, as for any refusal (the route leaves the session check to this service).
    if (!parsed) {
      await withActor(ctx);
      throw new DomainError('QR_MALFORMED');
    }
    const tokenHash = sessionToRead(ctx);
    const c = await repo.findCheckInContext(ctx.db, tokenHash, parsed.shiftId);
    ctx = await signedIn(ctx, tokenHash, c?.session);
    const scanned = checkScanned(ctx, token, c?.shift);
    if (!c?.volunteerId) throw new DomainError('VOLUNTEER_REQUIRED');
    const volunteerId = c.volunteerId;
    const how = { method: 'qr' as const, step: parsed.step, position };
    return orOwnShift(ctx, { shift: scanned, volunteerId }, 'in', async (shift) =>
      checkIn(
        ctx,
        shift,
        volunteerId,
        shift === scanned ? c.signup : await signupOn(shift, volunteerId),
        how,
      ),
    );
  }
  ctx = await withActor(ctx);
  const s = await scannedFor(ctx, b, 'in');
  return orOwnShift(ctx, s, 'in', async (shift) =>
    checkIn(ctx, shift, s.volunteerId, await signupOn(shift, s.volunteerId), {
      method: 'qr',
      step: s.step,
      position,
    }),
  );
}

export async function scanCheckOut(ctx: Ctx, b: Scan, position: Position | undefined) {
  const s = await scannedFor(ctx, b, 'out');
  return orOwnShift(ctx, s, 'out', (shift) =>
    checkOut(ctx, shift, s.volunteerId, { method: 'qr', step: s.step, position }),
  );
}

/** A sign-up of this activity for the organizer's roster actions. */
async function rosterSignup(ctx: Ctx, activityId: string, signupId: string) {
  const g = await repo.findSignup(ctx.db, signupId);
  if (!g || g.activity_id !== activityId) throw new DomainError('NOT_FOUND');
  const shift = await findShift(ctx.db, g.shift_id);
  if (!shift) throw new DomainError('NOT_FOUND');
  return { g, shift };
}

/** The person in charge checks in a volunteer without a phone; the method records who did it. */
export async function staffCheckIn(ctx: Ctx, activityId: string, signupId: string) {
  const { g, shift } = await rosterSignup(ctx, activityId, signupId);
  if (shift.activity_status !== 'published') throw new DomainError('ACTIVITY_STATE');
  const signup = await repo.findAcceptedSignup(ctx.db, shift.id, g.volunteer_id);
  return checkIn(ctx, shift, g.volunteer_id, signup, { method: 'staff', step: null });
}

/** Check-out by the organizer now, or completing a forgotten one afterwards with the actual time. */
export async function staffCheckOut(ctx: Ctx, activityId: string, signupId: string, at: string | undefined) {
  const { g, shift } = await rosterSignup(ctx, activityId, signupId);
  return checkOut(ctx, shift, g.volunteer_id, {
    method: at ? 'completed' : 'staff',
    step: null,
    ...(at ? { at: new Date(at) } : {}),
  });
}

/** Approves or rejects a check-in made outside the area (review mode). */
export async function review(
  ctx: Ctx,
  activityId: string,
  attendanceId: string,
  decision: 'approve' | 'reject',
) {
  const a = await loadActivity(ctx, activityId);
  const t = await repo.findAttendance(ctx.db, attendanceId);
  if (!t || t.activity_id !== activityId) throw new DomainError('NOT_FOUND');
  if (t.review_status !== 'review') throw new DomainError('ATTENDANCE_STATE');
  await withTransaction(ctx, async (tx) => {
    const r = await repo.decideReview(tx.db, attendanceId, {
      review_status: decision === 'approve' ? 'ok' : 'rejected',
      reviewed_by: actorOf(ctx).userId,
      reviewed_at: ctx.clock(),
    });
    if (Number(r.numUpdatedRows) !== 1) throw new DomainError('ATTENDANCE_STATE');
    await recordAudit(tx, {
      action: 'attendance.review',
      result: 'ok',
      objectType: 'attendance',
      objectId: attendanceId,
      regionCode: a.region_code,
      details: { activityId, decision },
    });
  });
  return { ok: true as const };
}

/** The code for the organizer's screen: current step, valid until the step after next begins. */
export async function currentToken(ctx: Ctx, activityId: string, shiftId: string) {
  const shift = await findShift(ctx.db, shiftId);
  if (!shift || shift.activity_id !== activityId) throw new DomainError('NOT_FOUND');
  if (shift.activity_status !== 'published') throw new DomainError('ACTIVITY_STATE');
  const step = stepAt(ctx.clock());
  return {
    token: makeToken(qrKey(ctx.config.appKey), activityId, shiftId, step),
    step,
    stepSeconds: QR_STEP_SECONDS,
    expiresAt: stepEnds(step).toISOString(),
  };
}

export async function board(
  ctx: Ctx,
  activityId: string,
  f: { shiftId?: string | undefined; state?: BoardState | undefined },
  page: number,
  pageSize: number,
) {
  await loadActivity(ctx, activityId);
  const now = ctx.clock();
  const [counts, { rows, total }] = await Promise.all([
    repo.boardCounts(ctx.db, activityId, f.shiftId, now),
    repo.boardRows(ctx.db, activityId, f, now, page, pageSize),
  ]);
  return {
    counts: {
      expected: counts.expected,
      checkedIn: counts.checked_in,
      late: counts.late,
      absent: counts.absent,
      checkedOut: counts.checked_out,
      review: counts.review,
    },
    items: rows.map((r) => ({
      signupId: r.signup_id,
      volunteerNo: r.volunteer_no,
      name: r.name,
      positionName: r.position_name,
      shiftId: r.shift_id,
      shiftStartsAt: iso(r.starts_at)!,
      shiftEndsAt: iso(r.ends_at)!,
      state: r.state,
      attendanceId: r.attendance_id,
      checkInAt: iso(r.check_in_at),
      checkOutAt: iso(r.check_out_at),
      checkInMethod: r.check_in_method,
      reviewStatus: r.review_status,
      distanceM: r.check_in_distance_m,
    })),
    total,
    page,
    pageSize,
  };
}
