import { sql, type Expression } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Role } from '@yiqi/shared/roles';
import type { Grant } from '../core/ctx.ts';
import type { Database } from './database.ts';
import { isTopRegionRow } from './region-sql.ts';

/**
 * The session of a token hash with its user and the user's active grants: the start of every session check
 * (auth.repository findSession), and of the hot statements that read the session together with what the
 * request needs (a sign-up's and a check-in's context: one round trip instead of two, decision 0072). The
 * session's columns are prefixed `se_` so a statement can select its own beside them; splitSession() takes
 * them back out. Whether the session is live is the auth service's decision (signedIn).
 */
export function sessionFrom(db: Database, tokenHash: Buffer) {
  return db
    .selectFrom('sessions as se')
    .innerJoin('users as u', 'u.id', 'se.user_id')
    .select((eb) => [
      'se.user_id as se_user_id',
      'se.last_seen_at as se_last_seen_at',
      'se.expires_at as se_expires_at',
      'se.mfa_at as se_mfa_at',
      'se.revoked_at as se_revoked_at',
      'u.username as se_username',
      'u.display_name as se_display_name',
      'u.totp_enabled_at as se_totp_enabled_at',
      'u.disabled_at as se_disabled_at',
      'u.locale as se_locale',
      jsonArrayFrom(grantsQuery(db, eb.ref('se.user_id'))).as('se_grants'),
    ])
    .where('se.token_hash', '=', tokenHash);
}

type SessionColumns = Awaited<ReturnType<ReturnType<typeof sessionFrom>['executeTakeFirstOrThrow']>>;

/** A session row as the auth service decides on it. */
export interface SessionRow {
  user_id: string;
  last_seen_at: Date;
  expires_at: Date;
  mfa_at: Date | null;
  revoked_at: Date | null;
  username: string;
  display_name: string;
  totp_enabled_at: Date | null;
  disabled_at: Date | null;
  locale: string;
  grants: Grant[];
}

/** Splits a row of sessionFrom (and whatever the statement added) into the session and the rest. */
export function splitSession<T extends SessionColumns>(r: T) {
  const {
    se_user_id,
    se_last_seen_at,
    se_expires_at,
    se_mfa_at,
    se_revoked_at,
    se_username,
    se_display_name,
    se_totp_enabled_at,
    se_disabled_at,
    se_locale,
    se_grants,
    ...rest
  } = r;
  const session: SessionRow = {
    user_id: se_user_id,
    last_seen_at: se_last_seen_at,
    expires_at: se_expires_at,
    mfa_at: se_mfa_at,
    revoked_at: se_revoked_at,
    username: se_username,
    display_name: se_display_name,
    totp_enabled_at: se_totp_enabled_at,
    disabled_at: se_disabled_at,
    locale: se_locale,
    grants: se_grants.map(toGrant),
  };
  return { session, rest };
}

/** Active grants of a user with the level of the region they are bound to (an organization's region for org grants). */
export function grantsQuery(db: Database, userId: string | Expression<string>) {
  return db
    .selectFrom('role_grants as g')
    .leftJoin('organizations as o', 'o.id', 'g.org_id')
    .innerJoin('regions as r', (j) =>
      j.onRef('r.code', '=', sql`coalesce(g.region_code, o.region_code)`).on(isTopRegionRow('r')),
    )
    .select([
      'g.id',
      'g.role',
      'g.org_id',
      'r.code',
      'r.level',
      sql<string>`coalesce(o.name, r.name)`.as('scope_name'),
    ])
    .where('g.user_id', '=', userId)
    .where('g.revoked_at', 'is', null)
    .orderBy('r.level')
    .orderBy('g.granted_at');
}

export function toGrant(r: {
  id: string;
  role: string;
  org_id: string | null;
  code: string;
  level: number;
  scope_name: string;
}): Grant {
  return {
    id: r.id,
    role: r.role as Role,
    regionCode: r.code,
    regionLevel: Number(r.level),
    orgId: r.org_id,
    scopeName: r.scope_name,
  };
}
