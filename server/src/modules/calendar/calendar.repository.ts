import type { Database } from '../../db/database.ts';

/** A user's accepted and pending shifts of published activities ending after `since`, by start. */
export function shiftsOf(db: Database, userId: string, since: Date) {
  return db
    .selectFrom('signups as g')
    .innerJoin('volunteers as v', 'v.id', 'g.volunteer_id')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .innerJoin('positions as p', 'p.id', 'g.position_id')
    .innerJoin('activities as a', 'a.id', 'g.activity_id')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select([
      'g.id',
      'g.status',
      's.starts_at',
      's.ends_at',
      'p.name as position',
      'a.title',
      'a.address',
      'a.lat',
      'a.lng',
      'o.name as org',
    ])
    .where('v.user_id', '=', userId)
    .where('g.status', 'in', ['accepted', 'pending'])
    .where('a.status', '=', 'published')
    .where('s.ends_at', '>', since)
    .orderBy('s.starts_at')
    .limit(1000)
    .execute();
}

/** Sets the user's one feed token (hashed), replacing the previous one. */
export async function saveFeed(db: Database, userId: string, tokenHash: Buffer, at: Date): Promise<void> {
  await db
    .insertInto('calendar_feeds')
    .values({ user_id: userId, token_hash: tokenHash })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: tokenHash, created_at: at }))
    .execute();
}

export function findFeed(db: Database, tokenHash: Buffer) {
  return db
    .selectFrom('calendar_feeds')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}
