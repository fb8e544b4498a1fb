import { randomBytes } from 'node:crypto';
import type { MeView } from '@yiqi/shared/contracts/auth';
import type { Locale } from '@yiqi/shared/i18n';
import { maskPhone } from '@yiqi/shared/identity/mask';
import { DomainError } from '../../core/domain-error.ts';
import { actorOf, type Actor, type Ctx, type Grant } from '../../core/ctx.ts';
import { blindIndex, decrypt, encrypt, sha256 } from '../../lib/crypto.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { describeGrants } from '../roles/roles.service.ts';
import * as repo from './auth.repository.ts';
import { burnPasswordCheck, hashPassword, isStrongPassword, verifyPassword } from './password.ts';
import { matchTotp, newTotpSecret, totpEnrolment } from './totp.ts';
import { withTransaction } from '../../core/tx.ts';
import type { SessionRow } from '../../db/session-sql.ts';

const MOBILE = /^1[3-9]\d{9}$/;

/** Keyed hash of a mainland mobile number: how accounts and volunteers are found by phone. */
export function phoneIndex(ctx: Pick<Ctx, 'config'>, phone: string): Buffer {
  return blindIndex(ctx.config.appKey, 'phone', phone);
}

/**
 * Checks a password and opens a session; the same answer for unknown, locked and wrong. Returns the token.
 * A mainland mobile number signs in the account registered with it (volunteers sign in by phone).
 */
export async function login(
  ctx: Ctx,
  username: string,
  password: string,
): Promise<{ token: string; me: MeView }> {
  const now = ctx.clock();
  const byPhone = MOBILE.test(username);
  const user =
    (byPhone ? await repo.findUserByPhoneIndex(ctx.db, phoneIndex(ctx, username)) : undefined) ??
    (await repo.findUserByUsername(ctx.db, username));
  // The audit log is append-only and outlives account closure, so a phone typed as the user name is
  // recorded masked (or as the account's name), never in full.
  const who = {
    id: user?.id ?? null,
    name:
      user && byPhone ? user.username : byPhone ? maskPhone(username) : username.toLowerCase().slice(0, 64),
  };
  if (!user || user.disabled_at) {
    await burnPasswordCheck(password);
    await recordAudit(ctx, {
      action: 'auth.login',
      result: 'failed',
      actorOverride: who,
      regionCode: null,
      details: { reason: 'unknown_user' },
    });
    throw new DomainError('LOGIN_FAILED');
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    await burnPasswordCheck(password);
    await recordAudit(ctx, {
      action: 'auth.login',
      result: 'denied',
      actorOverride: who,
      regionCode: null,
      details: { reason: 'locked' },
    });
    throw new DomainError('LOGIN_FAILED');
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const lockUntil = new Date(now.getTime() + ctx.config.lockoutMinutes * 60_000);
    const { locked } = await repo.registerFailedLogin(
      ctx.db,
      user.id,
      ctx.config.lockoutThreshold,
      lockUntil,
    );
    await recordAudit(ctx, {
      action: 'auth.login',
      result: 'failed',
      actorOverride: who,
      regionCode: null,
      details: { reason: 'wrong_password' },
    });
    if (locked)
      await recordAudit(ctx, {
        action: 'auth.lockout',
        result: 'ok',
        actorOverride: who,
        regionCode: null,
        objectType: 'user',
        objectId: user.id,
        details: { until: lockUntil.toISOString() },
      });
    throw new DomainError('LOGIN_FAILED');
  }
  const grants = await repo.findActiveGrants(ctx.db, user.id);
  return withTransaction(ctx, async (tx) => {
    await repo.resetFailedLogins(tx.db, user.id);
    return startSession(tx, user, grants);
  });
}

/**
 * Opens a session for a user who has just proved who they are (a password, or a registration that set
 * it), in the caller's transaction (ctx.db), and audits the sign-in. Returns the token for the cookie.
 */
