import type { Database } from '../../db/database.ts';

/** SQL of the idempotency keys of money-moving requests (idempotency.ts). */

/**
 * Claims the key in the caller's transaction. If another transaction holds the same key uncommitted, the
 * insert waits for it (the primary key's lock), then finds its committed row: so a duplicate sent while
 * the first is running gets the first's answer, never a second transfer. Answers the existing row, if any.
 */
export async function claimKey(db: Database, userId: string, key: string, hash: string) {
  const inserted = await db
    .insertInto('timebank_idempotency')
    .values({ user_id: userId, key, request_hash: hash })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return null;
  return db
    .selectFrom('timebank_idempotency')
    .select(['request_hash', 'response', 'error'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
}

export async function saveResponse(db: Database, userId: string, key: string, response: unknown) {
  await db
    .updateTable('timebank_idempotency')
    .set({ response: JSON.stringify(response) })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
}

/**
 * Keeps a refusal under the key, after its transaction rolled back. A duplicate that ran meanwhile has the
 * row already: it stays (its own answer is what the key answers from then on).
 */
export async function saveRefusal(
  db: Database,
  userId: string,
  key: string,
  hash: string,
  error: { code: string; details?: unknown },
) {
  await db
    .insertInto('timebank_idempotency')
    .values({ user_id: userId, key, request_hash: hash, error: JSON.stringify(error) })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .execute();
}
