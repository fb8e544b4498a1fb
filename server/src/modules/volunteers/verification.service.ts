import type { z } from 'zod';
import type { DocumentType } from '@yiqi/shared/identity/documents';
import {
  MAX_DOCUMENT_BYTES,
  type DecisionBody,
  type DocumentUploadBody,
  type QueueQuery,
  type VolunteerView,
} from '@yiqi/shared/contracts/volunteers';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { identityVerifierFor } from './identity-verifier.ts';
import { ownVolunteer } from './profile.service.ts';
import { listPrefixes, volunteerInScope } from './scope.ts';
import * as repo from './volunteers.repository.ts';
import { seal, toRow, toView, unseal } from './views.ts';
import { withTransaction } from '../../core/tx.ts';

/** Enough copies for front, back and a retake; more is a misuse of storage meant for one review. */
const MAX_DOCUMENTS = 5;

/** The first bytes each accepted type must start with: the declared type alone proves nothing. */
const MAGIC: Record<string, number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
};

/**
 * A copy of the identity document for manual review (permits, passports, or a failed online check).
 * It is stored encrypted, because it shows the document number, and puts the volunteer in the queue.
 */
export async function uploadDocument(ctx: Ctx, input: z.infer<typeof DocumentUploadBody>) {
  const v = await ownVolunteer(ctx);
  if (v.verification_status === 'verified') throw new DomainError('ALREADY_VERIFIED');
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length > MAX_DOCUMENT_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE');
  const magic = MAGIC[input.mimeType]!;
  if (bytes.length < 64 || !magic.every((b, i) => bytes[i] === b))
    throw new DomainError('DOCUMENT_FILE_INVALID');
  const existing = await repo.listDocumentMeta(ctx.db, [v.id]);
  if (existing.length >= MAX_DOCUMENTS) throw new DomainError('DOCUMENT_UPLOAD_LIMIT');
  const now = ctx.clock();
  return withTransaction(ctx, async (tx) => {
    const doc = await repo.insertDocument(tx.db, {
      volunteerId: v.id,
      mimeType: input.mimeType,
      contentEnc: seal(ctx, bytes.toString('base64')),
    });
    await repo.updateVolunteer(tx.db, v.id, {
      verification_status: 'pending',
      verification_method: null,
      verification_note: null,
      updated_at: now,
    });
    await recordAudit(tx, {
      action: 'volunteer.document_upload',
      result: 'ok',
      objectType: 'volunteer',
      objectId: v.id,
      regionCode: v.region_code,
      details: { documentId: doc.id, mimeType: input.mimeType, bytes: bytes.length },
    });
    return { id: doc.id, verificationStatus: 'pending' as const };
  });
}

/** The online check of a mainland ID against the configured identity service. */
export async function verifyOnline(ctx: Ctx): Promise<VolunteerView> {
  const v = await ownVolunteer(ctx);
  if (v.verification_status === 'verified') throw new DomainError('ALREADY_VERIFIED');
  if (v.doc_type !== 'mainland_id') throw new DomainError('EXTERNAL_VERIFICATION_UNAVAILABLE');
  const result = await identityVerifierFor(ctx.config).verify(
    v.name ?? '',
    v.doc_type as DocumentType,
    unseal(ctx, v.doc_number_enc) ?? '',
  );
  const now = ctx.clock();
  await withTransaction(ctx, async (tx) => {
    await repo.updateVolunteer(
      tx.db,
      v.id,
      result.ok
        ? {
            verification_status: 'verified',
            verification_method: 'external',
            verified_at: now,
            verified_by: null,
            verification_note: null,
            updated_at: now,
          }
        : {
            verification_status: 'rejected',
            verification_method: 'external',
            verified_at: null,
            verification_note: result.reason ?? 'no_match',
            updated_at: now,
          },
    );
    await recordAudit(tx, {
      action: 'volunteer.verify',
      result: result.ok ? 'ok' : 'failed',
      objectType: 'volunteer',
      objectId: v.id,
      regionCode: v.region_code,
      details: { method: 'external', ...(result.ok ? {} : { reason: result.reason ?? 'no_match' }) },
    });
  });
  return toView(ctx, (await repo.findVolunteerById(ctx.db, v.id))!, 'self');
}

/** Pending manual reviews in the caller's scope, oldest first, with their documents' metadata. */
export async function listQueue(ctx: Ctx, q: z.infer<typeof QueueQuery>) {
  const prefixes = await listPrefixes(ctx, q.region);
  const { rows, total } = await repo.listVolunteers(
    ctx.db,
    { prefixes, verification: 'pending', queueOrder: true },
    q.page,
    q.pageSize,
  );
  const docs = await repo.listDocumentMeta(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      ...toRow(ctx, r),
      documents: docs
        .filter((d) => d.volunteer_id === r.id)
        .map((d) => ({ id: d.id, mimeType: d.mime_type, uploadedAt: new Date(d.uploaded_at).toISOString() })),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The content of one uploaded document for a reviewer: an unmasked view, so it is audited. */
export async function readDocument(ctx: Ctx, volunteerId: string, docId: string) {
  const v = await volunteerInScope(ctx, volunteerId);
  const doc = await repo.findDocument(ctx.db, v.id, docId);
  if (!doc) throw new DomainError('NOT_FOUND');
  await recordAudit(ctx, {
    action: 'volunteer.document_view',
    result: 'ok',
    objectType: 'volunteer',
    objectId: v.id,
    regionCode: v.region_code,
    details: { documentId: doc.id },
  });
  return { mimeType: doc.mime_type, content: Buffer.from(unseal(ctx, doc.content_enc)!, 'base64') };
}

/** A reviewer's decision on a pending verification; nobody decides on their own record. */
export async function decide(ctx: Ctx, id: string, d: z.infer<typeof DecisionBody>): Promise<VolunteerView> {
  const actor = actorOf(ctx);
  const v = await volunteerInScope(ctx, id);
  if (v.user_id === actor.userId) throw new DomainError('SELF_VERIFICATION');
  if (v.verification_status !== 'pending') throw new DomainError('VERIFICATION_NOT_PENDING');
  if (d.decision === 'reject' && !d.note) throw new DomainError('REVIEW_REASON_REQUIRED');
  const now = ctx.clock();
  await withTransaction(ctx, async (tx) => {
    const done = await repo.decideVerification(tx.db, v.id, {
      status: d.decision === 'approve' ? 'verified' : 'rejected',
      by: actor.userId,
      at: now,
      note: d.note || null,
    });
    if (!done) throw new DomainError('VERIFICATION_NOT_PENDING');
    await recordAudit(tx, {
      action: 'volunteer.verification',
      result: 'ok',
      objectType: 'volunteer',
      objectId: v.id,
      regionCode: v.region_code,
      details: { decision: d.decision, method: 'manual' },
    });
  });
  return toView(ctx, (await repo.findVolunteerById(ctx.db, v.id))!);
}
