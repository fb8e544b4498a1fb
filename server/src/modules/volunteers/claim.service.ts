import type { z } from 'zod';
import type { ClaimConfirmBody, ClaimRequestBody, MeView } from '@yiqi/shared/contracts/auth';
import type { DocumentType } from '@yiqi/shared/identity/documents';
import { maskPhone } from '@yiqi/shared/identity/mask';
import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as auth from '../auth/auth.service.ts';
import { findUserById, findUserByPhoneIndex, findUserByUsername } from '../auth/users.service.ts';
import type { OtpChannel } from '../../core/otp-channel.ts';
import {
  checkCode,
  consumeCode,
  identifierKey,
  issueCode,
  NO_SUBJECT,
  throttleCodeRequest,
} from '../auth/otp.service.ts';
import { hashPassword, isStrongPassword } from '../auth/password.ts';
import { sendResetCode } from '../auth/recovery.service.ts';
import * as repo from './claim.repository.ts';
import { docIndex } from './person.ts';
import { uniqueViolation } from '../../core/pg-errors.ts';
import { unseal } from './views.ts';
import { withTransaction } from '../../core/tx.ts';

/**
 * Account claim (首次登录): a person registered on their behalf (an organization's form or roster import)
 * has a volunteer record but no account. They name their document (or phone), prove the phone on record
 * with a one-time code, and choose a user name and password: a new account linked to that record.
 * Every request answers the same whether or not the person is on record.
 */

type Identifier = {
  docType?: DocumentType | undefined;
  docNumber?: string | undefined;
  phone?: string | undefined;
};
type Claimable = NonNullable<Awaited<ReturnType<typeof repo.findActiveByDocIndex>>>;

/** Document numbers as registration stores them: upper case, no spaces. */
const normalise = (n: string) => n.replace(/\s+/g, '').toUpperCase();

/** The volunteer an identifier designates: the document's holder, or the one volunteer with that phone. */
async function findVolunteer(ctx: Ctx, id: Identifier): Promise<Claimable | undefined> {
  if (id.phone) {
    const rows = await repo.findActiveByPhoneIndex(ctx.db, auth.phoneIndex(ctx, id.phone));
    return rows.length === 1 ? rows[0] : undefined;
  }
  return repo.findActiveByDocIndex(ctx.db, docIndex(ctx, id.docType!, normalise(id.docNumber!)));
}

function identifierKeyOf(ctx: Ctx, id: Identifier): string {
  return id.phone
    ? identifierKey(ctx, 'phone', id.phone)
    : identifierKey(ctx, 'doc', docIndex(ctx, id.docType!, normalise(id.docNumber!)).toString('hex'));
}

/**
 * Tells a registered person, on the phone on record, how to get in: a claim code when the record has no
 * account yet, else a password-reset code for the account. False when there is no phone to send to.
 * Also used when someone registers again with a document already on record.
 */
export async function notifyRegistered(ctx: Ctx, channel: OtpChannel, v: Claimable): Promise<boolean> {
  const phone = unseal(ctx, v.phone_enc);
  if (!phone) return false;
  if (!v.user_id) {
    await issueCode(ctx, channel, {
      purpose: 'claim',
      subject: `volunteer:${v.id}`,
      phone,
      text: (code) =>
        `【一起志愿】验证码 ${code}，10 分钟内有效，用于认领您已登记的志愿者账号（首次登录）。如非本人操作，请忽略本短信。`,
    });
    return true;
  }
  const user = await findUserById(ctx, v.user_id);
  if (!user || user.disabled_at) return false;
  await sendResetCode(ctx, channel, user, phone);
  return true;
}

/** Sends a claim code to the phone on record when the identifier designates someone; answers nothing. */
export async function requestClaim(
  ctx: Ctx,
  channel: OtpChannel,
  input: z.infer<typeof ClaimRequestBody>,
): Promise<void> {
  await throttleCodeRequest(ctx, 'claim', [identifierKeyOf(ctx, input)]);
  const v = await findVolunteer(ctx, input);
  const sent = v ? await notifyRegistered(ctx, channel, v) : false;
  await recordAudit(ctx, {
    action: 'auth.code_request',
    result: 'ok',
    actorOverride: { id: null, name: input.phone ? maskPhone(input.phone) : null },
    regionCode: v?.region_code ?? null,
    ...(v ? { objectType: 'volunteer', objectId: v.id } : {}),
    details: {
      purpose: 'claim',
      via: input.phone ? 'phone' : 'document',
      sent,
      ...(v?.user_id ? { hasAccount: true } : {}),
    },
  });
}

/**
 * Completes a claim: checks the code, creates the account (signing in by the phone on record too, when no
 * other account uses it), links the volunteer record and opens a session, all in one transaction.
 */
export async function confirmClaim(
  ctx: Ctx,
  input: z.infer<typeof ClaimConfirmBody>,
): Promise<{ token: string; me: MeView }> {
  if (!isStrongPassword(input.password)) throw new DomainError('WEAK_PASSWORD');
  const found = await findVolunteer(ctx, input);
  const v = found && !found.user_id ? found : undefined;
  const codeId = await checkCode(ctx, 'claim', v ? `volunteer:${v.id}` : NO_SUBJECT, input.code);
  // The code was right: the user name's availability may be told (the code is not used up by a taken name).
  if (await findUserByUsername(ctx, input.username)) throw new DomainError('USERNAME_TAKEN');
  const passwordHash = await hashPassword(input.password);
  const phone = unseal(ctx, v!.phone_enc)!;
  const phoneFree = !(await findUserByPhoneIndex(ctx, auth.phoneIndex(ctx, phone)));
  try {
    return await withTransaction(ctx, async (tx) => {
      const t = tx;
      await consumeCode(t, codeId);
      const user = await auth.createAccount(t, {
        username: input.username,
        displayName: v!.name ?? input.username,
        passwordHash,
        phone: phoneFree ? phone : null,
      });
      if (!(await repo.linkUser(tx.db, v!.id, user.id, ctx.clock()))) throw new DomainError('OTP_INVALID');
      await recordAudit(t, {
        action: 'volunteer.claim',
        result: 'ok',
        actorOverride: { id: user.id, name: user.username },
        objectType: 'volunteer',
        objectId: v!.id,
        regionCode: v!.region_code,
        details: { via: input.phone ? 'phone' : 'document', signInByPhone: phoneFree },
      });
      return auth.startSession(t, user, []);
    });
  } catch (e) {
    if (uniqueViolation(e)?.includes('username')) throw new DomainError('USERNAME_TAKEN');
    throw e;
  }
}
