import { DISPATCH_MAX_PHOTO_BYTES } from '@yiqi/shared/contracts/dispatch';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { decodePhoto, type CleanPhoto } from '../../lib/photos.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as inv from './invitations.repository.ts';

/**
 * Photos of an order (the resident's, optional) and of its completion report. Each is read from its bytes
 * (JPEG, PNG or WebP), at most 5 MB, and stored without metadata (EXIF location, device, owner:
 * decisions/0043). Decoded before the transaction so a bad photo changes nothing.
 */
export function cleanPhotos(uploads: { data: string }[]): CleanPhoto[] {
  return uploads.map((u) => {
    const clean = decodePhoto(u.data, DISPATCH_MAX_PHOTO_BYTES);
    if (!clean) throw new DomainError('DISPATCH_PHOTO_INVALID');
    return clean;
  });
}

export function storePhotos(tx: Ctx, orderId: string, kind: 'order' | 'report', photos: CleanPhoto[]) {
  const now = tx.clock();
  return inv.insertPhotos(
    tx.db,
    photos.map((p) => ({
      order_id: orderId,
      kind,
      mime: p.mime,
      bytes: p.bytes,
      uploaded_by: actorOf(tx).userId,
      created_at: now,
    })),
  );
}

/**
 * One photo, for the units holding the order and the serving team (the route's target decides who);
 * audited, since a photo may show the resident or their home.
 */
export async function photoBytes(ctx: Ctx, orderId: string, photoId: string) {
  const p = await inv.photo(ctx.db, orderId, photoId);
  if (!p) throw new DomainError('NOT_FOUND');
  await recordAudit(ctx, {
    action: 'dispatch.photo.view',
    result: 'ok',
    objectType: 'dispatch_order',
    objectId: orderId,
    regionCode: null,
    details: { photo: photoId },
  });
  return p;
}
