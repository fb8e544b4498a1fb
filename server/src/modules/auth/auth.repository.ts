import { sql } from 'kysely';
import { compiledOnce } from '../../db/compiled.ts';
import type { Database } from '../../db/database.ts';
import { grantsQuery, sessionFrom, splitSession, toGrant, type SessionRow } from '../../db/session-sql.ts';
import type { Grant } from '../../core/ctx.ts';

export function findUserByUsername(db: Database, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

export function findUserByPhoneIndex(db: Database, phoneBidx: Buffer) {
  return db.selectFrom('users').selectAll().where('phone_bidx', '=', phoneBidx).executeTakeFirst();
}

export function insertUser(
  db: Database,
  u: {
    username: string;
    display_name: string;
    password_hash: string;
    locale: string;
    phone_bidx: Buffer | null;
  },
) {
  return db
    .insertInto('users')
    .values(u)
    .returning(['id', 'username', 'display_name', 'locale', 'totp_enabled_at'])
    .executeTakeFirstOrThrow();
}

/** Overwrites everything that identifies the person or lets anyone sign in; the row and its id stay. */
export async function anonymizeUser(
  db: Database,
  userId: string,
  a: { username: string; passwordHash: string; now: Date },
) {
  await db
    .updateTable('users')
    .set({
      username: a.username,
      display_name: '已注销',
      password_hash: a.passwordHash,
      password_changed_at: a.now,
      phone_bidx: null,
      totp_secret_enc: null,
      totp_enabled_at: null,
      totp_last_step: null,
      failed_logins: 0,
      locked_until: null,
      disabled_at: a.now,
    })
    .where('id', '=', userId)
    .execute();
}

export async function revokeAllSessions(db: Database, userId: string, now: Date) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export function findUserById(db: Database, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Counts a failed password and locks the account when the count reaches the threshold; atomic. */
export async function registerFailedLogin(db: Database, userId: string, threshold: number, lockUntil: Date) {
  const r = await db
    .updateTable('users')
    .set((eb) => ({
      failed_logins: sql<number>`CASE WHEN ${eb.ref('failed_logins')} + 1 >= ${threshold} THEN 0 ELSE ${eb.ref('failed_logins')} + 1 END`,
      locked_until: sql<Date | null>`CASE WHEN ${eb.ref('failed_logins')} + 1 >= ${threshold} THEN ${lockUntil}::timestamptz ELSE ${eb.ref('locked_until')} END`,
    }))
    .where('id', '=', userId)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirstOrThrow();
  return { locked: r.failed_logins === 0 };
}

/**
 * Counts a wrong TOTP code in the account's own window (a password sign-in does not reset it) and locks
 * the account when the window holds `threshold` of them; atomic. A window older than `windowStart` restarts.
 */
export async function registerFailedTotp(
  db: Database,
  userId: string,
  a: { threshold: number; windowStart: Date; now: Date; lockUntil: Date },
) {
  const count = sql<number>`(CASE WHEN totp_failures_since IS NULL OR totp_failures_since <= ${a.windowStart}::timestamptz THEN 1 ELSE totp_failures + 1 END)`;
  const full = sql<boolean>`(${count} >= ${a.threshold})`;
  const r = await db
    .updateTable('users')
    .set({
      totp_failures: sql<number>`CASE WHEN ${full} THEN 0 ELSE ${count} END`,
      totp_failures_since: sql<Date | null>`CASE WHEN ${full} THEN NULL WHEN ${count} = 1 THEN ${a.now}::timestamptz ELSE totp_failures_since END`,
      locked_until: sql<Date | null>`CASE WHEN ${full} THEN ${a.lockUntil}::timestamptz ELSE locked_until END`,
    })
    .where('id', '=', userId)
    .returning(['totp_failures_since'])
    .executeTakeFirstOrThrow();
  return { locked: r.totp_failures_since === null };
}

export async function resetFailedLogins(db: Database, userId: string) {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('failed_logins', '>', 0), eb('locked_until', 'is not', null)]))
    .execute();
}