export async function startSession(
  ctx: Ctx,
  user: {
    id: string;
    username: string;
    display_name: string;
    locale: string;
    totp_enabled_at: Date | string | null;
  },
  grants: Grant[],
): Promise<{ token: string; me: MeView }> {
  const now = ctx.clock();
  const token = randomBytes(32).toString('base64url');
  const tokenHash = sha256(token);
  await repo.insertSession(ctx.db, {
    tokenHash,
    userId: user.id,
    now,
    expiresAt: new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3_600_000),
  });
  await recordAudit(ctx, {
    action: 'auth.login',
    result: 'ok',
    actorOverride: { id: user.id, name: user.username },
    regionCode: grants[0]?.regionCode ?? null,
  });
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    locale: user.locale as Locale,
    grants,
    mfa: false,
    mfaEnrolled: user.totp_enabled_at !== null,
    sessionHash: tokenHash,
  };
  return { token, me: getMe({ ...ctx, actor }) };
}

/**
 * Creates a sign-in account in the caller's transaction (volunteer self-registration). The password is
 * hashed by the caller before the transaction, so the slow hash holds no connection.
 */
export async function createAccount(
  ctx: Ctx,
  a: { username: string; displayName: string; passwordHash: string; phone: string | null },
) {
  return repo.insertUser(ctx.db, {
    username: a.username,
    display_name: a.displayName,
    password_hash: a.passwordHash,
    locale: ctx.locale,
    phone_bidx: a.phone ? phoneIndex(ctx, a.phone) : null,
  });
}

/** Keeps the account's display name in step with a corrected real name (caller's transaction). */
export async function setDisplayName(ctx: Ctx, userId: string, displayName: string): Promise<void> {
  await repo.updateDisplayName(ctx.db, userId, displayName);
}

/** True when `plain` is the signed-in user's password. */
export async function checkOwnPassword(ctx: Ctx, plain: string): Promise<boolean> {
  const user = await repo.findUserById(ctx.db, actorOf(ctx).userId);
  return Boolean(user && (await verifyPassword(user.password_hash, plain)));
}

/**
 * Closes an account for good, in the caller's transaction: the row stays (ids in the audit log and on
 * records still point at it) but nothing in it identifies the person or can sign in, and every session
 * ends. The unusable password hash is random text no verifier accepts.
 */
export async function closeAccount(ctx: Ctx, userId: string): Promise<void> {
  const now = ctx.clock();
  await repo.anonymizeUser(ctx.db, userId, {
    username: `closed-${randomBytes(8).toString('hex')}`,
    passwordHash: `closed:${randomBytes(32).toString('base64url')}`,
    now,
  });
  await repo.revokeAllSessions(ctx.db, userId, now);
  // A calendar feed address would keep answering for the account; notices name activities, not the person.
  await repo.deleteCalendarFeed(ctx.db, userId);
}

/** A session token's hash, or null when the string cannot be a token (no lookup then). */
function sessionHashOf(token: string): Buffer | null {
  return token.length < 20 || token.length > 100 ? null : sha256(token);
}

/**
 * Resolves a session cookie to an actor, applying idle and absolute expiry; refreshes last-seen. One
 * statement (session, user and grants), plus the last-seen write at most once a minute.
 */
export async function authenticate(ctx: Omit<Ctx, 'actor'>, token: string): Promise<Actor | null> {
  const tokenHash = sessionHashOf(token);
  if (!tokenHash) return null;
  return actorOfSession(ctx, tokenHash, await repo.findSession(ctx.db, tokenHash));
}

/**
 * The actor of a session as read (by findSession, or by a service's own statement that starts with the
 * session: db/session-sql.ts), or null when it is not live: revoked, user disabled, expired, idle too long.
 * Refreshes last-seen at most once a minute.
 */
