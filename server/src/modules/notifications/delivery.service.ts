import type { Locale } from '@yiqi/shared/i18n';
import { LOCALES } from '@yiqi/shared/i18n';
import { NOTIFICATION_CHANNELS } from '@yiqi/shared/contracts/notifications';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { iso } from '../../core/dates.ts';
import { maskPhone } from '@yiqi/shared/identity/mask';
import { decrypt } from '../../lib/crypto.ts';
import type { Channel } from '../../db/schema.notifications.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { NotificationChannel } from './channels.ts';
import * as repo from './delivery.repository.ts';
import { notify, render } from './notifications.service.ts';
import { maskedAddresses } from './addresses.service.ts';

/** Attempts per delivery before it is marked failed; the waits between them double from 30 s (≈ 16 min in all). */
export const MAX_ATTEMPTS = 6;
const FIRST_RETRY_MS = 30_000;
/** Sends in flight at once per process (a gateway answers each in its own time). */
const PARALLEL = 16;

export function retryDelayMs(attempt: number): number {
  return FIRST_RETRY_MS * 2 ** (attempt - 1);
}

/**
 * The account's address for a channel at the time of sending: only what is on record (SMS: the
 * volunteer's phone; e-mail, WeChat: the bound address, addresses.service). None (unbound since the notice
 * was queued): the delivery is skipped, recorded as such.
 */
function addressOf(ctx: Ctx, d: repo.ClaimedDelivery): string | null {
  const sealed = d.channel === 'sms' ? d.phone_enc : d.address_enc;
  return sealed ? decrypt(ctx.config.appKey, sealed) : null;
}

/**
 * Sends every due delivery, a batch at a time: each attempt is appended to notification_attempts, and the
 * delivery ends sent, skipped (no address on record) or — after MAX_ATTEMPTS failures — failed; otherwise it
 * waits for its next attempt. Returns the outcomes counted.
 */
export async function deliverDue(
  ctx: Ctx,
  channel: NotificationChannel,
  opts: { batch?: number; maxBatches?: number } = {},
) {
  const counts = { sent: 0, skipped: 0, retrying: 0, failed: 0 };
  const batch = opts.batch ?? 200;
  for (let b = 0; b < (opts.maxBatches ?? 50); b++) {
    const claimed = await repo.claimDue(ctx.db, ctx.clock(), ctx.config.notifyLeaseSeconds, batch);
    for (let i = 0; i < claimed.length; i += PARALLEL) {
      const outcomes = await Promise.all(
        claimed.slice(i, i + PARALLEL).map((d) => deliverOne(ctx, channel, d)),
      );
      await repo.recordAttempts(ctx.db, outcomes);
      for (const o of outcomes) counts[o.status === 'queued' ? 'retrying' : o.status]++;
    }
    if (claimed.length < batch) break;
  }
  return counts;
}

/** One attempt at one claimed delivery: its outcome, recorded by the caller with the others of its chunk. */
async function deliverOne(
  ctx: Ctx,
  channel: NotificationChannel,
  d: repo.ClaimedDelivery,
): Promise<repo.AttemptOutcome> {
  const attempt = { id: d.id, attempt: d.attempts };
  const to = addressOf(ctx, d);
  if (!to) return { ...attempt, status: 'skipped', at: ctx.clock(), error: 'no_address' };
  const locale = (LOCALES as readonly string[]).includes(d.locale) ? (d.locale as Locale) : 'zh-CN';
  const text = render(d.kind, d.data, locale);
  try {
    await channel.send({ channel: d.channel, to, title: text.title, body: text.body, deliveryId: d.id });
    return { ...attempt, status: 'sent', at: ctx.clock() };
  } catch (e) {
    const error = (e instanceof Error ? e.message : String(e)).slice(0, 300);
    if (d.attempts >= MAX_ATTEMPTS) return { ...attempt, status: 'failed', at: ctx.clock(), error };
    const retryAt = new Date(ctx.clock().getTime() + retryDelayMs(d.attempts));
    return { ...attempt, status: 'queued', at: ctx.clock(), retryAt, error };
  }
}

/**
 * Reminds volunteers of their accepted shifts starting within SHIFT_REMINDER_HOURS: once per sign-up (the
 * reminder row and the notice are written in one transaction), so running it again, in another process or
 * after a restart, reminds nobody twice, and a reminder missed while the server was down goes out when it is
 * back (while the shift has not started).
 */
export async function remindShifts(ctx: Ctx, batch = 500) {
  let total = 0;
  for (;;) {
    const now = ctx.clock();
    const until = new Date(now.getTime() + ctx.config.shiftReminderHours * 3_600_000);
    const n = await withTransaction(ctx, async (tx) => {
      const due = await repo.claimShiftReminders(tx.db, now, until, batch);
      for (const r of due)
        await notify(tx.db, [r.user_id], 'shift_reminder', {
          activityId: r.activity_id,
          title: r.title,
          startsAt: iso(r.starts_at),
        });
      return due.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

/**
 * The caller's channels: the inbox is always on; SMS needs a phone on record, e-mail a verified address,
 * WeChat a bound identity (addresses.service), each shown masked.
 */
export async function myPreferences(ctx: Ctx) {
  const userId = actorOf(ctx).userId;
  const [rows, phone, bound] = await Promise.all([
    repo.preferencesOf(ctx.db, userId),
    repo.sealedPhoneOf(ctx.db, userId),
    maskedAddresses(ctx, userId),
  ]);
  const on = new Map(rows.map((r) => [r.channel, r.enabled]));
  const masked: Record<Channel, string | null> = {
    sms: phone ? maskPhone(decrypt(ctx.config.appKey, phone)) : null,
    email: bound.email ?? null,
    wechat: bound.wechat ?? null,
  };
  return {
    channels: NOTIFICATION_CHANNELS.map((channel) => ({
      channel,
      enabled: on.get(channel) ?? false,
      available: masked[channel] !== null,
      addressMasked: masked[channel],
    })),
  };
}

/** Turns channels on or off (audited); turning on a channel the account has no address for is refused. */
export async function setMyPreferences(ctx: Ctx, input: Partial<Record<Channel, boolean>>) {
  const userId = actorOf(ctx).userId;
  const current = await myPreferences(ctx);
  const changes = NOTIFICATION_CHANNELS.filter((c) => input[c] !== undefined).map((c) => ({
    channel: c,
    enabled: input[c]!,
  }));
  if (changes.length === 0) throw new DomainError('NOTIFY_NOTHING_TO_CHANGE');
  for (const c of changes)
    if (c.enabled && !current.channels.find((x) => x.channel === c.channel)!.available)
      throw new DomainError('NOTIFY_CHANNEL_UNAVAILABLE', { channel: c.channel });
  await withTransaction(ctx, async (tx) => {
    for (const c of changes) await repo.setPreference(tx.db, userId, c.channel, c.enabled, ctx.clock());
    await recordAudit(tx, {
      action: 'notification.preferences',
      result: 'ok',
      objectType: 'user',
      objectId: userId,
      regionCode: null,
      details: Object.fromEntries(changes.map((c) => [c.channel, c.enabled])),
    });
  });
  return myPreferences(ctx);
}

export async function myDeliveries(ctx: Ctx) {
  const rows = await repo.deliveriesOf(ctx.db, actorOf(ctx).userId, 50);
  return {
    items: rows.map((r) => ({
      id: r.id,
      notificationId: r.notification_id,
      channel: r.channel,
      status: r.status,
      attempts: r.attempts,
      createdAt: iso(r.created_at),
      doneAt: iso(r.done_at),
    })),
  };
}
