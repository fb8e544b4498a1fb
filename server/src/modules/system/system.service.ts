import type { Database } from '../../db/database.ts';
import * as repo from './system.repository.ts';

/** Ready when the database answers (readyz). */
export async function databaseReady(db: Database): Promise<boolean> {
  try {
    await repo.ping(db);
    return true;
  } catch {
    return false;
  }
}