async function actorOfSession(
  ctx: Omit<Ctx, 'actor'>,
  tokenHash: Buffer,
  s: SessionRow | undefined,
): Promise<Actor | null> {
  if (!s || s.revoked_at || s.disabled_at) return null;
  const now = ctx.clock();
  const idleLimit = new Date(new Date(s.last_seen_at).getTime() + ctx.config.sessionIdleMinutes * 60_000);
  if (now >= new Date(s.expires_at) || now >= idleLimit) return null;
  // One write a minute at most: enough for a 30-minute idle window, cheap on hot read paths.
  if (now.getTime() - new Date(s.last_seen_at).getTime() > 60_000)
    await repo.touchSession(ctx.db, tokenHash, now);
  return {
    userId: s.user_id,
    username: s.username,
    displayName: s.display_name,
    grants: s.grants,
    mfa: s.mfa_at !== null,
    mfaEnrolled: s.totp_enabled_at !== null,
    sessionHash: tokenHash,
    locale: s.locale as Locale,
  };
}

/**
 * For a service that reads the session in its own first statement (ctx.pendingSession, decision 0072): the
 * token hash that statement looks up, the pending cookie's (UNAUTHENTICATED when it cannot be a token), or
 * the actor's when the caller is already known.
 */
export function sessionToRead(ctx: Ctx): Buffer {
  if (ctx.actor) return ctx.actor.sessionHash;
  const tokenHash = ctx.pendingSession ? sessionHashOf(ctx.pendingSession.token) : null;
  if (!tokenHash) throw new DomainError('UNAUTHENTICATED');
  return tokenHash;
}

/**
 * The ctx with its actor, from the session row the service's own statement read for sessionToRead's hash,
 * decided exactly as authenticate() decides (UNAUTHENTICATED when not live); the request is settled with
 * the actor (its logs, its locale). A ctx that already has its actor is returned as it is.
 */
export async function signedIn(ctx: Ctx, tokenHash: Buffer, s: SessionRow | undefined): Promise<Ctx> {
  if (ctx.actor) return ctx;
  const actor = await actorOfSession(ctx, tokenHash, s);
  if (!actor) throw new DomainError('UNAUTHENTICATED');
  ctx.pendingSession?.settle(actor);
  const { pendingSession: _pending, ...rest } = ctx;
  return { ...rest, actor };
}

/** The ctx with its actor on a path without a statement of its own to read the session in: a session check. */
export async function withActor(ctx: Ctx): Promise<Ctx> {
  if (ctx.actor) return ctx;
  const tokenHash = sessionToRead(ctx);
  return signedIn(ctx, tokenHash, await repo.findSession(ctx.db, tokenHash));
}

export async function logout(ctx: Ctx): Promise<void> {
  const actor = actorOf(ctx);
  await withTransaction(ctx, async (tx) => {
    await repo.revokeSession(tx.db, actor.sessionHash, ctx.clock());
    await recordAudit(tx, { action: 'auth.logout', result: 'ok' });
  });
}

/** The signed-in user as the session already loaded it: no further queries on this hot path. */
export function getMe(ctx: Ctx): MeView {
  const actor = actorOf(ctx);
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    locale: actor.locale,
    roles: describeGrants(actor.grants),
    isStaff: actor.grants.length > 0,
    mfa: { enrolled: actor.mfaEnrolled, verified: actor.mfa },
  };
}

/** Changes the password after checking the current one; every other session of the user is ended. */
export async function changePassword(ctx: Ctx, current: string, next: string): Promise<void> {
  const actor = actorOf(ctx);
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, current))) {
    await recordAudit(ctx, {
      action: 'auth.password_change',
      result: 'failed',
      details: { reason: 'wrong_password' },
    });
    throw new DomainError('WRONG_PASSWORD');
  }
  if (!isStrongPassword(next) || next === current) throw new DomainError('WEAK_PASSWORD');
  const hash = await hashPassword(next);
  await withTransaction(ctx, async (tx) => {
    await repo.updatePasswordHash(tx.db, actor.userId, hash, ctx.clock());
    await repo.revokeOtherSessions(tx.db, actor.userId, actor.sessionHash, ctx.clock());
    await recordAudit(tx, {
      action: 'auth.password_change',
      result: 'ok',
      objectType: 'user',
      objectId: actor.userId,
    });
  });
}

