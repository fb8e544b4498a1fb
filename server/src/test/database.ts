import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, withUser, type OpenDatabase } from '../db/database.ts';

/** The role migration 0014 makes the app's login. */
export const APP_ROLE = 'yiqi_app';

/**
 * A fresh database for one test file, copied from the migrated and region-seeded template the test runner
 * prepared (scripts/run-tests.mjs): a PGlite data-dir dump by default, a PostgreSQL template database when
 * DATABASE_URL is set. Copying a template takes well under a second; building one takes several.
 */
export async function openTestDatabase(): Promise<OpenDatabase & { url?: string }> {
  const base = process.env.DATABASE_URL;
  if (base) {
    const template = process.env.YIQI_TEST_PG_TEMPLATE;
    if (!template) throw new Error('YIQI_TEST_PG_TEMPLATE is not set: run tests through `npm run test:pg`');
    const name = `yiqi_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const url = withDatabase(base, name);
    // The app connects as its own login, as in production; `url` (the owner's) stays for execAsOwner.
    const handle = await openPostgres(withUser(url, APP_ROLE), { max: 10 });
    return {
      ...handle,
      url,
      close: async () => {
        await handle.close();
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const template = process.env.YIQI_TEST_PGLITE_TEMPLATE;
  if (template && statSync(template).isDirectory()) {
    // A data folder (on tmpfs when the runner could): copying it and opening the copy takes a fraction
    // of unpacking a dump into PGlite's memory file system, which every test file would pay.
    const dir = mkdtempSync(join(dirname(template), 'db-'));
    cpSync(template, dir, { recursive: true });
    const handle = await openPglite({ dataDir: dir });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (template) return openPglite({ loadDataDir: new Blob([readFileSync(template)]) });
  // A screenshot script run on its own (`npx tsx e2e/*.screens.ts`), not through the test runner: it
  // prepares its one database itself (several seconds), as the template would have been.
  if (process.env.NODE_TEST_CONTEXT)
    throw new Error('YIQI_TEST_PGLITE_TEMPLATE is not set: run tests through `npm test`');
  const handle = await openPglite();
  const { prepare } = await import('../prepare.ts');
  await prepare(handle, { demo: false });
  return handle;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

export const onPostgres = () => Boolean(process.env.DATABASE_URL);

/** Runs SQL as the database owner (not the restricted app role): for tests that play an attacker. */
export async function execAsOwner(
  handle: OpenDatabase & { url?: string },
  statements: string,
): Promise<void> {
  if (!handle.url) return handle.execInTransaction(statements);
  const owner = await openPostgres(handle.url);
  try {
    await owner.execInTransaction(statements);
  } finally {
    await owner.close();
  }
}
