import type { Ctx } from '../../core/ctx.ts';
import { withTransaction } from '../../core/tx.ts';
import type { Database } from '../../db/database.ts';
import * as repo from './rollup.repository.ts';

/** The refresh job's name in stat_refreshes (its lag is shown on the pages). */
export const REFRESH_NAME = 'statistics.refresh';

/**
 * Rebuilds the counts that do not come from record events (registrations, organizations, activities,
 * positions, certificates) per unit and month, in one transaction: a job, never a request. It reads those
 * tables whole; at province scale that is seconds, once per period of the job.
 */
export async function refreshCounts(ctx: Ctx) {
  await withTransaction(ctx, (tx) => rebuild(tx.db, tx.clock()));
}

/** The rebuild on a database handle (a transaction, or the demo's start-up outside any request). */
export async function rebuild(db: Database, at: Date): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((trx) => rebuild(trx, at));
  await repo.rebuildCounts(db);
  await repo.markRefreshed(db, REFRESH_NAME, at);
}
