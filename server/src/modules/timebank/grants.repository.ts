import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/** SQL of the community grants of donated points to priority elders (grants.service.ts). */

const GRANT_VIEW = [
  'g.id',
  'g.scheme_id',
  'g.elder_account_id',
  'a.label as elder_name',
  'g.amount',
  'g.reason',
  'g.status',
  'g.proposed_by',
  'g.decided_by',
  'g.transfer_id',
  'g.created_at',
  'g.decided_at',
] as const;

const grants = (db: Database) =>
  db.selectFrom('timebank_grants as g').innerJoin('timebank_accounts as a', 'a.id', 'g.elder_account_id');

export async function insertGrant(
  db: Database,
  v: {
    scheme_id: string;
    elder_account_id: string;
    amount: number;
    reason: string;
    proposed_by: string;
    created_at: Date;
  },
) {
  return (await db.insertInto('timebank_grants').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function grantById(db: Database, id: string, hold = false) {
  let q = grants(db).select(GRANT_VIEW).where('g.id', '=', id);
  if (hold) q = q.forUpdate('g');
  return q.executeTakeFirst();
}

export async function grantsOfScheme(db: Database, schemeId: string) {
  return grants(db)
    .select(GRANT_VIEW)
    .select([
      sql<string>`(SELECT display_name FROM users u WHERE u.id = g.proposed_by)`.as('proposer_name'),
      sql<string | null>`(SELECT display_name FROM users u WHERE u.id = g.decided_by)`.as('decider_name'),
    ])
    .where('g.scheme_id', '=', schemeId)
    .orderBy('g.created_at', 'desc')
    .limit(200)
    .execute();
}

export async function decideGrant(
  db: Database,
  id: string,
  v: {
    status: 'approved' | 'refused';
    decided_by: string;
    decision_reason: string | null;
    transfer_id: number | null;
    decided_at: Date;
  },
) {
  await db
    .updateTable('timebank_grants')
    .set(v)
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .execute();
}
