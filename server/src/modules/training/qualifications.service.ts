import type { z } from 'zod';
import {
  CLAIM_MAX_PHOTO_BYTES,
  EXPIRING_DAYS,
  type ClaimBody,
  type CoverageQuery,
  type ReviewBody,
} from '@yiqi/shared/contracts/training';
import { LEVEL_PREFIX, regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, readerOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { chinaDate, iso } from '../../core/dates.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { isSelf } from '../roles/deciders.ts';
import { findRegion } from '../regions/regions.service.ts';
import { cleanPhoto } from '../../lib/photos.ts';
import { addMonths } from './completion.service.ts';
import * as training from './training.repository.ts';
import * as repo from './qualifications.repository.ts';

/**
 * Qualifications as records with evidence: granted by a training record, or by a certificate a volunteer
 * uploads and a region admin reviews (never the holder). A revocation is a new row with its reason.
 */

const DAY = 86_400_000;

export async function types(ctx: Ctx) {
  const rows = await training.listTypes(readerOf(ctx));
  return {
    items: rows.map((t) => ({
      code: t.code,
      names: { 'zh-CN': t.name_zh_cn, 'zh-HK': t.name_zh_hk, en: t.name_en },
      validityMonths: t.validity_months,
    })),
  };
}

function stateOf(q: { expires_at: Date | null; reason: string | null }, now: Date) {
  if (q.reason !== null) return 'revoked' as const;
  if (q.expires_at === null) return 'valid' as const;
  const left = new Date(q.expires_at).getTime() - now.getTime();
  if (left <= 0) return 'expired' as const;
  return left <= EXPIRING_DAYS * DAY ? ('expiring' as const) : ('valid' as const);
}

type QualificationRow = Awaited<ReturnType<typeof training.myQualifications>>[number];

function qualificationView(q: QualificationRow, now: Date) {
  return {
    id: q.id,
    code: q.type_code,
    issuedAt: iso(q.issued_at)!,
    expiresAt: iso(q.expires_at),
    state: stateOf(q, now),
    evidence: q.completion_id ? ('training' as const) : ('certificate' as const),
    revokedReason: q.reason,
  };
}

/**
 * One volunteer's qualification records with their state today, for the region admins over the volunteer
 * (the console's volunteer drawer; the route's target checks the scope). Records only: what the volunteer
 * once typed on the profile is not shown to staff (docs/decisions/0069).
 */
export async function ofVolunteer(ctx: Ctx, volunteerId: string) {
  const now = ctx.clock();
  const rows = await training.myQualifications(ctx.db, volunteerId);
  return { items: rows.map((q) => qualificationView(q, now)) };
}

/** The caller's training records, qualifications (with their state today) and certificate claims. */
export async function mine(ctx: Ctx) {
  const v = await training.activeVolunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v) return { records: [], qualifications: [], claims: [] };
  const now = ctx.clock();
  const [records, quals, claims] = await Promise.all([
    training.myRecords(ctx.db, v.id),
    training.myQualifications(ctx.db, v.id),
    training.myClaims(ctx.db, v.id),
  ]);
  return {
    records: records.map((r) => ({
      id: r.id,
      courseId: r.course_id,
      title: r.title,
      method: r.method,
      at: iso(r.created_at)!,
    })),
    qualifications: quals.map((q) => qualificationView(q, now)),
    claims: claims.map((c) => ({
      id: c.id,
      code: c.type_code,
      status: c.status,
      note: c.review_note,
      at: iso(c.created_at)!,
    })),
  };
}

