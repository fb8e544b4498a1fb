import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { sha256 } from '../../lib/crypto.ts';

/**
 * Many verified volunteers with live sessions, inserted directly (no password hashing), for concurrency
 * tests and benchmarks that need thousands of distinct callers. Returns their session cookies.
 */
export async function bulkVolunteers(
  db: Database,
  n: number,
  now: Date,
  tag = randomBytes(4).toString('hex'),
) {
  const out: { userId: string; volunteerId: string; cookie: string }[] = [];
  for (let i = 0; i < n; i += 500) {
    const size = Math.min(500, n - i);
    const users = await db
      .insertInto('users')
      .values(
        Array.from({ length: size }, (_, k) => ({
          username: `bulk-${tag}-${i + k}`,
          display_name: `批量志愿者${i + k}`,
          // Never signed in with a password: sessions are made below.
          password_hash: 'bulk:no-password',
        })),
      )
      .returning('id')
      .execute();
    const volunteers = await db
      .insertInto('volunteers')
      .values(
        users.map((u, k) => ({
          user_id: u.id,
          volunteer_no: `B${tag}${String(i + k).padStart(7, '0')}`,
          name: `批量${i + k}`,
          region_code: '440305000000',
          doc_bidx: randomBytes(32),
          verification_status: 'verified' as const,
          birth_date: '1990-01-01',
        })),
      )
      .returning(['id', 'user_id'])
      .execute();
    const tokens = users.map(() => randomBytes(32).toString('base64url'));
    await db
      .insertInto('sessions')
      .values(
        users.map((u, k) => ({
          token_hash: sha256(tokens[k]!),
          user_id: u.id,
          created_at: now,
          last_seen_at: now,
          expires_at: new Date(now.getTime() + 12 * 3600_000),
        })),
      )
      .execute();
    const byUser = new Map(volunteers.map((v) => [v.user_id!, v.id]));
    users.forEach((u, k) =>
      out.push({ userId: u.id, volunteerId: byUser.get(u.id)!, cookie: `yiqi_sid=${tokens[k]}` }),
    );
  }
  return out;
}
