import type { z } from 'zod';
import type {
  CertificateListQuery,
  CertificateRequestBody,
  CertificateSources,
  CertificateVerification,
  CertificateView,
  IssueBody,
  SealBody,
  SealView,
} from '@yiqi/shared/contracts/certificates';
import {
  CERTIFICATE_NUMBER,
  MAX_SEAL_BYTES,
  normalizeCertificateNumber,
} from '@yiqi/shared/contracts/certificates';
import { DOCUMENT_NAMES, type DocumentType } from '@yiqi/shared/identity/documents';
import { maskDocument, maskName } from '@yiqi/shared/identity/mask';
import { actorOf, type Ctx } from '../../http/context.ts';
import { DomainError } from '../../http/domain-error.ts';
import { decrypt } from '../../lib/crypto.ts';
import { chinaDate } from '../activities/activities.views.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  contentHash,
  hoursOf,
  inCertificateOrder,
  newCertificateNumber,
  type CertifiedRecord,
} from './certificates.content.ts';
import { canEmbedImage, renderCertificatePdf } from './certificates.pdf.ts';
import * as repo from './certificates.repository.ts';

/*
 * "Who organizes records; who records certifies" (志愿服务记录与证明出具办法): a certificate is asked of,
 * and issued by, the organization that recorded the service, and covers only records it confirmed. When
 * that organization has been dissolved the rules hand issuing to its successor, or else to the unit above
 * it; organizations carry no dissolved state yet, so every certificate is issued by its recording unit
 * here, and the successor or superior path belongs with that state when organizations get it.
 */

type View = z.infer<typeof CertificateView>;
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const dayOf = (d: Date | string | null) => (d ? chinaDate(new Date(d)) : null);
const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

function view(c: repo.CertificateRow): View {
  const frozen = c.status === 'issued' || c.status === 'revoked';
  const count = frozen ? (c.record_ids?.length ?? 0) : c.covered_count;
  const minutes = frozen ? (c.total_minutes ?? 0) : c.covered_minutes;
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    orgId: c.org_id,
    orgName: c.issuer_name ?? c.org_name,
    volunteerNo: c.volunteer_no,
    volunteerName: c.volunteer_name,
    scope: c.scope,
    from: c.from_day,
    to: c.to_day,
    activityIds: c.activity_ids,
    purpose: c.purpose,
    requestedAt: iso(c.requested_at)!,
    recordCount: count,
    totalMinutes: minutes,
    totalHours: hoursOf(minutes),
    issuerName: c.issuer_name,
    personInCharge: c.person_in_charge,
    handlerName: c.handler_name,
    issuedAt: iso(c.issued_at),
    issueDate: dayOf(c.issued_at),
    rejectReason: c.reject_reason,
    rejectedAt: iso(c.rejected_at),
    revokeReason: c.revoke_reason,
    revokedAt: iso(c.revoked_at),
  };
}

function audit(
  ctx: Ctx,
  c: { id: string; org_id: string; org_region_code: string },
  action: string,
  details = {},
) {
  return recordAudit(ctx, {
    action,
    result: 'ok',
    objectType: 'certificate',
    objectId: c.id,
    regionCode: c.org_region_code,
    details: { orgId: c.org_id, ...details },
  });
}

async function load(ctx: Ctx, id: string): Promise<repo.CertificateRow> {
  const c = await repo.findCertificate(ctx.db, id);
  if (!c) throw new DomainError('NOT_FOUND');
  return c;
}

async function myVolunteer(ctx: Ctx) {
  const v = await repo.activeVolunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
  return v;
}

// ── The volunteer's side ─────────────────────────────────────────────────────────────────────────────

