import { z } from 'zod';
import { pageOf } from './common.ts';

/** In-app notifications and the calendar feed of a volunteer's shifts. */

export const NOTIFICATION_KINDS = [
  'activity_cancelled',
  'activity_changed',
  'signup_promoted',
  'signup_accepted',
  'signup_rejected',
  'membership_approved',
  'membership_rejected',
  'hours_confirmed',
] as const;

export const NotificationRow = z.object({
  id: z.uuid(),
  kind: z.enum(NOTIFICATION_KINDS),
  /** Rendered in the reader's language. */
  title: z.string(),
  body: z.string(),
  activityId: z.uuid().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const NotificationPage = pageOf(NotificationRow).extend({ unread: z.number().int() });
export const NotificationParams = z.strictObject({ id: z.uuid() });
export const CalendarFeed = z.object({ url: z.string() });
export const CalendarTokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/) });
