import type { JobDefinition } from '../../core/jobs.ts';
import { runDeposits } from './deposits.ts';

/** The time bank's jobs (its manifest lists them; modules/jobs runs them). */
export const timebankJobs: JobDefinition[] = [
  {
    // Confirmed hours become points within a minute (record events, each banked once).
    name: 'timebank.deposits',
    everySeconds: 60,
    run: async (ctx) => {
      const n = await runDeposits(ctx);
      if (n) ctx.log.info(`read ${n} record event(s) for time bank deposits`);
    },
  },
];
