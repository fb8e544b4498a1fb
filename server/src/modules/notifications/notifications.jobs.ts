import type { JobDefinition } from '../../core/jobs.ts';
import { runHoursNotices } from './hours-notices.ts';

/** The notifications module's jobs (its manifest lists them; modules/jobs runs them). */
export const notificationJobs: JobDefinition[] = [
  {
    // Confirmed hours reach the volunteer's inbox within a minute (record events, read once each).
    name: 'notifications.hours',
    everySeconds: 60,
    run: async (ctx) => {
      const n = await runHoursNotices(ctx);
      if (n) ctx.log.info(`read ${n} record event(s) for hours notices`);
    },
  },
];