/** Organizations that recorded the caller's confirmed service, with their activities: where to ask. */
export async function sources(ctx: Ctx): Promise<z.infer<typeof CertificateSources>> {
  const v = await myVolunteer(ctx);
  const [orgs, activities] = await Promise.all([
    repo.sourcesOf(ctx.db, v.id),
    repo.activitiesOf(ctx.db, v.id),
  ]);
  return {
    items: orgs.map((o) => ({
      orgId: o.org_id,
      orgName: o.org_name,
      records: o.records,
      minutes: o.minutes,
      hours: hoursOf(o.minutes),
      firstDate: o.first_day,
      lastDate: o.last_day,
      activities: activities
        .filter((a) => a.org_id === o.org_id)
        .map((a) => ({
          activityId: a.activity_id!,
          title: a.title,
          records: a.records,
          minutes: a.minutes,
          hours: hoursOf(a.minutes),
          lastDate: a.last_day,
        })),
    })),
  };
}

/**
 * Asks the recording unit for a certificate of all, a period or chosen activities of the records it
 * confirmed. Refused when nothing matches, or while an earlier request to the same unit is open.
 */
export async function requestCertificate(ctx: Ctx, b: z.infer<typeof CertificateRequestBody>) {
  const v = await myVolunteer(ctx);
  const org = await repo.findOrganization(ctx.db, b.orgId);
  if (!org) throw new DomainError('NOT_FOUND');
  const activityIds = b.scope === 'activities' ? [...new Set(b.activityIds)] : [];
  try {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const { id } = await repo.insertCertificate(trx, {
        volunteer_id: v.id,
        org_id: org.id,
        scope: b.scope,
        period_from: b.scope === 'period' ? b.from! : null,
        period_to: b.scope === 'period' ? b.to! : null,
        activity_ids: activityIds,
        purpose: b.purpose || null,
        requested_by: actorOf(ctx).userId,
        requested_at: ctx.clock(),
      });
      const covered = await repo.coveredRecords(trx, id);
      if (covered.length === 0) throw new DomainError('CERT_NO_RECORDS');
      // Every chosen activity must be one the unit recorded for this volunteer.
      if (activityIds.length) {
        const found = await repo.recordedActivities(trx, v.id, org.id, activityIds);
        if (found.length !== activityIds.length) throw new DomainError('CERT_NO_RECORDS');
      }
      await audit(
        { ...ctx, db: trx },
        { id, org_id: org.id, org_region_code: org.region_code },
        'certificate.request',
        {
          scope: b.scope,
        },
      );
      return id;
    });
    return view(await load(ctx, id));
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('CERT_REQUEST_OPEN');
    throw e;
  }
}

export async function myCertificates(ctx: Ctx, page: number, pageSize: number) {
  const v = await myVolunteer(ctx);
  const { rows, total } = await repo.listCertificates(ctx.db, { volunteerId: v.id }, page, pageSize);
  return { items: rows.map(view), total, page, pageSize };
}

/** The caller's own issued certificate as a PDF (someone else's is not found). */
export async function myCertificatePdf(ctx: Ctx, id: string, origin: string) {
  const c = await load(ctx, id);
  if (c.volunteer_user_id !== actorOf(ctx).userId) throw new DomainError('NOT_FOUND');
  return pdfOf(ctx, c, origin);
}

// ── The issuing organization's side ──────────────────────────────────────────────────────────────────

export async function listForOrganization(ctx: Ctx, orgId: string, q: z.infer<typeof CertificateListQuery>) {
  const { rows, total } = await repo.listCertificates(
    ctx.db,
    { orgId, ...(q.status ? { status: q.status } : {}) },
    q.page,
    q.pageSize,
  );
  return { items: rows.map(view), total, page: q.page, pageSize: q.pageSize };
}

/**
 * Issues a requested certificate: freezes the confirmed records it covers now (ids), their total minutes
 * and the hash of their content with the volunteer number, and gives it a number. The person in charge is
 * the organization's; the handler is the issuing administrator unless another name is given.
 */
