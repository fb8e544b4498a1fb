import type { JobDefinition } from '../../core/jobs.ts';
import { sequenceAuditChain } from './audit.service.ts';

/** The audit module's jobs (its manifest lists them; modules/jobs runs them). */
export const auditJobs: JobDefinition[] = [
  {
    // Appends take no shared lock; this links the committed rows into the hash chain every
    // AUDIT_SEQUENCE_SECONDS (docs/decisions/0018-audit-sequencer.md). Runs wait on each other at the
    // chain row, and each batch is one transaction, so a retried or overlapping run never links twice.
    name: 'audit.sequence',
    everySeconds: (config) => config.auditSequenceSeconds,
    run: async (ctx) => {
      await sequenceAuditChain(ctx);
    },
  },
];
