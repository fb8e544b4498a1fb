import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { refuseSelfDecision } from '../roles/deciders.ts';
import * as repo from './record-imports.repository.ts';
import { withTransaction } from '../../core/tx.ts';
import { confirmBatch, rejectBatch } from './confirmation.ts';

/**
 * Hours imported from an organization's own sheet (kind 'import'): the reads the import needs while it
 * validates, the write of a batch, and a second person's decision on the whole batch. An imported entry is
 * a back-fill in bulk: pending until someone other than the uploader approves it, and the sheet (its
 * SHA-256 on the job) is its evidence.
 */

export type { ImportedRecord, RecordKey } from './record-imports.repository.ts';
export { keyOf } from './record-imports.repository.ts';

/** Which (volunteer, day, activity) of these the organization has already recorded. */
export function recordedKeys(ctx: Ctx, orgId: string, keys: repo.RecordKey[]) {
  return repo.recordedKeys(ctx.db, orgId, keys);
}

/** Whether minutes on one day break the 24-hour day rule (the one rule confirmations check too). */
export { overDay } from './confirmation.ts';

/** Minutes held on these (volunteer, day) pairs by draft, pending or confirmed entries. */
export function heldMinutes(ctx: Ctx, pairs: { volunteerId: string; date: string }[]) {
  return repo.heldMinutes(ctx.db, pairs);
}

/** Writes one batch of pending entries in the caller's transaction (ctx.db); returns how many. */
export function insertImported(
  ctx: Ctx,
  b: { orgId: string; jobId: string; reason: string },
  rows: repo.ImportedRecord[],
) {
  return repo.insertImported(ctx.db, { ...b, createdBy: actorOf(ctx).userId, at: ctx.clock() }, rows);
}

/** Pending, confirmed and rejected entries of each hours import. */
export function batchCounts(ctx: Ctx, jobIds: string[]) {
  return repo.batchCounts(ctx.db, jobIds);
}

/**
 * Approves or rejects every pending entry of an hours import at once. The uploader may not decide it
 * (four eyes, also a CHECK). Approval confirms them (confirmation.ts: set-based, with the totals and the
 * record events) in the same transaction; those that would put a volunteer over 24 hours on a day stay
 * pending, to be decided one by one.
 */
export async function decideBatch(
  ctx: Ctx,
  jobId: string,
  decision: 'approve' | 'reject',
  reason: string | undefined,
) {
  const actor = actorOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const job = await repo.lockJob(tx.db, jobId);
    if (!job) throw new DomainError('NOT_FOUND');
    if (job.kind !== 'records') throw new DomainError('IMPORT_NOT_HOURS');
    if (job.created_by === actor.userId) throw new DomainError('RECORD_SELF_APPROVAL');
    // One decision for the whole batch: it is not the caller's to make when it holds their own hours.
    if (await repo.batchHasVolunteerOf(tx.db, jobId, actor.userId))
      await refuseSelfDecision(tx, 'RECORD_SELF_DECISION', actor.userId, {
        orgId: job.org_id,
        regionCode: job.region_code!,
      });
    const result =
      decision === 'approve'
        ? { ...(await confirmBatch(tx, jobId)), rejected: 0 }
        : { confirmed: 0, leftPending: 0, rejected: await rejectBatch(tx, jobId, reason!) };
    if (result.confirmed + result.rejected + result.leftPending === 0)
      throw new DomainError('IMPORT_NOTHING_PENDING');
    await recordAudit(tx, {
      action: 'record.import_decide',
      result: 'ok',
      objectType: 'import_job',
      objectId: jobId,
      regionCode: job.region_code,
      details: { orgId: job.org_id, decision, reason, ...result },
    });
    return result;
  });
}
