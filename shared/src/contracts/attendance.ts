import { z } from 'zod';
import { BOARD_STATES, Lat, Lng } from './activities.ts';
import { DateTime, text } from './common.ts';

/** Check-in and check-out: rotating QR codes, staff check-in, review of out-of-area check-ins, the live board. */

export const QrToken = z.object({
  token: z.string(),
  step: z.number().int(),
  stepSeconds: z.number().int(),
  /** When this code stops being the current one (it still passes for one more step). */
  expiresAt: z.string(),
});

export const DevicePosition = z.strictObject({
  lat: Lat,
  lng: Lng,
  accuracyM: z.number().min(0).max(100000).transform(Math.round),
});

/**
 * A scanned code (`token`: a shift's or a site's) or the six-digit short code typed by hand (`code`), with
 * the activity when the volunteer chose it (else inferred from the shifts they hold now). One of the two.
 */
export const ScanBody = z
  .strictObject({
    token: text(1, 200).optional(),
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'six digits')
      .optional(),
    activityId: z.uuid().optional(),
    position: DevicePosition.optional(),
  })
  .refine((b) => (b.token === undefined) !== (b.code === undefined), {
    message: 'token or code, one of the two',
  });

/** The organizer's screen for a site: the QR's token and the short code to type, of the same step. */
export const SiteCode = QrToken.extend({ code: z.string() });

export const CheckResult = z.object({
  attendanceId: z.uuid(),
  signupId: z.uuid(),
  activityId: z.uuid(),
  activityTitle: z.string(),
  positionName: z.string(),
  shiftStartsAt: z.string(),
  shiftEndsAt: z.string(),
  checkInAt: z.string(),
  checkOutAt: z.string().nullable(),
  reviewStatus: z.enum(['ok', 'review', 'rejected']),
  /** The same check-in or check-out was already recorded; nothing new was written. */
  repeated: z.boolean(),
});

export const StaffCheckBody = z.strictObject({
  signupId: z.uuid(),
  /** Completing a forgotten check-out afterwards: the time the volunteer actually left. */
  at: DateTime.optional(),
});

export const ReviewParams = z.strictObject({ id: z.uuid(), attendanceId: z.uuid() });
export const ReviewBody = z.strictObject({ decision: z.enum(['approve', 'reject']) });

export const BoardQuery = z.strictObject({
  shiftId: z.uuid().optional(),
  state: z.enum(BOARD_STATES).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const BoardRow = z.object({
  signupId: z.uuid(),
  volunteerNo: z.string(),
  name: z.string().nullable(),
  positionName: z.string(),
  shiftId: z.uuid(),
  shiftStartsAt: z.string(),
  shiftEndsAt: z.string(),
  state: z.enum(BOARD_STATES),
  attendanceId: z.uuid().nullable(),
  checkInAt: z.string().nullable(),
  checkOutAt: z.string().nullable(),
  checkInMethod: z.enum(['qr', 'staff']).nullable(),
  reviewStatus: z.enum(['ok', 'review', 'rejected']).nullable(),
  distanceM: z.number().int().nullable(),
});
export const Board = z.object({
  counts: z.object({
    expected: z.number().int(),
    checkedIn: z.number().int(),
    late: z.number().int(),
    absent: z.number().int(),
    checkedOut: z.number().int(),
    review: z.number().int(),
  }),
  items: z.array(BoardRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