export async function issue(ctx: Ctx, id: string, b: z.infer<typeof IssueBody>) {
  const c = await load(ctx, id);
  const org = await repo.findOrganization(ctx.db, c.org_id);
  if (!org) throw new DomainError('NOT_FOUND');
  if (c.status !== 'requested') throw new DomainError('CERT_STATE');
  if (!org.person_in_charge?.trim()) throw new DomainError('CERT_NO_PERSON_IN_CHARGE');
  const actor = actorOf(ctx);
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockCertificate(trx, id);
    if (locked?.status !== 'requested') throw new DomainError('CERT_STATE');
    const records = await repo.coveredRecords(trx, id);
    if (records.length === 0) throw new DomainError('CERT_NO_RECORDS');
    let number = newCertificateNumber(chinaDate(now).slice(0, 4));
    while (await repo.numberTaken(trx, number)) number = newCertificateNumber(chinaDate(now).slice(0, 4));
    const ordered = inCertificateOrder(records);
    const total = ordered.reduce((n, r) => n + r.minutes, 0);
    const ok = await repo.transition(trx, id, 'requested', {
      status: 'issued',
      number,
      record_ids: ordered.map((r) => r.id),
      total_minutes: total,
      content_hash: contentHash(c.volunteer_no, ordered),
      issuer_name: org.name,
      person_in_charge: org.person_in_charge!.trim(),
      handler_name: b.handlerName ?? actor.displayName,
      issued_by: actor.userId,
      issued_at: now,
    });
    if (!ok) throw new DomainError('CERT_STATE');
    await audit({ ...ctx, db: trx }, c, 'certificate.issue', {
      number,
      records: ordered.length,
      totalMinutes: total,
    });
  });
  return view(await load(ctx, id));
}

export async function reject(ctx: Ctx, id: string, reason: string) {
  const c = await load(ctx, id);
  if (c.status !== 'requested') throw new DomainError('CERT_STATE');
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.transition(trx, id, 'requested', {
      status: 'rejected',
      reject_reason: reason,
      rejected_by: actorOf(ctx).userId,
      rejected_at: ctx.clock(),
    });
    if (!ok) throw new DomainError('CERT_STATE');
    await audit({ ...ctx, db: trx }, c, 'certificate.reject', { reason });
  });
  return view(await load(ctx, id));
}

/** Revokes an issued certificate: it stays, and verification shows it revoked from now on. */
export async function revoke(ctx: Ctx, id: string, reason: string) {
  const c = await load(ctx, id);
  if (c.status !== 'issued') throw new DomainError('CERT_STATE');
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.transition(trx, id, 'issued', {
      status: 'revoked',
      revoke_reason: reason,
      revoked_by: actorOf(ctx).userId,
      revoked_at: ctx.clock(),
    });
    if (!ok) throw new DomainError('CERT_STATE');
    await audit({ ...ctx, db: trx }, c, 'certificate.revoke', { number: c.number, reason });
  });
  return view(await load(ctx, id));
}

/** Staff of the issuing organization download the PDF too (to print and stamp it). */
export async function staffPdf(ctx: Ctx, id: string, origin: string) {
  return pdfOf(ctx, await load(ctx, id), origin);
}

async function pdfOf(ctx: Ctx, c: repo.CertificateRow, origin: string) {
  if (c.status !== 'issued' || !c.number || !c.record_ids) throw new DomainError('CERT_STATE');
  const [person, rows, seal] = await Promise.all([
    repo.volunteerIdentity(ctx.db, c.volunteer_id),
    repo.recordsByIds(ctx.db, c.record_ids),
    repo.findSeal(ctx.db, c.org_id),
  ]);
  const doc = person.doc_number_enc ? decrypt(ctx.config.appKey, person.doc_number_enc) : null;
  const pdf = await renderCertificatePdf({
    number: c.number,
    volunteerName: person.name,
    docTypeName: person.doc_type
      ? (DOCUMENT_NAMES[person.doc_type as DocumentType]?.['zh-CN'] ?? null)
      : null,
    docNumberMasked: doc && maskDocument(doc),
    volunteerNo: person.volunteer_no,
    records: inCertificateOrder(rows),
    totalMinutes: c.total_minutes ?? 0,
    issuerName: c.issuer_name!,
    personInCharge: c.person_in_charge!,
    handlerName: c.handler_name!,
    issueDate: dayOf(c.issued_at)!,
    seal: seal ? Buffer.from(seal.image) : null,
    verifyUrl: `${origin}/verify/${c.number}`,
  });
  await recordAudit(ctx, {
    action: 'certificate.download',
    result: 'ok',
    objectType: 'certificate',
    objectId: c.id,
    regionCode: c.org_region_code,
    details: { orgId: c.org_id, number: c.number },
  });
  return { pdf, number: c.number };
}

