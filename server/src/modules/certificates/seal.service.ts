import type { z } from 'zod';
import { MAX_SEAL_BYTES, type SealBody, type SealView } from '@yiqi/shared/contracts/certificates';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { canEmbedImage } from './certificates.pdf.ts';
import * as repo from './certificates.repository.ts';
import { withTransaction } from '../../core/tx.ts';
import { iso } from '../../core/dates.ts';

// ── The organization's seal ──────────────────────────────────────────────────────────────────────────

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

export async function getSeal(ctx: Ctx, orgId: string): Promise<z.infer<typeof SealView>> {
  const s = await repo.findSeal(ctx.db, orgId);
  return {
    seal: s
      ? {
          mimeType: s.mime_type,
          contentBase64: Buffer.from(s.image).toString('base64'),
          updatedAt: iso(s.updated_at),
        }
      : null,
  };
}

/** Sets (or with null removes) the seal printed on the organization's certificates. */
export async function putSeal(ctx: Ctx, orgId: string, b: z.infer<typeof SealBody>) {
  const org = await repo.findOrganization(ctx.db, orgId);
  if (!org) throw new DomainError('NOT_FOUND');
  // A dissolved unit issues nothing any more; its successor or superior prints its own seal.
  if (org.status === 'dissolved') throw new DomainError('ORG_DISSOLVED');
  let image: Buffer | null = null;
  if (b.seal) {
    image = Buffer.from(b.seal.contentBase64, 'base64');
    const magic = b.seal.mimeType === 'image/png' ? PNG : JPEG;
    if (image.length === 0 || image.length > MAX_SEAL_BYTES || !image.subarray(0, magic.length).equals(magic))
      throw new DomainError('CERT_SEAL_INVALID');
    if (!canEmbedImage(image)) throw new DomainError('CERT_SEAL_INVALID');
  }
  await withTransaction(ctx, async (tx) => {
    if (image && b.seal)
      await repo.saveSeal(tx.db, {
        org_id: orgId,
        mime_type: b.seal.mimeType,
        image,
        updated_by: actorOf(ctx).userId,
        updated_at: ctx.clock(),
      });
    else await repo.deleteSeal(tx.db, orgId);
    await recordAudit(tx, {
      action: 'certificate.seal',
      result: 'ok',
      objectType: 'organization',
      objectId: orgId,
      regionCode: org.region_code,
      details: { removed: !image, bytes: image?.length ?? 0 },
    });
  });
  return getSeal(ctx, orgId);
}
