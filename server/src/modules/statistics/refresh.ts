import type { Ctx } from '../../core/ctx.ts';
import { withTransaction } from '../../core/tx.ts';
import * as repo from './rollup.repository.ts';

/** The refresh job's name in stat_refreshes (its lag is shown on the pages). */
export const REFRESH_NAME = 'statistics.refresh';

/**
 * Rebuilds the counts that do not come from record events (registrations, organizations, activities,
 * positions, certificates) per unit and month, in one transaction: a job, never a request. It reads those
 * tables whole; at province scale that is seconds, once per STATS_REFRESH_SECONDS.
 */
export async function refreshCounts(ctx: Ctx) {
  await withTransaction(ctx, async (tx) => {
    await repo.rebuildCounts(tx.db);
    await repo.markRefreshed(tx.db, REFRESH_NAME, tx.clock());
  });
}
