import { sql } from 'kysely';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../lib/config.ts';
import { openPglite, openPostgres, type OpenDatabase } from './database.ts';

/**
 * PGlite does nothing to stop a second process opening the same folder, which corrupts it, so the
 * embedded database is guarded by a lock file holding the owner's pid.
 */
function lockDataDir(dir: string): () => void {
  const file = join(dir, 'yiqi.lock');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8'));
    let alive = false;
    try {
      alive = pid > 0 && pid !== process.pid && process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (alive)
      throw new Error(
        `${dir} is in use by process ${pid}; stop it first (two processes would corrupt the database)`,
      );
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

/** Opens the configured database: PGlite under dataDir by default, PostgreSQL when DATABASE_URL is set. */
export async function openConfigured(config: Config): Promise<OpenDatabase> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const pgliteDir = join(config.dataDir, 'pglite');
  const unlock = lockDataDir(config.dataDir);
  try {
    const handle = await openPglite({ dataDir: pgliteDir });
    const close = handle.close;
    return { ...handle, close: async () => (await close(), unlock()) };
  } catch (e) {
    unlock();
    throw e;
  }
}

/**
 * On PostgreSQL the app logs in as its own role. A superuser or the schema's owner could undo every
 * restriction (triggers, grants), so the server refuses to start as one; returns why, or null. The replica
 * (READ_DATABASE_URL) is checked the same way: it cannot be written, but a superuser login there could
 * still read what yiqi_app may not (e.g. other roles' settings) and would hide a wrong deployment.
 */
export async function appLoginProblem(
  handle: OpenDatabase,
  variable: 'DATABASE_URL' | 'READ_DATABASE_URL' = 'DATABASE_URL',
): Promise<string | null> {
  const r = await sql<{ user: string; superuser: boolean; owner: boolean }>`
    SELECT current_user AS user, rolsuper AS superuser,
           EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'audit_log'
                    AND pg_has_role(current_user, tableowner, 'USAGE')) AS owner
      FROM pg_roles WHERE rolname = current_user`.execute(handle.db);
  const me = r.rows[0];
  if (!me || (!me.superuser && !me.owner)) return null;
  return (
    `${variable} logs in as "${me.user}", ${me.superuser ? 'a superuser' : 'the owner of the schema'}: ` +
    'the server logs in as its own role (yiqi_app, e.g. postgres://yiqi_app@host/db); ' +
    'DATABASE_OWNER_URL is for "npm run migrate"'
  );
}
