import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { blindIndex } from '../../lib/crypto.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { OtpChannel } from '../../core/otp-channel.ts';
import * as repo from './otp.repository.ts';
import type { CodePurpose } from './otp.repository.ts';
import { withTransaction } from '../../core/tx.ts';

/** One-time codes sent to a phone on record: 6 digits, 10 minutes, 5 tries, used once. */
export const CODE_TTL_MS = 10 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;
const HOUR_MS = 3_600_000;

export type { CodePurpose };

/** Subject of a code that matches nobody: verifying against it does the same work and always fails. */
export const NO_SUBJECT = 'none';

/** The hash kept for a code: keyed and bound to the code's row, so a database copy cannot test 10^6 codes. */
function codeHash(ctx: Pick<Ctx, 'config'>, id: string, code: string): Buffer {
  return blindIndex(ctx.config.appKey, 'otp', `${id}:${code}`);
}

/** Keyed hash of an identifier for the rate-limit buckets (no document or phone is stored in clear). */
export function identifierKey(ctx: Pick<Ctx, 'config'>, kind: string, value: string): string {
  return blindIndex(ctx.config.appKey, 'otp-identifier', `${kind}:${value}`).toString('hex');
}

/**
 * Counts a code request against the caller's address and each identifier and refuses (429) once any of
 * them is over its hourly limit. Requests count whether or not the identifier matched anyone, so the
 * limit answers the same for registered and unknown people. The request is counted first, then checked,
 * so parallel requests cannot all slip under the limit.
 */
export async function throttleCodeRequest(ctx: Ctx, purpose: CodePurpose, identifiers: string[]) {
  const now = ctx.clock();
  const key = ctx.config.appKey;
  const limits = [
    { bucket: blindIndex(key, 'otp-ip', ctx.ip), max: ctx.config.otpPerIpPerHour },
    ...identifiers.map((i) => ({
      bucket: blindIndex(key, 'otp-id', i),
      max: ctx.config.otpPerIdentifierPerHour,
    })),
  ];
  const buckets = limits.map((l) => l.bucket);
  await repo.insertRequests(ctx.db, buckets, now, new Date(now.getTime() - 24 * HOUR_MS));
  const counts = await repo.countRequests(ctx.db, buckets, new Date(now.getTime() - HOUR_MS));
  const over = limits.findIndex((l, i) => counts[i]! > l.max);
  if (over >= 0) {
    await recordAudit(ctx, {
      action: 'auth.code_request',
      result: 'denied',
      actorOverride: { id: null, name: null },
      regionCode: null,
      details: { purpose, reason: over === 0 ? 'rate_limited_source' : 'rate_limited_identifier' },
    });
    throw new DomainError('RATE_LIMITED');
  }
}

/**
 * Issues a code for (purpose, subject), replacing earlier ones, and sends `text(code)` to the phone on
 * record. The row is written before sending: a code that was sent always exists.
 */
export async function issueCode(
  ctx: Ctx,
  channel: OtpChannel,
  c: { purpose: CodePurpose; subject: string; phone: string; text: (code: string) => string },
): Promise<void> {
  const now = ctx.clock();
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await withTransaction(ctx, (tx) =>
    repo.insertCode(tx.db, {
      id,
      purpose: c.purpose,
      subject: c.subject,
      codeHash: codeHash(ctx, id, code),
      now,
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    }),
  );
  // Not awaited: a slow SMS gateway must not make the answer for a registered person slower than for
  // an unknown one. A failed send is logged; the person asks again.
  channel
    .send(c.phone, c.text(code))
    .catch((err: unknown) => ctx.log.error({ err }, 'one-time code not sent'));
}

/**
 * Checks a code against the live code of (purpose, subject) and returns that code's id for `consumeCode`
 * in the caller's transaction. A wrong code uses up one of the five tries; unknown subjects, expired,
 * used and burnt codes all fail the same way (OTP_INVALID), audited.
 */
export async function checkCode(
  ctx: Ctx,
  purpose: CodePurpose,
  subject: string,
  code: string,
): Promise<string> {
  const now = ctx.clock();
  const live =
    subject === NO_SUBJECT
      ? undefined
      : await repo.findLiveCode(ctx.db, purpose, subject, now, CODE_MAX_ATTEMPTS);
  // Hash even when nothing matched, so an unknown person costs the same as a wrong code.
  const given = codeHash(ctx, live?.id ?? randomUUID(), code);
  if (live && timingSafeEqual(Buffer.from(live.code_hash), given)) return live.id;
  const tries = live ? await repo.countAttempt(ctx.db, live.id) : null;
  await recordAudit(ctx, {
    action: 'auth.code_check',
    result: 'failed',
    actorOverride: { id: null, name: null },
    regionCode: null,
    details: { purpose, reason: live ? 'wrong_code' : 'no_live_code', ...(tries ? { tries } : {}) },
  });
  throw new DomainError('OTP_INVALID');
}

/** Uses the checked code up in the caller's transaction; a code confirmed twice at once fails once. */
export async function consumeCode(ctx: Ctx, id: string): Promise<void> {
  if (!(await repo.consumeCode(ctx.db, id, ctx.clock(), CODE_MAX_ATTEMPTS)))
    throw new DomainError('OTP_INVALID');
}
