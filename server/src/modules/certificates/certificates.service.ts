import type { z } from 'zod';
import type {
  CertificateListQuery,
  CertificateRequestBody,
  CertificateSources,
  CertificateRegionQuery,
  CertificateView,
  IssueBody,
} from '@yiqi/shared/contracts/certificates';
import { DOCUMENT_NAMES, type DocumentType } from '@yiqi/shared/identity/documents';
import { maskDocument, maskPhone } from '@yiqi/shared/identity/mask';
import { grantCovers, type Target } from '../../http/access.ts';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { decrypt, encrypt } from '../../lib/crypto.ts';
import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';

import { findRegion } from '../regions/regions.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { contentHash, hoursOf, inCertificateOrder, newCertificateNumber } from './certificates.content.ts';
import { refuseSelfDecision } from '../roles/deciders.ts';
import { certificateHandler, decisionTarget } from '../access/targets.ts';
import { issuerOf, lockedIssuerOf } from '../organizations/succession.ts';
import { renderCertificatePdf } from './certificates.pdf.ts';
import * as repo from './certificates.repository.ts';
import { withTransaction } from '../../core/tx.ts';
import { isUniqueViolation } from '../../core/pg-errors.ts';
import { chinaDate, iso } from '../../core/dates.ts';

/*
 * "Who organizes records; who records certifies" (志愿服务记录与证明出具办法): a certificate is asked of
 * the organization that recorded the service, and covers only records it confirmed. It issues it too,
 * unless it has been dissolved: then its successor or superior does (organizations/succession.ts), or the
 * region administrators when none is left. `issuer_org_id` says who handles a certificate now (null: the
 * region administrators of the recording unit's region) and moves with each dissolution; the recording
 * unit never changes, and a certificate issued by another unit names it as 原记录单位.
 */

type View = z.infer<typeof CertificateView>;
const dayOf = (d: Date | string | null) => (d ? chinaDate(new Date(d)) : null);

/**
 * The public check address of a number (证明核验; `/verify/<number>`, printed on certificates: never changes): from the configured PUBLIC_URL, never from the request's
 * Host header (a caller choosing it would print their own domain in the QR code of a genuine certificate).
 */
export const verifyUrlOf = (ctx: Ctx, number: string) => `${ctx.config.publicUrl}/verify/${number}`;

function view(ctx: Ctx, c: repo.CertificateRow): View {
  const frozen = c.status === 'issued' || c.status === 'revoked';
  const count = frozen ? (c.record_ids?.length ?? 0) : c.covered_count;
  const minutes = frozen ? (c.total_minutes ?? 0) : c.covered_minutes;
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    orgId: c.org_id,
    orgName: c.issuer_name ?? c.org_name,
    recordingOrgName: c.org_name,
    recordingOrgDissolved: c.org_status === 'dissolved',
    issuerOrgId: c.issuer_org_id,
    issuerOrgName: c.issuer_org_name,
    originalUnitName: c.original_unit_name,
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
    issuerPhone: c.issuer_phone_enc ? maskPhone(decrypt(ctx.config.appKey, c.issuer_phone_enc)) : null,
    verifyUrl: c.number ? verifyUrlOf(ctx, c.number) : null,
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
  c: { id: string; org_id: string; org_region_code: string; issuer_org_id: string | null },
  action: string,
  details = {},
) {
  return recordAudit(ctx, {
    action,
    result: 'ok',
    objectType: 'certificate',
    objectId: c.id,
    regionCode: c.org_region_code,
    details: { orgId: c.org_id, issuerOrgId: c.issuer_org_id, ...details },
  });
}

/**
 * Inside the write's transaction, with the certificate's row locked: it is still handled by whom the route
 * checked (a dissolution may have moved it since), and the caller's grants cover that handler.
 */
