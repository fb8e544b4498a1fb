import type { JobDefinition } from '../../core/jobs.ts';
import { DEADLINE_JOB, runDeadline } from './civic.service.ts';

/** The civic module's jobs: one deadline timer per case round, queued with the case (key `<case>:<round>`). */
export const civicJobs: JobDefinition[] = [
  {
    name: DEADLINE_JOB,
    run: (ctx, payload) => runDeadline(ctx, payload as { caseId: string; round: number }),
  },
];
