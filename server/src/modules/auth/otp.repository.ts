import type { Database } from '../../db/database.ts';

/** 'email': proving an e-mail address for notices (notifications/addresses.service.ts). */
export type CodePurpose = 'claim' | 'reset' | 'register' | 'email';

/** Counts requests per bucket since `since` (one query for the address and every identifier). */
export async function countRequests(db: Database, buckets: Buffer[], since: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('code_requests')
    .select(['bucket', (eb) => eb.fn.countAll<string>().as('n')])
    .where('bucket', 'in', buckets)
    .where('created_at', '>=', since)
    .groupBy('bucket')
    .execute();
  return buckets.map((b) => Number(rows.find((r) => Buffer.from(r.bucket).equals(b))?.n ?? 0));
}

/** Records requests and forgets those older than `forgetBefore` (only the last hour is ever counted). */
export async function insertRequests(db: Database, buckets: Buffer[], now: Date, forgetBefore: Date) {
  await db
    .insertInto('code_requests')
    .values(buckets.map((bucket) => ({ bucket, created_at: now })))
    .execute();
  await db.deleteFrom('code_requests').where('created_at', '<', forgetBefore).execute();
}

/** A new code replaces every earlier unused one of the same subject: only the latest message counts. */
export async function insertCode(
  db: Database,
  c: { id: string; purpose: CodePurpose; subject: string; codeHash: Buffer; now: Date; expiresAt: Date },
) {
  await db
    .updateTable('one_time_codes')
    .set({ used_at: c.now })
    .where('purpose', '=', c.purpose)
    .where('subject', '=', c.subject)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('one_time_codes')
    .values({
      id: c.id,
      purpose: c.purpose,
      subject: c.subject,
      code_hash: c.codeHash,
      created_at: c.now,
      expires_at: c.expiresAt,
    })
    .execute();
}

/** The live code of a subject: unused, unexpired, with tries left. */
export function findLiveCode(
  db: Database,
  purpose: CodePurpose,
  subject: string,
  now: Date,
  maxAttempts: number,
) {
  return db
    .selectFrom('one_time_codes')
    .select(['id', 'code_hash'])
    .where('purpose', '=', purpose)
    .where('subject', '=', subject)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', maxAttempts)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Counts a wrong try; atomic, so parallel guesses cannot share one try. Returns the tries used. */
export async function countAttempt(db: Database, id: string): Promise<number> {
  const r = await db
    .updateTable('one_time_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();
  return r?.attempts ?? 0;
}

/** Uses a code up; false when it was already used (two confirmations racing), expired or burnt. */
export async function consumeCode(
  db: Database,
  id: string,
  now: Date,
  maxAttempts: number,
): Promise<boolean> {
  const r = await db
    .updateTable('one_time_codes')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', maxAttempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