/** A volunteer uploads a certificate they hold, for review (the path for qualifications held before). */
export async function claim(ctx: Ctx, b: z.infer<typeof ClaimBody>) {
  const v = await training.activeVolunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
  if (!(await training.findType(ctx.db, b.code))) throw new DomainError('QUALIFICATION_TYPE_UNKNOWN');
  const today = chinaDate(ctx.clock());
  if (b.issuedOn > today || (b.expiresOn !== null && b.expiresOn <= b.issuedOn))
    throw new DomainError('CLAIM_DATES');
  const bytes = Buffer.from(b.photo.data, 'base64');
  const photo = bytes.length <= CLAIM_MAX_PHOTO_BYTES ? cleanPhoto(bytes) : null;
  if (!photo) throw new DomainError('CLAIM_PHOTO_INVALID');
  return withTransaction(ctx, async (tx) => {
    const id = await repo.insertClaim(tx.db, {
      volunteer_id: v.id,
      type_code: b.code,
      issuer: b.issuer,
      certificate_no: b.certificateNo,
      issued_on: b.issuedOn,
      expires_on: b.expiresOn,
      photo_mime: photo.mime,
      photo: photo.bytes,
      at: ctx.clock(),
    });
    await recordAudit(tx, {
      action: 'qualification.claim',
      result: 'ok',
      objectType: 'qualification_claim',
      objectId: id,
      regionCode: v.region_code,
      details: { volunteerId: v.id, code: b.code },
    });
    return { id };
  });
}

/** The pending claims of volunteers residing in the region named, or in the caller's regions. */
export async function queue(ctx: Ctx, region: string | undefined) {
  let prefixes: string[];
  if (region) {
    const r = await findRegion(ctx.db, region);
    if (!r) throw new DomainError('REGION_NOT_FOUND');
    prefixes = [regionPrefix(r.code, r.level as RegionLevel)];
  } else
    prefixes = actorOf(ctx)
      .grants.filter((g) => g.role === 'region_admin' && g.orgId === null)
      .map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel));
  const rows = await repo.pendingClaims(ctx.db, prefixes);
  return {
    items: rows.map((c) => ({
      id: c.id,
      volunteerId: c.volunteer_id,
      name: c.name ?? '',
      code: c.type_code,
      issuer: c.issuer,
      certificateNo: c.certificate_no,
      issuedOn: c.issued_on,
      expiresOn: c.expires_on,
      at: iso(c.created_at)!,
    })),
  };
}

/** The certificate photo, for its reviewers; every view is audited (it shows a person's document). */
export async function claimPhoto(ctx: Ctx, id: string) {
  const p = await repo.claimPhoto(ctx.db, id);
  if (!p) throw new DomainError('CLAIM_NOT_FOUND');
  await recordAudit(ctx, {
    action: 'qualification.claim.photo_view',
    result: 'ok',
    objectType: 'qualification_claim',
    objectId: id,
    regionCode: p.region_code,
    details: { volunteerId: p.volunteer_id },
  });
  return { mime: p.mime, bytes: p.bytes };
}

/** China midnight starting a calendar day. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * Approving grants the qualification from the certificate: issued on its date, expiring after its last
 * valid day (or the type's validity when the certificate names none). The reviewer is never the holder.
 */
export async function review(ctx: Ctx, id: string, b: z.infer<typeof ReviewBody>) {
  return withTransaction(ctx, async (tx) => {
    const c = await repo.lockClaim(tx.db, id);
    if (!c) throw new DomainError('CLAIM_NOT_FOUND');
    if (c.status !== 'pending') throw new DomainError('CLAIM_DECIDED');
    if (isSelf(tx, c.user_id)) throw new DomainError('TRAINING_SELF_DECISION');
    const me = actorOf(ctx).userId;
    const now = ctx.clock();
    await repo.decideClaim(tx.db, id, {
      status: b.approve ? 'approved' : 'rejected',
      by: me,
      at: now,
      note: b.note || null,
    });
    let qualificationId: string | null = null;
    if (b.approve) {
      const type = await training.findType(tx.db, c.type_code);
      const issued = dayStart(c.issued_on);
      const expires = c.expires_on
        ? new Date(dayStart(c.expires_on).getTime() + DAY)
        : type?.validity_months
          ? addMonths(issued, type.validity_months)
          : null;
      qualificationId = await training.insertQualification(tx.db, {
        volunteer_id: c.volunteer_id,
        type_code: c.type_code,
        issued_at: issued,
        expires_at: expires,
        claim_id: id,
        granted_by: me,
      });
    }
    await recordAudit(tx, {
      action: b.approve ? 'qualification.claim.approve' : 'qualification.claim.reject',
      result: 'ok',
      objectType: 'qualification_claim',
      objectId: id,
      regionCode: c.region_code,
      details: { volunteerId: c.volunteer_id, code: c.type_code, qualificationId },
    });
    return { ok: true as const };
  });
}

