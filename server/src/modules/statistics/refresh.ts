import type { Ctx } from '../../core/ctx.ts';
import { withTransaction } from '../../core/tx.ts';
import type { Database } from '../../db/database.ts';
import * as counts from './counts.repository.ts';
import * as repo from './rollup.repository.ts';
import { refreshedAt } from './statistics.repository.ts';

/** The refresh job's name in stat_refreshes (its lag is shown on the pages). */
export const REFRESH_NAME = 'statistics.refresh';
/** Regions (or organizations) recounted per statement: bounded arrays, bounded statements. */
const CHUNK = 500;

/**
 * Brings the counts that do not come from record events (registrations, organizations, activities,
 * places, certificates, orders and ratings, civic reports) up to date, in one transaction: a job, never a
 * request. Only the regions and organizations whose rows changed since the last run are recounted
 * (decisions 0055 and 0061); the first run rebuilds everything.
 */
export async function refreshCounts(ctx: Ctx, opts: { full?: boolean } = {}) {
  // Outside the refresh's transaction: the sequencer holds the chain row only for its own batch.
  await counts.sequenceAudit(ctx.db);
  return withTransaction(ctx, (tx) => refresh(tx.db, tx.clock(), opts));
}

/** The whole rebuild on a database handle (the demo's and the generator's after a bulk load). */
export async function rebuild(db: Database, at: Date, log?: (line: string) => void): Promise<void> {
  await refresh(db, at, { full: true, log });
}

/** What one run did: recounted regions and organizations, or a full rebuild. */
export interface RefreshResult {
  full: boolean;
  regions: number;
  orgs: number;
}

async function refresh(
  db: Database,
  at: Date,
  opts: { full?: boolean; log?: ((line: string) => void) | undefined },
): Promise<RefreshResult> {
  if (!db.isTransaction) return db.transaction().execute((trx) => refresh(trx, at, opts));
  await counts.lockCounts(db);
  const full = opts.full === true || (await refreshedAt(db, REFRESH_NAME)) === null;
  // Sign-ups leave no mark when written (decision 0061): the activities whose sign-ups changed come from
  // the audit rows chained since the last run (a full rebuild counts them all: it only takes the head).
  const signups = await counts.signupActivitiesSince(db, await counts.auditPosition(db, REFRESH_NAME), full);
  const dirty = await counts.takeDirty(db, signups.activities);
  if (full) {
    const t0 = performance.now();
    await counts.rebuildAll(db);
    const t1 = performance.now();
    await counts.retotal(db, 'all');
    opts.log?.(
      `  counts rebuilt whole: stat_unit_counts ${((t1 - t0) / 1000).toFixed(1)} s, ` +
        `totals and running sums ${((performance.now() - t1) / 1000).toFixed(1)} s`,
    );
  } else {
    for (let i = 0; i < dirty.regions.length; i += CHUNK)
      await counts.recountRegions(db, dirty.regions.slice(i, i + CHUNK));
    for (let i = 0; i < dirty.orgs.length; i += CHUNK)
      await counts.recountOrgs(db, dirty.orgs.slice(i, i + CHUNK));
    // The totals the pages read (decision 0061 "Reads") of every unit whose counts may have moved.
    const units = new Set(dirty.orgs.map((id) => `o:${id}`));
    for (const code of dirty.regions) for (const n of [2, 4, 6, 9, 12]) units.add(code.slice(0, n));
    const all = [...units].sort();
    for (let i = 0; i < all.length; i += CHUNK) await counts.retotal(db, all.slice(i, i + CHUNK));
  }
  await repo.markRefreshed(db, REFRESH_NAME, at);
  await counts.setAuditPosition(db, REFRESH_NAME, signups.top);
  return { full, regions: full ? 0 : dirty.regions.length, orgs: full ? 0 : dirty.orgs.length };
}
