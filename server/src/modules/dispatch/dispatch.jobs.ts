import type { JobDefinition } from '../../core/jobs.ts';
import type { TimerPayload } from './dispatch.timers.ts';
import { fire } from './timers.service.ts';
import { RATING_REMINDER_JOB, remindRating } from './notices.ts';

/** The dispatch module's jobs: each order's stage timer (queued with the move that starts the stage) and
 * the resident's rating request (queued at completion). */
export const dispatchJobs: JobDefinition[] = [
  {
    name: 'dispatch.timer',
    run: (ctx, payload) => fire(ctx, payload as TimerPayload),
  },
  {
    name: RATING_REMINDER_JOB,
    run: (ctx, payload) => remindRating(ctx, payload as { orderId: string }),
  },
];
