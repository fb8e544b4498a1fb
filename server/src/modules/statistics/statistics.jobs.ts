import type { JobDefinition } from '../../core/jobs.ts';
import { refreshCounts } from './refresh.ts';
import { runRollups } from './rollup.ts';

/** The statistics module's jobs (its manifest lists them; modules/jobs runs them). */
export const statisticsJobs: JobDefinition[] = [
  {
    // Confirmed hours reach the figures within half a minute (record events, read once each).
    name: 'statistics.rollup',
    everySeconds: 30,
    run: async (ctx) => {
      const n = await runRollups(ctx);
      if (n) ctx.log.info(`rolled up ${n} record event(s)`);
    },
  },
  {
    // Registrations, organizations, activities and certificates: rebuilt every 10 minutes.
    name: 'statistics.refresh',
    everySeconds: 600,
    run: async (ctx) => {
      await refreshCounts(ctx);
    },
  },
];