export async function setLocale(ctx: Ctx, locale: Locale): Promise<void> {
  const actor = actorOf(ctx);
  await withTransaction(ctx, async (tx) => {
    await repo.updateLocale(tx.db, actor.userId, locale);
    await recordAudit(tx, { action: 'user.locale', result: 'ok', details: { locale } });
  });
}

/**
 * A locked account passes no second factor: the lock (wrong passwords or wrong codes) holds for sessions
 * opened before it, so a password-only session cannot keep guessing codes through it. Audited.
 */
async function refuseIfLocked(
  ctx: Ctx,
  user: { locked_until: Date | string | null } | undefined,
  action: string,
): Promise<void> {
  if (!user?.locked_until || new Date(user.locked_until) <= ctx.clock()) return;
  await recordAudit(ctx, { action, result: 'denied', details: { reason: 'locked' } });
  throw new DomainError('ACCOUNT_LOCKED');
}

/** Starts TOTP enrolment: a new secret, kept encrypted until a first code confirms it. */
export async function setupTotp(ctx: Ctx) {
  const actor = actorOf(ctx);
  if (actor.mfaEnrolled) throw new DomainError('MFA_ALREADY_ENABLED');
  await refuseIfLocked(ctx, await repo.findUserById(ctx.db, actor.userId), 'auth.totp_setup');
  const secret = newTotpSecret();
  await withTransaction(ctx, async (tx) => {
    await repo.storePendingTotp(tx.db, actor.userId, encrypt(ctx.config.appKey, secret));
    await recordAudit(tx, { action: 'auth.totp_setup', result: 'ok' });
  });
  return totpEnrolment(secret, actor.username);
}

/**
 * Confirms enrolment (first code) or passes the second factor for this session (later codes). On success
 * the session moves to a new token (returned for the cookie) and the password-only token stops working,
 * so a token seen before the second factor is worth nothing after it.
 */
export async function checkTotp(
  ctx: Ctx,
  code: string,
  mode: 'enable' | 'verify',
): Promise<{ token: string }> {
  const actor = actorOf(ctx);
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user?.totp_secret_enc) throw new DomainError('MFA_NOT_ENROLLED');
  if (mode === 'enable' && user.totp_enabled_at) throw new DomainError('MFA_ALREADY_ENABLED');
  if (mode === 'verify' && !user.totp_enabled_at) throw new DomainError('MFA_NOT_ENROLLED');
  const action = mode === 'enable' ? 'auth.totp_enable' : 'auth.totp_verify';
  await refuseIfLocked(ctx, user, action);
  const now = ctx.clock();
  const step = matchTotp(decrypt(ctx.config.appKey, user.totp_secret_enc), code, now);
  const token = randomBytes(32).toString('base64url');
  const ok =
    step !== null &&
    (await withTransaction(ctx, async (tx) => {
      if (!(await repo.consumeTotpStep(tx.db, actor.userId, step, mode === 'enable' ? now : undefined)))
        return false;
      if (!(await repo.rotateSessionWithMfa(tx.db, actor.sessionHash, sha256(token), now)))
        throw new DomainError('UNAUTHENTICATED');
      await recordAudit(tx, { action, result: 'ok' });
      return true;
    }));
  if (!ok) {
    // Wrong codes are counted per account in their own window, whatever the address and however many
    // fresh password sign-ins: six digits cannot be guessed through live sessions.
    const lockUntil = new Date(now.getTime() + ctx.config.lockoutMinutes * 60_000);
    const { locked } = await repo.registerFailedTotp(ctx.db, actor.userId, {
      threshold: ctx.config.lockoutThreshold,
      windowStart: new Date(now.getTime() - ctx.config.lockoutMinutes * 60_000),
      now,
      lockUntil,
    });
    await recordAudit(ctx, {
      action,
      result: 'failed',
      details: { reason: step === null ? 'wrong_code' : 'replayed_code' },
    });
    if (locked)
      await recordAudit(ctx, {
        action: 'auth.lockout',
        result: 'ok',
        objectType: 'user',
        objectId: actor.userId,
        details: { until: lockUntil.toISOString(), reason: 'totp' },
      });
    throw new DomainError('MFA_CODE_INVALID');
  }
  return { token };
}
