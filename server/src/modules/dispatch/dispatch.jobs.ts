import type { JobDefinition } from '../../core/jobs.ts';
import type { TimerPayload } from './dispatch.timers.ts';
import { fire } from './timers.service.ts';

/** The dispatch module's jobs: each order's stage timer (queued with the move that starts the stage). */
export const dispatchJobs: JobDefinition[] = [
  {
    name: 'dispatch.timer',
    run: (ctx, payload) => fire(ctx, payload as TimerPayload),
  },
];
