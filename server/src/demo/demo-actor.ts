import pino from 'pino';
import type { Database } from '../db/database.ts';
import type { Config } from '../lib/config.ts';
import type { Ctx } from '../core/ctx.ts';
import { findActiveGrants } from '../modules/auth/auth.repository.ts';

/**
 * The context a demo seed acts in as one of the demo accounts (its grants, signed in with MFA), so the demo
 * data goes through the real use cases, validated and audited like any other. Null when the account does not
 * exist (the demo accounts were not seeded).
 */
export async function demoActor(
  db: Database,
  config: Config,
  username: string,
  clock: () => Date,
): Promise<Ctx | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user) return null;
  return {
    db,
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      locale: 'zh-CN',
      grants: await findActiveGrants(db, user.id),
      mfa: true,
      mfaEnrolled: true,
      sessionHash: Buffer.alloc(32),
    },
    clock,
    log: pino({ level: 'silent' }),
    config,
    requestId: 'demo-seed',
    ip: '127.0.0.1',
    locale: 'zh-CN',
  };
}

/** The demo's district federation, 南山区志愿者联合会 (demo.seed.ts), when it was seeded. */
export async function demoFederationId(db: Database): Promise<string | undefined> {
  const org = await db
    .selectFrom('organizations')
    .select('id')
    .where('name', '=', '南山区志愿者联合会')
    .executeTakeFirst();
  return org?.id;
}
