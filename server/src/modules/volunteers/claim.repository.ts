import type { Database } from '../../db/database.ts';

const CLAIM_COLUMNS = ['id', 'user_id', 'name', 'phone_enc', 'region_code'] as const;

/** The active volunteer holding a document (doc_bidx is unique). */
export function findActiveByDocIndex(db: Database, docBidx: Buffer) {
  return db
    .selectFrom('volunteers')
    .select(CLAIM_COLUMNS)
    .where('doc_bidx', '=', docBidx)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** Up to two active volunteers with a phone on record (phones are not unique: callers refuse a tie). */
export function findActiveByPhoneIndex(db: Database, phoneBidx: Buffer) {
  return db
    .selectFrom('volunteers')
    .select(CLAIM_COLUMNS)
    .where('phone_bidx', '=', phoneBidx)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .limit(2)
    .execute();
}

/** Links a volunteer without an account to its new account; false when someone claimed it meanwhile. */
export async function linkUser(
  db: Database,
  volunteerId: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('volunteers')
    .set({ user_id: userId, updated_at: now })
    .where('id', '=', volunteerId)
    .where('user_id', 'is', null)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
