import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/** SQL of points expiry (expiry.ts). */

/** Schemes whose points expire (expiry_days set; NULL, the default, never expires). */
export async function expiringSchemes(db: Database) {
  return db
    .selectFrom('timebank_schemes')
    .select(['id', 'region_code', 'expiry_days'])
    .where('expiry_days', 'is not', null)
    .execute();
}

/** Holders' accounts of the scheme with points (the ones that can have points to expire). */
export async function holdersWithPoints(db: Database, schemeId: string) {
  const rows = await db
    .selectFrom('timebank_accounts')
    .select('id')
    .where('scheme_id', '=', schemeId)
    .where('kind', 'in', ['volunteer', 'family', 'team', 'elder'])
    .where('balance', '>', sql<number>`0`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Points credited to the account at or after `since` (the ones still within their validity). */
export async function creditsSince(db: Database, accountId: string, since: Date) {
  const r = await db
    .selectFrom('timebank_transfers')
    .select(sql<string | number>`coalesce(sum(amount), 0)`.as('n'))
    .where('credit_account_id', '=', accountId)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
