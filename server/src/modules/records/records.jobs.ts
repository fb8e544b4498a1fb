import type { JobDefinition } from '../../core/jobs.ts';
import * as records from './records.service.ts';

/** The records module's jobs (its manifest lists them; modules/jobs runs them). */
export const recordJobs: JobDefinition[] = [
  {
    // When a shift ends its records are drafted: every RECORD_SWEEP_MINUTES (0: only when an organizer
    // opens the activity), besides the organizer's view. Drafting is idempotent.
    name: 'records.sweep',
    everySeconds: (config) => config.recordSweepMinutes * 60,
    run: async (ctx) => {
      const n = await records.draftDue(ctx);
      if (n) ctx.log.info(`drafted ${n} service record(s) of ended shifts`);
    },
  },
];