export async function revoke(ctx: Ctx, id: string, reason: string) {
  return withTransaction(ctx, async (tx) => {
    const q = await repo.findQualification(tx.db, id);
    if (!q) throw new DomainError('QUALIFICATION_NOT_FOUND');
    if (q.revoked) throw new DomainError('QUALIFICATION_REVOKED');
    if (isSelf(tx, q.user_id)) throw new DomainError('TRAINING_SELF_DECISION');
    const done = await repo.insertRevocation(tx.db, { id, reason, by: actorOf(ctx).userId, at: ctx.clock() });
    if (!done) throw new DomainError('QUALIFICATION_REVOKED');
    await recordAudit(tx, {
      action: 'qualification.revoke',
      result: 'ok',
      objectType: 'qualification',
      objectId: id,
      regionCode: q.region_code,
      details: { volunteerId: q.volunteer_id, code: q.type_code, reason },
    });
    return { ok: true as const };
  });
}

const countsOf = <K extends string>(rows: { key: K; type_code: string; n: number | string }[]) => {
  const m = new Map<K, Record<string, number>>();
  for (const r of rows) {
    const counts = m.get(r.key) ?? {};
    counts[r.type_code] = Number(r.n);
    m.set(r.key, counts);
  }
  return m;
};

/**
 * Coverage: volunteers holding each valid qualification today, in a region subtree (by child region and by
 * organization under it) or in one organization (its active members). Without a scope named, the caller's
 * first grant's.
 */
export async function coverage(ctx: Ctx, q: z.infer<typeof CoverageQuery>) {
  const db = readerOf(ctx);
  const now = ctx.clock();
  const grant = actorOf(ctx).grants.find((g) => g.role === 'region_admin' || g.role === 'org_admin');
  const orgId = q.orgId ?? (q.region ? undefined : (grant?.orgId ?? undefined));
  if (orgId) {
    const org = await repo.organizationName(db, orgId);
    if (!org) throw new DomainError('NOT_FOUND');
    const rows = await repo.holdersByOrganization(db, { orgIds: [orgId] }, now);
    return {
      scope: { type: 'organization' as const, id: orgId, name: org.name },
      totals: rows.map((r) => ({ code: r.type_code, holders: Number(r.n) })),
      byRegion: [],
      byOrganization: rows.length
        ? [
            {
              id: orgId,
              name: org.name,
              counts: countsOf(rows.map((r) => ({ ...r, key: r.id }))).get(orgId)!,
            },
          ]
        : [],
    };
  }
  const region = await findRegion(db, q.region ?? grant?.regionCode ?? '');
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  const level = region.level as RegionLevel;
  const prefix = regionPrefix(region.code, level);
  const childLen = level < 5 ? LEVEL_PREFIX[(level + 1) as RegionLevel] : LEVEL_PREFIX[5];
  const [byChild, byOrg] = await Promise.all([
    repo.holdersByRegion(db, prefix, childLen, now),
    repo.holdersByOrganization(db, { prefix }, now),
  ]);
  const totalsRows = await repo.holdersByRegion(db, prefix, prefix.length, now);
  const children = countsOf(byChild.map((r) => ({ ...r, key: r.prefix.padEnd(12, '0') })));
  const names = new Map((await repo.regionNames(db, [...children.keys()])).map((r) => [r.code, r.name]));
  const orgs = countsOf(byOrg.map((r) => ({ ...r, key: r.id })));
  const orgNames = new Map(byOrg.map((r) => [r.id, r.name]));
  return {
    scope: { type: 'region' as const, id: region.code, name: region.name },
    totals: totalsRows.map((r) => ({ code: r.type_code, holders: Number(r.n) })),
    byRegion: [...children].map(([code, counts]) => ({ code, name: names.get(code) ?? code, counts })),
    byOrganization: [...orgs].map(([id, counts]) => ({ id, name: orgNames.get(id) ?? '', counts })),
  };
}
