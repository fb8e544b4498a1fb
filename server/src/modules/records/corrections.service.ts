import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { BackfillBody } from '@yiqi/shared/contracts/records';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { encrypt } from '../../lib/crypto.ts';

import { recordAudit } from '../audit/audit.service.ts';
import { refuseSelfDecision } from '../roles/deciders.ts';
import * as repo from './records.repository.ts';
import * as corrections from './corrections.repository.ts';
import { approveCorrection, confirmRecord, rejectRecord } from './confirmation.ts';
import { withTransaction } from '../../core/tx.ts';
import { isUniqueViolation } from '../../core/pg-errors.ts';
import { chinaDate } from '../../core/dates.ts';

/**
 * Back-fill (补录): past service without check-ins, entered by the organization with evidence. It waits,
 * pending, for a second person (another admin of the organization or a region admin above it).
 */
export async function backfill(ctx: Ctx, orgId: string, b: z.infer<typeof BackfillBody>) {
  if (b.serviceDate > chinaDate(ctx.clock())) throw new DomainError('RECORD_FUTURE_DATE');
  const v = await corrections.activeVolunteerByNo(ctx.db, b.volunteerNo);
  if (!v) throw new DomainError('RECORD_VOLUNTEER_NOT_FOUND');
  if (b.activityId) {
    const a = await corrections.activityOrg(ctx.db, b.activityId);
    if (!a || a.org_id !== orgId) throw new DomainError('NOT_FOUND');
  }
  const files = b.evidence.map((f) => {
    const bytes = Buffer.from(f.contentBase64, 'base64');
    return { ...f, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  return withTransaction(ctx, async (tx) => {
    const row = await corrections.insertPending(tx.db, {
      kind: 'backfill',
      volunteer_id: v.id,
      org_id: orgId,
      activity_id: b.activityId ?? null,
      service_date: b.serviceDate,
      activity_title: b.activityTitle,
      place: b.place,
      content: b.content,
      person_in_charge: b.personInCharge,
      minutes: b.minutes,
      reason: b.reason,
      evidence: JSON.stringify(files.map((f) => ({ name: f.name, mimeType: f.mimeType, sha256: f.sha256 }))),
      status: 'pending',
      created_by: actorOf(ctx).userId,
    });
    await corrections.insertEvidence(
      tx.db,
      files.map((f) => ({
        record_id: row.id,
        name: f.name,
        mime_type: f.mimeType,
        sha256: f.sha256,
        content_enc: encrypt(ctx.config.appKey, f.contentBase64),
      })),
    );
    await recordAudit(tx, {
      action: 'record.backfill',
      result: 'ok',
      objectType: 'service_record',
      objectId: row.id,
      details: { orgId, volunteerId: v.id, minutes: b.minutes, evidence: files.length },
    });
    return { id: row.id, status: 'pending' as const };
  });
}

/** A volunteer asks to correct one of their confirmed records; the recording organization decides. */
export async function requestCorrection(ctx: Ctx, recordId: string, minutes: number, reason: string) {
  const r = await repo.findRecord(ctx.db, recordId);
  if (!r || r.user_id !== actorOf(ctx).userId) throw new DomainError('NOT_FOUND');
  if (r.status !== 'confirmed') throw new DomainError('RECORD_STATE');
  try {
    return await withTransaction(ctx, async (tx) => {
      const row = await corrections.insertPending(tx.db, {
        kind: 'correction',
        corrects_id: r.id,
        volunteer_id: r.volunteer_id,
        org_id: r.org_id,
        activity_id: r.activity_id,
        service_date: r.service_day,
        activity_title: r.activity_title,
        place: r.place,
        content: r.content,
        position_name: r.position_name,
        person_in_charge: r.person_in_charge,
        check_in_at: r.check_in_at,
        check_out_at: r.check_out_at,
        break_minutes: r.break_minutes,
        hours_rule: r.hours_rule,
        explain: JSON.stringify(r.explain),
        minutes,
        reason,
        status: 'pending',
        created_by: actorOf(ctx).userId,
      });
      await recordAudit(tx, {
        action: 'record.correction_request',
        result: 'ok',
        objectType: 'service_record',
        objectId: row.id,
        regionCode: r.org_region_code,
        details: { corrects: r.id, from: r.minutes, to: minutes },
      });
      return { id: row.id, status: 'pending' as const };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('RECORD_CORRECTION_OPEN');
    throw e;
  }
}

/**
 * Approves or rejects a pending back-fill or correction. Nobody decides an entry about themselves (told
 * who decides instead) or one they entered (also a CHECK and a trigger in the database). The decision goes
 * through confirmation.ts: an approved correction supersedes the entry it corrects and the totals move by
 * the difference, with the record events, in the same transaction.
 */
export async function decide(ctx: Ctx, recordId: string, decision: 'approve' | 'reject', reason?: string) {
  const r = await repo.findRecord(ctx.db, recordId);
  if (!r) throw new DomainError('NOT_FOUND');
  if (r.status !== 'pending') throw new DomainError('RECORD_STATE');
  await refuseSelfDecision(ctx, 'RECORD_SELF_DECISION', r.user_id, {
    orgId: r.org_id,
    regionCode: r.org_region_code,
  });
  if (r.created_by === actorOf(ctx).userId) throw new DomainError('RECORD_SELF_APPROVAL');
  await withTransaction(ctx, async (tx) => {
    if (decision === 'reject') await rejectRecord(tx, r.id, reason ?? null);
    else if (r.corrects_id) {
      const old = await repo.findRecord(tx.db, r.corrects_id);
      if (!old || old.status !== 'confirmed') throw new DomainError('RECORD_STATE');
      await approveCorrection(tx, r, old);
    } else await confirmRecord(tx, r, r.minutes);
    await recordAudit(tx, {
      action: 'record.decide',
      result: 'ok',
      objectType: 'service_record',
      objectId: r.id,
      regionCode: r.org_region_code,
      details: { kind: r.kind, decision, reason, corrects: r.corrects_id },
    });
  });
  return { id: r.id, status: decision === 'approve' ? ('confirmed' as const) : ('rejected' as const) };
}
