import { z } from 'zod';
import { EMAIL_PATTERN } from '../identity/email.ts';
import { OtpCode } from './auth.ts';
import { pageOf, text } from './common.ts';

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
  'shift_reminder',
  'certificate_issued',
  'certificate_rejected',
  'records_overdue',
  'qualification_expiring',
  'star_noticed',
  'star_rejected',
  'star_certified',
  'dispatch_order_accepted',
  'dispatch_order_completed',
  'dispatch_order_rejected',
  'dispatch_rating_requested',
  'dispatch_order_overdue',
  'dispatch_order_escalated',
  'dispatch_invitation',
  'civic_case_routed',
  'civic_case_handled',
  'civic_case_reopened',
  'civic_case_overdue',
  'civic_case_rectified',
] as const;

export const NotificationRow = z.object({
  id: z.uuid(),
  kind: z.enum(NOTIFICATION_KINDS),
  /** Rendered in the reader's language. */
  title: z.string(),
  body: z.string(),
  activityId: z.uuid().nullable(),
  /** A page of the app the notice is about (an order, an invitation), when not an activity. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const NotificationPage = pageOf(NotificationRow).extend({ unread: z.number().int() });
export const NotificationParams = z.strictObject({ id: z.uuid() });
/** Outside channels besides the inbox (always on); `available`: the account has an address for it. */
export const NOTIFICATION_CHANNELS = ['sms', 'wechat', 'email'] as const;
export const ChannelPreference = z.object({
  channel: z.enum(NOTIFICATION_CHANNELS),
  enabled: z.boolean(),
  available: z.boolean(),
  /**
   * Where the channel goes, masked (138****5678, z***@example.com, …Xk3Q); null: nothing on record yet
   * (SMS: a phone in the real-name details; e-mail: POST /api/me/email/code then PUT /api/me/email;
   * WeChat: PUT /api/me/wechat).
   */
  addressMasked: z.string().nullable(),
});
export const NotificationPreferences = z.object({ channels: z.array(ChannelPreference) });
export const NotificationPreferencesInput = z.strictObject({
  sms: z.boolean().optional(),
  wechat: z.boolean().optional(),
  email: z.boolean().optional(),
});
/**
 * An e-mail address as typed: trimmed and lower-cased (one mailbox, one spelling; the local part of the
 * mail providers used in China is not case-sensitive), at most 254 characters (RFC 5321).
 */
export const EmailAddress = text(3, 254)
  .overwrite((s) => s.toLowerCase())
  .regex(EMAIL_PATTERN, 'an e-mail address');
/** Sends a six-digit code to the address (the e-mail channel); 202 whether or not it arrives. */
export const EmailCodeBody = z.strictObject({ email: EmailAddress });
/** The same address again with the code it received: it becomes the account's e-mail address. */
export const EmailConfirmBody = z.strictObject({ email: EmailAddress, code: OtpCode });
/**
 * A WeChat login code (the mini-program's wx.login() result, valid 5 minutes, used once): exchanged on the
 * server for the account's OpenID (code2session), so no caller ever names an OpenID itself.
 */
export const WechatBindBody = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'a WeChat login code'),
});

export const DeliveryRow = z.object({
  id: z.number().int(),
  notificationId: z.uuid(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  status: z.enum(['queued', 'sent', 'failed', 'skipped']),
  attempts: z.number().int(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
});
export const DeliveryList = z.object({ items: z.array(DeliveryRow) });

export const CalendarFeed = z.object({ url: z.string() });
export const CalendarTokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/) });
