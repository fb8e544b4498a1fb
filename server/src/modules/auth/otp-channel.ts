import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from '@yiqi/shared/identity/mask';
import type { Config } from '../../lib/config.ts';
import type { OtpChannel } from '../../core/otp-channel.ts';

/**
 * Development channel: writes the message to the server log at warn level (so it shows at the usual
 * LOG_LEVEL=warn of test servers and stands out as "not a real SMS"). The log redacts `*.code` fields, so
 * the code travels inside `sms` (the message text) on purpose: that is where a developer reads it. The
 * phone is masked like everywhere else in the log.
 */
export function logOtpChannel(log: FastifyBaseLogger): OtpChannel {
  return {
    send(phone, text) {
      log.warn({ otpChannel: 'log', to: maskPhone(phone), sms: text }, 'one-time code (development channel)');
      return Promise.resolve();
    },
  };
}

/** A channel that keeps what was sent, for tests (startTestApp injects one). */
export class CapturingOtpChannel implements OtpChannel {
  sent: { phone: string; text: string }[] = [];
  send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text });
    return Promise.resolve();
  }
  /** The six-digit code of the last message to `phone`, or undefined when none was sent. */
  lastCode(phone: string): string | undefined {
    const m = [...this.sent].reverse().find((s) => s.phone === phone);
    return m?.text.match(/\b(\d{6})\b/)?.[1];
  }
}

/** The channel OTP_CHANNEL names; an unknown name fails at start rather than silently sending nothing. */
export function otpChannelFor(config: Config, log: FastifyBaseLogger): OtpChannel {
  if (config.otpChannel === 'log') {
    log.warn('OTP_CHANNEL=log: one-time codes are written to this log, not texted (development only)');
    return logOtpChannel(log);
  }
  throw new Error(`unknown OTP_CHANNEL "${config.otpChannel}"`);
}
