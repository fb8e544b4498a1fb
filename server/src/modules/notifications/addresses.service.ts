import type { Locale } from '@yiqi/shared/i18n';
import { maskEmail, maskOpenid } from '@yiqi/shared/identity/mask';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import type { OtpChannel } from '../../core/otp-channel.ts';
import { withTransaction } from '../../core/tx.ts';
import { uniqueViolation } from '../../core/pg-errors.ts';
import { blindIndex, decrypt, encrypt } from '../../lib/crypto.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  checkCode,
  consumeCode,
  identifierKey,
  issueCode,
  throttleCodeRequest,
} from '../auth/otp.service.ts';
import type { NotificationChannel } from './channels.ts';
import * as repo from './addresses.repository.ts';
import type { AddressChannel } from './addresses.repository.ts';
import { setPreference } from './delivery.repository.ts';
import type { WechatIdentity } from './wechat.ts';

/**
 * The addresses the e-mail and WeChat channels send to (docs/decisions/0069): an e-mail address proved by a
 * one-time code sent to it through the e-mail channel (the auth module's codes: hashed, 10 minutes, 5 tries,
 * once, hourly limits), and a WeChat identity from a login code exchanged on the server. Sealed at rest,
 * masked in every answer, every change audited without the address itself.
 */

const indexOf = (ctx: Pick<Ctx, 'config'>, channel: AddressChannel, value: string) =>
  blindIndex(ctx.config.appKey, `notify-${channel}`, value);

/** The code's subject binds it to this account and this address: a code proves nothing for another. */
const emailSubject = (ctx: Ctx, userId: string, email: string) =>
  `email:${userId}:${indexOf(ctx, 'email', email).toString('hex')}`;

const CODE_TEXT: Record<Locale, { title: string; body: (code: string) => string }> = {
  'zh-CN': {
    title: '【一起志愿】邮箱验证码',
    body: (c) =>
      `您的验证码是 ${c}，10 分钟内有效，用于将本邮箱设为接收志愿服务通知的邮箱。如非本人操作，请忽略本邮件。`,
  },
  'zh-HK': {
    title: '【一起志願】郵箱驗證碼',
    body: (c) =>
      `您的驗證碼是 ${c}，10 分鐘內有效，用於將本郵箱設為接收志願服務通知的郵箱。如非本人操作，請忽略本郵件。`,
  },
  en: {
    title: 'Yiqi: your e-mail code',
    body: (c) =>
      `Your code is ${c}. It is valid for 10 minutes and makes this the address for your volunteer-service notices. If you did not ask for it, ignore this e-mail.`,
  },
};

/** The e-mail channel seen as a one-time code channel, so the auth module's issueCode sends through it. */
function emailCodeChannel(channel: NotificationChannel, locale: Locale): OtpChannel {
  return {
    send: (to, body) =>
      channel.send({ channel: 'email', to, title: CODE_TEXT[locale].title, body, deliveryId: null }),
  };
}

/** The account's addresses, masked, by channel. */
export async function maskedAddresses(ctx: Ctx, userId: string) {
  const rows = await repo.addressesOf(ctx.db, userId);
  const out: Partial<Record<AddressChannel, string>> = {};
  for (const r of rows) {
    const plain = decrypt(ctx.config.appKey, r.address_enc);
    out[r.channel] = r.channel === 'email' ? maskEmail(plain) : maskOpenid(plain);
  }
  return out;
}

/** Sends a code to a new e-mail address (202 whatever happens to the mail: the person asks again). */
export async function requestEmailCode(ctx: Ctx, channel: NotificationChannel, email: string) {
  const userId = actorOf(ctx).userId;
  await throttleCodeRequest(ctx, 'email', [
    identifierKey(ctx, 'user', userId),
    identifierKey(ctx, 'email', email),
  ]);
  await issueCode(ctx, emailCodeChannel(channel, ctx.locale), {
    purpose: 'email',
    subject: emailSubject(ctx, userId, email),
    phone: email,
    text: CODE_TEXT[ctx.locale].body,
  });
  await recordAudit(ctx, {
    action: 'notification.email_code',
    result: 'ok',
    objectType: 'user',
    objectId: userId,
    regionCode: null,
    details: {},
  });
}

/** The code the address received makes it the account's e-mail address (replacing an earlier one). */
export async function confirmEmail(ctx: Ctx, email: string, code: string) {
  const userId = actorOf(ctx).userId;
  const codeId = await checkCode(ctx, 'email', emailSubject(ctx, userId, email), code);
  await bind(ctx, userId, 'email', email, (tx) => consumeCode(tx, codeId));
}

/** Binds the WeChat identity a login code belongs to (one account per identity). */
export async function bindWechat(ctx: Ctx, identity: WechatIdentity, code: string) {
  const userId = actorOf(ctx).userId;
  const openid = await identity.openidOf(code);
  const holder = await repo.wechatHolder(ctx.db, indexOf(ctx, 'wechat', openid));
  if (holder && holder !== userId) throw new DomainError('WECHAT_BOUND_ELSEWHERE');
  await bind(ctx, userId, 'wechat', openid);
}

async function bind(
  ctx: Ctx,
  userId: string,
  channel: AddressChannel,
  value: string,
  inTx?: (tx: Ctx) => Promise<void>,
) {
  const before = await repo.addressesOf(ctx.db, userId);
  const old = before.find((r) => r.channel === channel);
  const bidx = indexOf(ctx, channel, value);
  try {
    await withTransaction(ctx, async (tx) => {
      if (inTx) await inTx(tx);
      await repo.upsertAddress(tx.db, {
        userId,
        channel,
        enc: encrypt(ctx.config.appKey, value),
        bidx,
        at: ctx.clock(),
      });
      await recordAudit(tx, {
        action: 'notification.address_bind',
        result: 'ok',
        objectType: 'user',
        objectId: userId,
        regionCode: null,
        // Never the address: the audit log outlives the binding.
        details: {
          channel,
          change: !old ? 'added' : Buffer.from(old.address_bidx).equals(bidx) ? 'same' : 'changed',
        },
      });
    });
  } catch (e) {
    // Two accounts binding one WeChat identity at once: the unique index lets one through.
    if (uniqueViolation(e)) throw new DomainError('WECHAT_BOUND_ELSEWHERE');
    throw e;
  }
}

/** Unbinds the channel's address and turns the channel off (it has nowhere to go), audited. */
export async function unbind(ctx: Ctx, channel: AddressChannel) {
  const userId = actorOf(ctx).userId;
  await withTransaction(ctx, async (tx) => {
    if (!(await repo.deleteAddress(tx.db, userId, channel))) throw new DomainError('NOTIFY_ADDRESS_NONE');
    await setPreference(tx.db, userId, channel, false, ctx.clock());
    await recordAudit(tx, {
      action: 'notification.address_unbind',
      result: 'ok',
      objectType: 'user',
      objectId: userId,
      regionCode: null,
      details: { channel },
    });
  });
}

/** The addresses in full, for the person's own data export. */
export async function ownAddressesForExport(ctx: Ctx, userId: string) {
  const rows = await repo.addressesOf(ctx.db, userId);
  return rows.map((r) => ({
    channel: r.channel,
    address: decrypt(ctx.config.appKey, r.address_enc),
    verifiedAt: r.verified_at.toISOString(),
  }));
}

/** Account closure: every address goes, in the closure's transaction. */
export async function forgetAddresses(tx: Ctx, userId: string): Promise<number> {
  return repo.deleteAllAddresses(tx.db, userId);
}
