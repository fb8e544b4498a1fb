import type { JobDefinition } from '../../core/jobs.ts';
import { followDeliveries } from './deliveries.ts';
import { runDeposits } from './deposits.ts';
import { expirePoints } from './expiry.ts';

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
  {
    // Bookings delivered as dispatch orders settle or release when their order closes.
    name: 'timebank.deliveries',
    everySeconds: 60,
    run: async (ctx) => {
      const n = await followDeliveries(ctx);
      if (n) ctx.log.info(`closed ${n} time bank booking(s) whose dispatch order closed`);
    },
  },
  {
    // Points past their scheme’s expiry leave within the hour (none by default: expiry_days is NULL).
    name: 'timebank.expiry',
    everySeconds: 3600,
    run: async (ctx) => {
      const n = await expirePoints(ctx);
      if (n) ctx.log.info(`expired points of ${n} time bank account(s)`);
    },
  },
];