export async function insertSession(
  db: Database,
  s: { tokenHash: Buffer; userId: string; now: Date; expiresAt: Date },
) {
  await db
    .insertInto('sessions')
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
    })
    .execute();
}

/**
 * The session for a token hash with its user and the user's active grants, or nothing: one statement, since
 * every authenticated request starts with it (db/session-sql.ts), built and compiled once (db/compiled.ts).
 * Whether the session is still live is the caller's decision (revoked, idle, expired, disabled).
 */
export async function findSession(db: Database, tokenHash: Buffer): Promise<SessionRow | undefined> {
  const row = (await db.executeQuery(sessionQuery(db, { tokenHash }))).rows[0];
  return row && splitSession(row).session;
}

const sessionQuery = compiledOnce(['tokenHash'], (db, { tokenHash }: Record<'tokenHash', Buffer>) =>
  sessionFrom(db, tokenHash),
);

export async function touchSession(db: Database, tokenHash: Buffer, now: Date) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

export async function revokeSession(db: Database, tokenHash: Buffer, now: Date) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeOtherSessions(db: Database, userId: string, keep: Buffer, now: Date) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('token_hash', '!=', keep)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Replaces a live session by one under a new token that has passed the second factor; the old token is
 * revoked. Creation time and absolute expiry carry over, so the new token lives no longer than the old.
 * False when the old session is no longer live.
 */
export async function rotateSessionWithMfa(db: Database, oldHash: Buffer, newHash: Buffer, now: Date) {
  const r = await db
    .insertInto('sessions')
    .columns(['token_hash', 'user_id', 'created_at', 'last_seen_at', 'expires_at', 'mfa_at'])
    .expression((eb) =>
      eb
        .selectFrom('sessions')
        .select((s) => [
          sql<Buffer>`${newHash}::bytea`.as('token_hash'),
          s.ref('user_id').as('user_id'),
          s.ref('created_at').as('created_at'),
          sql<Date>`${now}::timestamptz`.as('last_seen_at'),
          s.ref('expires_at').as('expires_at'),
          sql<Date>`${now}::timestamptz`.as('mfa_at'),
        ])
        .where('token_hash', '=', oldHash)
        .where('revoked_at', 'is', null),
    )
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  await revokeSession(db, oldHash, now);
  return true;
}

export async function updatePasswordHash(db: Database, userId: string, hash: string, now: Date) {
  await db
    .updateTable('users')
    .set({ password_hash: hash, password_changed_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function updateDisplayName(db: Database, userId: string, displayName: string) {
  await db.updateTable('users').set({ display_name: displayName }).where('id', '=', userId).execute();
}

export async function updateLocale(db: Database, userId: string, locale: string) {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

export async function storePendingTotp(db: Database, userId: string, secretEnc: string) {
  await db
    .updateTable('users')
    .set({ totp_secret_enc: secretEnc, totp_enabled_at: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute();
}

/** Records the accepted time step; fails (returns false) when the step was already used: replay. */
export async function consumeTotpStep(
  db: Database,
  userId: string,
  step: number,
  enableAt?: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({
      totp_last_step: step,
      totp_failures: 0,
      totp_failures_since: null,
      ...(enableAt ? { totp_enabled_at: enableAt } : {}),
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Active grants with the level of the region they are bound to (an organization's region for org grants). */
export async function findActiveGrants(db: Database, userId: string): Promise<Grant[]> {
  return (await grantsQuery(db, userId).execute()).map(toGrant);
}

export async function deleteCalendarFeed(db: Database, userId: string) {
  await db.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute();
}

/** The mobile number on record for an account: its volunteer record's (encrypted); staff-only accounts have none. */
export async function findPhoneOnRecord(db: Database, userId: string): Promise<string | null> {
  const r = await db
    .selectFrom('volunteers')
    .select('phone_enc')
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return r?.phone_enc ?? null;
}
