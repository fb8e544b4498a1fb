import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/** The cheapest round trip to the database; throws when it cannot answer. */
export async function ping(db: Database): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
