import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { OpenDatabase } from './database.ts';
import { isUniqueViolation } from '../core/pg-errors.ts';

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies every migrations/*.sql not yet recorded, in name order, each in its own transaction. Plain SQL so
 * reviewers see exactly what runs on PostgreSQL and PGlite alike. The migration's name is inserted first,
 * so a second server migrating at the same time waits on that key and then skips the file.
 */
export async function migrate(handle: OpenDatabase): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(handle.db);
  const done = new Set(
    (await handle.db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name),
  );
  const applied: string[] = [];
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    if (done.has(file) || !/^[\w.-]+$/.test(file)) continue;
    const body = readFileSync(DIR + file, 'utf8');
    try {
      await handle.execInTransaction(`INSERT INTO schema_migrations (name) VALUES ('${file}');\n${body}`);
      applied.push(file);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  return applied;
}

/** Migration files not yet applied (empty when the schema is current). */
export async function pendingMigrations(handle: OpenDatabase): Promise<string[]> {
  let done = new Set<string>();
  try {
    done = new Set(
      (await handle.db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name),
    );
  } catch (e) {
    // Only a missing table means nothing was applied; "permission denied" (42501) and the like are not
    // "no table" and must say what they are.
    if ((e as { code?: string }).code !== '42P01') throw e;
  }
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.sql') && !done.has(f))
    .sort();
}