// ── Public verification ──────────────────────────────────────────────────────────────────────────────

/**
 * Anyone may check a number: whether it was issued and not revoked, by whom, for how many hours, the
 * masked name, and whether its records changed since (a record corrected, i.e. superseded, or its content
 * no longer hashing to what was frozen). Nothing else about the person is shown.
 */
export async function verify(ctx: Ctx, raw: string): Promise<z.infer<typeof CertificateVerification>> {
  const number = normalizeCertificateNumber(raw);
  if (!CERTIFICATE_NUMBER.test(number)) throw new DomainError('NOT_FOUND');
  const c = await repo.findByNumber(ctx.db, number);
  if (!c || (c.status !== 'issued' && c.status !== 'revoked') || !c.record_ids)
    throw new DomainError('NOT_FOUND');
  const rows = await repo.recordsByIds(ctx.db, c.record_ids);
  const changed =
    rows.length !== c.record_ids.length ||
    rows.some((r) => r.status !== 'confirmed') ||
    contentHash(c.volunteer_no, rows as CertifiedRecord[]) !== c.content_hash;
  return {
    number,
    status: c.status,
    valid: c.status === 'issued' && !changed,
    changed,
    issuerName: c.issuer_name!,
    volunteerName: c.volunteer_name ? maskName(c.volunteer_name) : '—',
    recordCount: c.record_ids.length,
    totalMinutes: c.total_minutes ?? 0,
    totalHours: hoursOf(c.total_minutes ?? 0),
    issueDate: dayOf(c.issued_at)!,
    revokedDate: dayOf(c.revoked_at),
  };
}

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
          updatedAt: iso(s.updated_at)!,
        }
      : null,
  };
}

/** Sets (or with null removes) the seal printed on the organization's certificates. */
export async function putSeal(ctx: Ctx, orgId: string, b: z.infer<typeof SealBody>) {
  const org = await repo.findOrganization(ctx.db, orgId);
  if (!org) throw new DomainError('NOT_FOUND');
  let image: Buffer | null = null;
  if (b.seal) {
    image = Buffer.from(b.seal.contentBase64, 'base64');
    const magic = b.seal.mimeType === 'image/png' ? PNG : JPEG;
    if (image.length === 0 || image.length > MAX_SEAL_BYTES || !image.subarray(0, magic.length).equals(magic))
      throw new DomainError('CERT_SEAL_INVALID');
    if (!canEmbedImage(image)) throw new DomainError('CERT_SEAL_INVALID');
  }
  await ctx.db.transaction().execute(async (trx) => {
    if (image && b.seal)
      await repo.saveSeal(trx, {
        org_id: orgId,
        mime_type: b.seal.mimeType,
        image,
        updated_by: actorOf(ctx).userId,
        updated_at: ctx.clock(),
      });
    else await repo.deleteSeal(trx, orgId);
    await recordAudit(
      { ...ctx, db: trx },
      {
        action: 'certificate.seal',
        result: 'ok',
        objectType: 'organization',
        objectId: orgId,
        regionCode: org.region_code,
        details: { removed: !image, bytes: image?.length ?? 0 },
      },
    );
  });
  return getSeal(ctx, orgId);
}
