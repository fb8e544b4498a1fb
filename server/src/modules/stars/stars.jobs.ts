import type { JobDefinition } from '../../core/jobs.ts';
import { finalize, NOTICE_END_JOB } from './stars.service.ts';

/** The stars module's jobs (its manifest lists them; modules/jobs runs them). */
export const starJobs: JobDefinition[] = [
  {
    // Queued at review for the first moment after the notice's last day (China time): certifies the
    // candidate unless an objection is open (then deciding the last one certifies).
    name: NOTICE_END_JOB,
    run: async (ctx, payload) => {
      const { applicationId } = payload as { applicationId: string };
      const r = await finalize(ctx, applicationId);
      ctx.log.info({ applicationId, result: r }, 'star notice ended');
    },
  },
];
