import type { z } from 'zod';
import type { Updateable } from 'kysely';
import { checkDocument, type DocumentType } from '@yiqi/shared/identity/documents';
import type { ProfilePatch, VolunteerView } from '@yiqi/shared/contracts/volunteers';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import type { VolunteersTable } from '../../db/schema.volunteers.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { setDisplayName } from '../auth/auth.service.ts';
import * as repo from './volunteers.repository.ts';
import { checkIdentity, checkRegion, docIndex, guardianColumns } from './person.ts';
import { seal, toView, unseal } from './views.ts';
import { withTransaction } from '../../core/tx.ts';

/** The signed-in user's volunteer record, or 403 VOLUNTEER_REQUIRED when they have none. */
export async function ownVolunteer(ctx: Ctx): Promise<repo.VolunteerRecord> {
  const v = await repo.findVolunteerByUser(ctx.db, actorOf(ctx).userId);
  if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
  return v;
}

export async function getOwnProfile(ctx: Ctx): Promise<VolunteerView> {
  return toView(ctx, await ownVolunteer(ctx), 'self');
}

type Patch = z.infer<typeof ProfilePatch>;

/**
 * A correction of the real-name data (name, document, birth date, gender): checked like a registration,
 * still one person one volunteer, and verification starts over, because what was verified has changed.
 */
async function identityChanges(ctx: Ctx, v: repo.VolunteerRecord, p: Patch) {
  if (!p.name && !p.docType && !p.docNumber && !p.birthDate && !p.gender) return null;
  const docType = (p.docType ?? v.doc_type) as DocumentType;
  const number = p.docNumber ?? unseal(ctx, v.doc_number_enc) ?? '';
  // Numbers that encode birth date and gender decide them; for other documents the stored ones stay
  // unless corrected.
  const encoded = Boolean(checkDocument(docType, number, ctx.clock()).birthDate);
  const id = checkIdentity(
    ctx,
    docType,
    number,
    p.birthDate ?? (encoded ? undefined : (v.birth_iso ?? undefined)),
    p.gender ?? (encoded ? undefined : (v.gender ?? undefined)),
  );
  const bidx = docIndex(ctx, docType, id.number);
  const name = p.name ?? v.name ?? '';
  const changed =
    name !== v.name ||
    !(v.doc_bidx && Buffer.from(v.doc_bidx).equals(bidx)) ||
    id.birthDate !== v.birth_iso ||
    id.gender !== v.gender;
  if (!changed) return null;
  if (await repo.docIndexTaken(ctx.db, bidx, v.id)) throw new DomainError('VOLUNTEER_EXISTS');
  return {
    name,
    doc_type: docType,
    doc_number_enc: seal(ctx, id.number),
    doc_bidx: bidx,
    birth_date: id.birthDate,
    gender: id.gender,
    verification_status: 'unverified' as const,
    verification_method: null,
    verified_at: null,
    verified_by: null,
    verification_note: null,
  };
}

export async function updateOwnProfile(ctx: Ctx, p: Patch): Promise<VolunteerView> {
  // The free-text field is retired, refused before anything else is looked at: a client that still sends
  // it must not believe it saved (docs/decisions/0069).
  if (p.qualifications !== undefined) throw new DomainError('QUALIFICATIONS_ARE_RECORDS');
  const v = await ownVolunteer(ctx);
  const now = ctx.clock();
  const set: Updateable<VolunteersTable> = { updated_at: now };
  if (p.skills) set.skills = [...new Set(p.skills)];
  if (p.categories) set.categories = [...new Set(p.categories)];
  if (p.serviceRegions) {
    const codes = [...new Set(p.serviceRegions)];
    if ((await repo.countRegions(ctx.db, codes)) !== codes.length) throw new DomainError('REGION_NOT_FOUND');
    set.service_regions = codes;
  }
  if (p.availability) set.availability = JSON.stringify(p.availability);
  if (p.languages) set.languages = [...new Set(p.languages)];
  if (p.emergencyContact !== undefined)
    set.emergency_contact_enc = p.emergencyContact && seal(ctx, JSON.stringify(p.emergencyContact));
  if (p.guardian !== undefined) Object.assign(set, guardianColumns(ctx, p.guardian));
  if (p.regionCode) {
    await checkRegion(ctx, p.regionCode);
    set.region_code = p.regionCode;
  }
  const identity = await identityChanges(ctx, v, p);
  if (identity) Object.assign(set, identity);

  await withTransaction(ctx, async (tx) => {
    const t = tx;
    await repo.updateVolunteer(tx.db, v.id, set);
    let documentsDeleted = 0;
    if (identity) {
      // Copies of the old document no longer match the record; keep no more personal data than needed.
      documentsDeleted = await repo.deleteDocuments(tx.db, v.id);
      if (v.user_id && identity.name !== v.name) await setDisplayName(t, v.user_id, identity.name);
    }
    await recordAudit(t, {
      action: 'volunteer.update',
      result: 'ok',
      objectType: 'volunteer',
      objectId: v.id,
      regionCode: set.region_code ?? v.region_code,
      // Field names only: the values are personal data and the audit log outlives the account.
      details: { fields: Object.keys(p).sort(), reverification: identity !== null, documentsDeleted },
    });
  });
  return getOwnProfile(ctx);
}

/**
 * Removes the qualifications the volunteer once typed on the profile (未核验的自述资质): their own data, which
 * they may delete (never edit: qualifications are records with evidence now). Audited by count only.
 */
export async function clearDeclaredQualifications(ctx: Ctx): Promise<VolunteerView> {
  const v = await ownVolunteer(ctx);
  const removed = Array.isArray(v.qualifications) ? v.qualifications.length : 0;
  if (removed > 0)
    await withTransaction(ctx, async (tx) => {
      await repo.updateVolunteer(tx.db, v.id, { qualifications: '[]', updated_at: ctx.clock() });
      await recordAudit(tx, {
        action: 'volunteer.declared_qualifications_cleared',
        result: 'ok',
        objectType: 'volunteer',
        objectId: v.id,
        regionCode: v.region_code,
        details: { removed },
      });
    });
  return getOwnProfile(ctx);
}
