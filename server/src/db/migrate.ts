import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { OpenDatabase } from './database.ts';
import { isUniqueViolation } from '../core/pg-errors.ts';

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The numbered names of before 2026-12 (0001…0020): kept, since deployed databases record them by name. */
const LEGACY = /^(\d{4})_[a-z0-9]+(?:_[a-z0-9]+)*\.sql$/;
const LAST_LEGACY = 20;
/**
 * Every later migration: `<YYYYMMDDHHMM>_<module>_<what>.sql`, the UTC minute it was written, the module
 * that owns the change, and what it does. Two people adding one at once pick different names, and both
 * are applied after a merge, whichever sorts first.
 */
const TIMESTAMPED = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})_([a-z][a-z0-9]*)_([a-z0-9]+(?:_[a-z0-9]+)*)\.sql$/;

/**
 * The migration files in the order they apply: the numbered ones by number, then the timestamped ones by
 * name. Refuses (throws) a file named by neither scheme, a number past 0020 or used twice, an impossible
 * time, and two timestamped files doing the same `<module>_<what>` (one migration added twice, e.g. by
 * two branches).
 */
export function migrationOrder(files: readonly string[]): string[] {
  const legacy = new Map<number, string>();
  const timestamped = new Map<string, string>();
  for (const file of files) {
    const old = LEGACY.exec(file);
    if (old) {
      const n = Number(old[1]);
      if (n < 1 || n > LAST_LEGACY)
        throw new Error(
          `migration ${file}: numbered names end at 0020; name it <YYYYMMDDHHMM>_<module>_<what>.sql`,
        );
      if (legacy.has(n)) throw new Error(`migrations ${legacy.get(n)} and ${file} have the same number`);
      legacy.set(n, file);
      continue;
    }
    const m = TIMESTAMPED.exec(file);
    if (!m)
      throw new Error(`migration ${file}: not named <YYYYMMDDHHMM>_<module>_<what>.sql (UTC, lower case)`);
    const [y, mo, d, h, mi] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
    const at = new Date(Date.UTC(y, mo - 1, d, h, mi));
    if (
      at.getUTCMonth() !== mo - 1 ||
      at.getUTCDate() !== d ||
      at.getUTCHours() !== h ||
      at.getUTCMinutes() !== mi
    )
      throw new Error(`migration ${file}: ${file.slice(0, 12)} is not a time (YYYYMMDDHHMM)`);
    const did = `${m[6]}_${m[7]}`;
    if (timestamped.has(did))
      throw new Error(`migrations ${timestamped.get(did)} and ${file} both do ${did}`);
    timestamped.set(did, file);
  }
  return [
    ...[...legacy.keys()].sort((a, b) => a - b).map((n) => legacy.get(n)!),
    ...[...timestamped.values()].sort(),
  ];
}

/**
 * Applies every migration not yet recorded, in migrationOrder, each in its own transaction: also one that
 * sorts before the last one applied (two branches merged later). Plain SQL so reviewers see exactly what
 * runs on PostgreSQL and PGlite alike. The migration's name is inserted first, so a second server
 * migrating at the same time waits on that key and then skips the file.
 */
export async function migrate(handle: OpenDatabase, dir = DIR): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(handle.db);
  const files = migrationOrder(readdirSync(dir));
  const done = new Set(
    (await handle.db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name),
  );
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const body = readFileSync(dir + file, 'utf8');
    try {
      await handle.execInTransaction(`INSERT INTO schema_migrations (name) VALUES ('${file}');\n${body}`);
      applied.push(file);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  return applied;
}

/** Migration files not yet applied (empty when the schema is current), in the order they would apply. */
export async function pendingMigrations(handle: OpenDatabase, dir = DIR): Promise<string[]> {
  const files = migrationOrder(readdirSync(dir));
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
  return files.filter((f) => !done.has(f));
}
