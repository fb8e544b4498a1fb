import { z } from 'zod';
import { DateTime, pageOf, text } from './common.ts';

export const AuditQuery = z.strictObject({
  action: text(1, 64).optional(),
  actor: text(1, 64).optional(),
  result: z.enum(['ok', 'denied', 'failed']).optional(),
  from: DateTime.optional(),
  to: DateTime.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditRow = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  result: z.enum(['ok', 'denied', 'failed']),
  requestId: z.string().nullable(),
  sourceIp: z.string().nullable(),
  regionCode: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const AuditPage = pageOf(AuditRow);
export const AuditVerifyView = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The audit row where the chain first breaks (null when intact). */
  firstBrokenId: z.number().int().nullable(),
  /** The chain position where it first breaks (null when intact, or when only an unchained row is wrong). */
  firstBrokenSeq: z.number().int().nullable(),
  /** Committed rows not chained yet at the check (committed after its sequencer run): not checked. */
  pending: z.number().int(),
});
