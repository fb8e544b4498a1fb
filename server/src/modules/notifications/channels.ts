import type { FastifyBaseLogger } from 'fastify';
import { maskEmail, maskOpenid, maskPhone } from '@yiqi/shared/identity/mask';
import type { Config } from '../../lib/config.ts';
import type { Channel } from '../../db/schema.notifications.ts';

/** A notice as a channel sends it: already rendered in the reader's language. */
export interface OutgoingNotice {
  channel: Channel;
  /**
   * The address on record for the channel (a phone for SMS, an e-mail address, a WeChat OpenID); never one a
   * caller typed in — except the one-time code that proves a new e-mail address, sent to that address.
   */
  to: string;
  title: string;
  body: string;
  /**
   * The delivery's id: a gateway that keeps it can drop a resend after a crash (at-least-once sends). Null
   * for a one-time code (notifications/addresses.service.ts), which is no notice and is never retried.
   */
  deliveryId: number | null;
}

/**
 * Where notices go besides the inbox. One interface for every outside channel (SMS, WeChat template
 * messages, e-mail): a real gateway implements `send` and throws on failure, which the delivery job records
 * as an attempt and retries with backoff.
 */
export interface NotificationChannel {
  send(notice: OutgoingNotice): Promise<void>;
}

/** An address as the log may show it. */
function maskedTo(n: OutgoingNotice): string {
  if (n.channel === 'sms') return maskPhone(n.to);
  return n.channel === 'email' ? maskEmail(n.to) : maskOpenid(n.to);
}

/**
 * Development channel: writes the notice to the server log, the address masked (the log is scanned for
 * phones after every test run). A one-time code (no delivery) is written with its text at warn level, as
 * the texted codes are (auth/otp-channel.ts): that is where a developer reads it.
 */
export function logChannel(log: FastifyBaseLogger): NotificationChannel {
  return {
    send(n) {
      const to = maskedTo(n);
      if (n.deliveryId === null) {
        log.warn(
          { notifyChannel: 'log', channel: n.channel, to, mail: n.body },
          'one-time code (development channel)',
        );
        return Promise.resolve();
      }
      log.info(
        { notifyChannel: 'log', channel: n.channel, to, title: n.title },
        'notice (development channel)',
      );
      return Promise.resolve();
    },
  };
}

/**
 * The operator's gateway: one JSON POST per notice (channel, to, title, body, deliveryId); any answer other
 * than 2xx within 10 s is a failed attempt. Gateways for SMS (e.g. a cloud SMS service), WeChat template
 * messages and e-mail sit behind this one address, so the platform holds no provider's credentials.
 */
export function webhookChannel(url: string): NotificationChannel {
  return {
    async send(n) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(n),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`gateway answered ${res.status}`);
    },
  };
}

/** The channel NOTIFY_CHANNEL names; a misconfiguration fails at the first send, recorded as an attempt. */
export function notificationChannelFor(config: Config, log: FastifyBaseLogger): NotificationChannel {
  if (config.notifyChannel === 'log') return logChannel(log);
  if (config.notifyChannel === 'webhook') {
    if (!config.notifyWebhookUrl) throw new Error('NOTIFY_CHANNEL=webhook needs NOTIFY_WEBHOOK_URL');
    return webhookChannel(config.notifyWebhookUrl);
  }
  throw new Error(`unknown NOTIFY_CHANNEL "${config.notifyChannel}"`);
}
