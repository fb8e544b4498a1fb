import { maskPhone } from '@yiqi/shared/identity/mask';
import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { decrypt } from '../../lib/crypto.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { phoneIndex } from './auth.service.ts';
import * as repo from './auth.repository.ts';
import type { OtpChannel } from '../../core/otp-channel.ts';
import {
  checkCode,
  consumeCode,
  identifierKey,
  issueCode,
  NO_SUBJECT,
  throttleCodeRequest,
} from './otp.service.ts';
import { hashPassword, isStrongPassword } from './password.ts';
import { withTransaction } from '../../core/tx.ts';

/** Forgotten password (忘记密码): a code to the phone on record, then a new password. */

const MOBILE = /^1[3-9]\d{9}$/;

/** The account a sign-in name designates (a mainland mobile number signs in by phone, as at login). */
async function findAccount(ctx: Ctx, identifier: string) {
  const user = MOBILE.test(identifier)
    ? await repo.findUserByPhoneIndex(ctx.db, phoneIndex(ctx, identifier))
    : await repo.findUserByUsername(ctx.db, identifier);
  return user && !user.disabled_at ? user : undefined;
}

/** How the audit log names an anonymous requester: a phone masked, a user name as typed (as at login). */
function requester(identifier: string) {
  return MOBILE.test(identifier) ? maskPhone(identifier) : identifier.toLowerCase().slice(0, 64);
}

/** Sends a password-reset code for an account to its phone on record. */
export async function sendResetCode(
  ctx: Ctx,
  channel: OtpChannel,
  user: { id: string; username: string },
  phone: string,
): Promise<void> {
  await issueCode(ctx, channel, {
    purpose: 'reset',
    subject: `user:${user.id}`,
    phone,
    text: (code) =>
      `【一起志愿】验证码 ${code}，10 分钟内有效，用于重设账号 ${user.username} 的密码（忘记密码）。如非本人操作，请忽略本短信。`,
  });
}

/**
 * Sends a reset code to the account's phone on record, if there is such an account with a phone. The
 * caller gets the same answer (202) either way; the audit row says what happened.
 */
export async function requestPasswordReset(ctx: Ctx, channel: OtpChannel, identifier: string): Promise<void> {
  const key = MOBILE.test(identifier)
    ? identifierKey(ctx, 'phone', identifier)
    : identifierKey(ctx, 'user', identifier.toLowerCase());
  await throttleCodeRequest(ctx, 'reset', [key]);
  const user = await findAccount(ctx, identifier);
  const phoneEnc = user ? await repo.findPhoneOnRecord(ctx.db, user.id) : null;
  if (user && phoneEnc) await sendResetCode(ctx, channel, user, decrypt(ctx.config.appKey, phoneEnc));
  await recordAudit(ctx, {
    action: 'auth.code_request',
    result: 'ok',
    actorOverride: { id: user?.id ?? null, name: requester(identifier) },
    regionCode: null,
    ...(user ? { objectType: 'user', objectId: user.id } : {}),
    details: { purpose: 'reset', sent: Boolean(user && phoneEnc) },
  });
}

/**
 * Sets a new password with a reset code: every session of the account ends and a lockout is lifted.
 * Unknown accounts fail exactly like a wrong code.
 */
export async function confirmPasswordReset(
  ctx: Ctx,
  identifier: string,
  code: string,
  newPassword: string,
): Promise<void> {
  if (!isStrongPassword(newPassword)) throw new DomainError('WEAK_PASSWORD');
  const user = await findAccount(ctx, identifier);
  const codeId = await checkCode(ctx, 'reset', user ? `user:${user.id}` : NO_SUBJECT, code);
  const hash = await hashPassword(newPassword);
  const now = ctx.clock();
  await withTransaction(ctx, async (tx) => {
    const t = tx;
    await consumeCode(t, codeId);
    await repo.updatePasswordHash(tx.db, user!.id, hash, now);
    await repo.revokeAllSessions(tx.db, user!.id, now);
    await repo.resetFailedLogins(tx.db, user!.id);
    await recordAudit(t, {
      action: 'auth.password_reset',
      result: 'ok',
      actorOverride: { id: user!.id, name: user!.username },
      regionCode: null,
      objectType: 'user',
      objectId: user!.id,
    });
  });
}