function checkHandler(
  ctx: Ctx,
  c: repo.CertificateRow,
  locked: { issuer_org_id: string | null },
  target: Target = certificateHandler(c),
) {
  if (locked.issuer_org_id !== c.issuer_org_id) throw new DomainError('CERT_STATE');
  const handles = actorOf(ctx).grants.some(
    (g) => (g.role === 'org_admin' || g.role === 'region_admin') && grantCovers(g, target),
  );
  if (!handles) throw new DomainError('OUT_OF_SCOPE');
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
  // Who issues for a dissolved unit (a volunteer has few units; most are not dissolved).
  const issuers = new Map<string, string | null>();
  for (const o of orgs)
    if (o.org_status === 'dissolved') issuers.set(o.org_id, (await issuerOf(ctx.db, o.org_id))?.name ?? null);
  return {
    items: orgs.map((o) => ({
      orgId: o.org_id,
      orgName: o.org_name,
      dissolved: o.org_status === 'dissolved',
      issuedBy: o.org_status === 'dissolved' ? (issuers.get(o.org_id) ?? null) : o.org_name,
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
 * confirmed. Refused when nothing matches, or while an earlier request to the same unit is open. The
 * request goes to whoever issues for that unit now (itself, or its successor or superior once dissolved).
 */
export async function requestCertificate(ctx: Ctx, b: z.infer<typeof CertificateRequestBody>) {
  const v = await myVolunteer(ctx);
  const org = await repo.findOrganization(ctx.db, b.orgId);
  if (!org) throw new DomainError('NOT_FOUND');
  const activityIds = b.scope === 'activities' ? [...new Set(b.activityIds)] : [];
  try {
    const id = await withTransaction(ctx, async (tx) => {
      // Held until commit, so a dissolution of the issuer cannot slip between and leave this behind.
      const issuer = await lockedIssuerOf(tx.db, org.id);
      const { id } = await repo.insertCertificate(tx.db, {
        volunteer_id: v.id,
        org_id: org.id,
        issuer_org_id: issuer?.id ?? null,
        scope: b.scope,
        period_from: b.scope === 'period' ? b.from! : null,
        period_to: b.scope === 'period' ? b.to! : null,
        activity_ids: activityIds,
        purpose: b.purpose || null,
        requested_by: actorOf(ctx).userId,
        requested_at: ctx.clock(),
      });
      const covered = await repo.coveredRecords(tx.db, id);
      if (covered.length === 0) throw new DomainError('CERT_NO_RECORDS');
      // Every chosen activity must be one the unit recorded for this volunteer.
      if (activityIds.length) {
        const found = await repo.recordedActivities(tx.db, v.id, org.id, activityIds);
        if (found.length !== activityIds.length) throw new DomainError('CERT_NO_RECORDS');
      }
      await audit(
        tx,
        { id, org_id: org.id, org_region_code: org.region_code, issuer_org_id: issuer?.id ?? null },
        'certificate.request',
        { scope: b.scope },
      );
      return id;
    });
    return view(ctx, await load(ctx, id));
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('CERT_REQUEST_OPEN');
    throw e;
  }
}

export async function myCertificates(ctx: Ctx, page: number, pageSize: number) {
  const v = await myVolunteer(ctx);
  const { rows, total } = await repo.listCertificates(ctx.db, { volunteerId: v.id }, page, pageSize);
  return { items: rows.map((r) => view(ctx, r)), total, page, pageSize };
}

/** The caller's own issued certificate as a PDF (someone else's is not found). */
export async function myCertificatePdf(ctx: Ctx, id: string) {
  const c = await load(ctx, id);
  if (c.volunteer_user_id !== actorOf(ctx).userId) throw new DomainError('NOT_FOUND');
  return pdfOf(ctx, c);
}

// ── The issuing side ─────────────────────────────────────────────────────────────────────────────────

/** What the organization handles: its own records' certificates and those of units it succeeded. */
export async function listForOrganization(ctx: Ctx, orgId: string, q: z.infer<typeof CertificateListQuery>) {
  const { rows, total } = await repo.listCertificates(
    ctx.db,
    { issuerOrgId: orgId, ...(q.status ? { status: q.status } : {}) },
    q.page,
    q.pageSize,
  );
  return { items: rows.map((r) => view(ctx, r)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * The region administrators' own queue: certificates of dissolved units that left no successor or
 * superior, recorded in the caller's region scopes (narrowed to one region when asked; the route has
 * checked that region lies within a scope).
 */
export async function listForRegion(ctx: Ctx, q: z.infer<typeof CertificateRegionQuery>) {
  const prefixes = actorOf(ctx)
    .grants.filter((g) => g.role === 'region_admin')
    .map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel));
  let narrowed: string | undefined;
  if (q.region) {
    const region = await findRegion(ctx.db, q.region);
    if (!region) throw new DomainError('REGION_NOT_FOUND');
    narrowed = regionPrefix(region.code, region.level as RegionLevel);
  }
  const { rows, total } = await repo.listCertificates(
    ctx.db,
    { regionQueue: { prefixes, regionPrefix: narrowed }, ...(q.status ? { status: q.status } : {}) },
    q.page,
    q.pageSize,
  );
  return { items: rows.map((r) => view(ctx, r)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * Dissolution hands everything a unit handled to whoever issues for it now (null: the region admins), in
 * the dissolution's transaction (`ctx.db`). The dissolution's own audit row records the counts.
 */
export function reassignIssuer(ctx: Ctx, fromOrgId: string, toOrgId: string | null) {
  return repo.moveIssuer(ctx.db, fromOrgId, toOrgId);
}

/**
 * Name and person in charge printed for the issuer: an organization's registered ones; for the region
 * administrators, the body named in the request (by default after the caller's most specific region
 * grant covering the recording unit) and its person in charge, which must be given.
 */
function issuingUnit(ctx: Ctx, c: repo.CertificateRow, b: z.infer<typeof IssueBody>, org: IssuerRow) {
  if (org) {
    if (b.issuerName !== undefined || b.personInCharge !== undefined || b.contactPhone !== undefined)
      throw new DomainError('CERT_ISSUER_FIELDS');
    if (!org.person_in_charge?.trim()) throw new DomainError('CERT_NO_PERSON_IN_CHARGE');
    // The unit's contact phone as on record today (ciphertext under the same key), frozen with the rest.
    return { name: org.name, personInCharge: org.person_in_charge.trim(), phoneEnc: org.contact_phone_enc };
  }
  if (!b.personInCharge) throw new DomainError('CERT_PERSON_IN_CHARGE_REQUIRED');
  const target = certificateHandler(c);
  const grant = actorOf(ctx)
    .grants.filter((g) => g.role === 'region_admin' && grantCovers(g, target))
    .sort((x, y) => y.regionLevel - x.regionLevel)[0];
  return {
    name: b.issuerName ?? `${grant?.scopeName ?? ''}志愿服务主管部门`,
    personInCharge: b.personInCharge,
    phoneEnc: b.contactPhone ? encrypt(ctx.config.appKey, b.contactPhone) : null,
  };
}
type IssuerRow = Awaited<ReturnType<typeof repo.findOrganization>> | null;

/**
 * Issues a requested certificate: freezes the confirmed records it covers now (ids), their total minutes
 * and the hash of their content with the volunteer number, and gives it a number. The issuer is whoever
 * handles it now, under its name and person in charge; when that is not the recording unit, the recording
 * unit's name is frozen too (原记录单位). The handler is the signed-in issuing administrator; the issuer's
 * contact phone is frozen (encrypted) to be printed. Nobody issues their own certificate (also a trigger in
 * the database).
 */
export async function issue(ctx: Ctx, id: string, b: z.infer<typeof IssueBody>) {
  const c = await load(ctx, id);
  if (c.status !== 'requested') throw new DomainError('CERT_STATE');
  await refuseSelfDecision(ctx, 'CERTIFICATE_SELF_ISSUE', c.volunteer_user_id, {
    orgId: c.issuer_org_id,
    regionCode: c.issuer_region_code ?? c.org_region_code,
  });
  const target = c.issuer_org_id ? await decisionTarget(ctx.db, c.issuer_org_id) : certificateHandler(c);
  const org = c.issuer_org_id ? await repo.findOrganization(ctx.db, c.issuer_org_id) : null;
  if (c.issuer_org_id && !org) throw new DomainError('NOT_FOUND');
  const unit = issuingUnit(ctx, c, b, org ?? null);
  const actor = actorOf(ctx);
  const now = ctx.clock();
  await withTransaction(ctx, async (tx) => {
    const locked = await repo.lockCertificate(tx.db, id);
    if (locked?.status !== 'requested') throw new DomainError('CERT_STATE');
    checkHandler(ctx, c, locked, target);
    const records = await repo.coveredRecords(tx.db, id);
    if (records.length === 0) throw new DomainError('CERT_NO_RECORDS');
    let number = newCertificateNumber(chinaDate(now).slice(0, 4));
    while (await repo.numberTaken(tx.db, number)) number = newCertificateNumber(chinaDate(now).slice(0, 4));
    const ordered = inCertificateOrder(records);
    const total = ordered.reduce((n, r) => n + r.minutes, 0);
    const ok = await repo.transition(tx.db, id, 'requested', {
      status: 'issued',
      number,
      record_ids: ordered.map((r) => r.id),
      total_minutes: total,
      content_hash: contentHash(c.volunteer_no, ordered),
      issuer_name: unit.name,
      person_in_charge: unit.personInCharge,
      issued_by_org_id: c.issuer_org_id,
      original_unit_name: c.issuer_org_id === c.org_id ? null : c.org_name,
      // Always the signed-in administrator issuing it, never a name typed in (docs: IssueBody).
      handler_name: actor.displayName,
      issuer_phone_enc: unit.phoneEnc,
      issued_by: actor.userId,
      issued_at: now,
    });
    if (!ok) throw new DomainError('CERT_STATE');
    await audit(tx, c, 'certificate.issue', {
      number,
      issuerName: unit.name,
      records: ordered.length,
      totalMinutes: total,
    });
    await notify(tx.db, [c.volunteer_user_id], 'certificate_issued', {
      number,
      orgName: unit.name,
      minutes: total,
    });
  });
  return view(ctx, await load(ctx, id));
}

export async function reject(ctx: Ctx, id: string, reason: string) {
  const c = await load(ctx, id);
  if (c.status !== 'requested') throw new DomainError('CERT_STATE');
  await withTransaction(ctx, async (tx) => {
    const locked = await repo.lockCertificate(tx.db, id);
    if (locked?.status !== 'requested') throw new DomainError('CERT_STATE');
    checkHandler(ctx, c, locked);
    const ok = await repo.transition(tx.db, id, 'requested', {
      status: 'rejected',
      reject_reason: reason,
      rejected_by: actorOf(ctx).userId,
      rejected_at: ctx.clock(),
    });
    if (!ok) throw new DomainError('CERT_STATE');
    await audit(tx, c, 'certificate.reject', { reason });
    await notify(tx.db, [c.volunteer_user_id], 'certificate_rejected', {
      orgName: c.issuer_org_name ?? c.org_name,
      reason,
    });
  });
  return view(ctx, await load(ctx, id));
}

/** Revokes an issued certificate: it stays, and verification shows it revoked from now on. */
export async function revoke(ctx: Ctx, id: string, reason: string) {
  const c = await load(ctx, id);
  if (c.status !== 'issued') throw new DomainError('CERT_STATE');
  await withTransaction(ctx, async (tx) => {
    const locked = await repo.lockCertificate(tx.db, id);
    if (locked?.status !== 'issued') throw new DomainError('CERT_STATE');
    checkHandler(ctx, c, locked);
    const ok = await repo.transition(tx.db, id, 'issued', {
      status: 'revoked',
      revoke_reason: reason,
      revoked_by: actorOf(ctx).userId,
      revoked_at: ctx.clock(),
    });
    if (!ok) throw new DomainError('CERT_STATE');
    await audit(tx, c, 'certificate.revoke', { number: c.number, reason });
  });
  return view(ctx, await load(ctx, id));
}

/** Staff of the unit handling it download the PDF too (to print and stamp it). */
export async function staffPdf(ctx: Ctx, id: string) {
  return pdfOf(ctx, await load(ctx, id));
}

async function pdfOf(ctx: Ctx, c: repo.CertificateRow) {
  if (c.status !== 'issued' || !c.number || !c.record_ids) throw new DomainError('CERT_STATE');
  const [person, rows, seal] = await Promise.all([
    repo.volunteerIdentity(ctx.db, c.volunteer_id),
    repo.recordsByIds(ctx.db, c.record_ids),
    // The seal of the unit that issued it, as on the day (a later successor's would misstate who did).
    c.issued_by_org_id ? repo.findSeal(ctx.db, c.issued_by_org_id) : Promise.resolve(undefined),
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
    originalUnitName: c.original_unit_name,
    personInCharge: c.person_in_charge!,
    handlerName: c.handler_name!,
    issuerPhone: c.issuer_phone_enc ? decrypt(ctx.config.appKey, c.issuer_phone_enc) : null,
    issueDate: dayOf(c.issued_at)!,
    seal: seal ? Buffer.from(seal.image) : null,
    verifyUrl: verifyUrlOf(ctx, c.number),
  });
  await recordAudit(ctx, {
    action: 'certificate.download',
    result: 'ok',
    objectType: 'certificate',
    objectId: c.id,
    regionCode: c.org_region_code,
    details: { orgId: c.org_id, issuerOrgId: c.issuer_org_id, number: c.number },
  });
  return { pdf, number: c.number };
}
