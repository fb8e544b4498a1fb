import { z } from 'zod';
import type { Text } from '../i18n.ts';
import { base64, IsoDate, multilineText, pageOf, RegionCode, text } from './common.ts';

/**
 * Certificates (志愿服务记录证明): requested by the volunteer from the organization that recorded their
 * service, issued by its administrators, verifiable by anyone through their number. When the recording
 * organization has been dissolved (注销), its successor or superior issues them, or else the region
 * administrators, and the certificate names the recording unit as 原记录单位.
 */
export const CERTIFICATE_STATUSES = ['requested', 'issued', 'rejected', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];
export const CERTIFICATE_SCOPES = ['all', 'period', 'activities'] as const;
export type CertificateScope = (typeof CERTIFICATE_SCOPES)[number];

export const CERTIFICATE_STATUS_NAMES: Record<CertificateStatus, Text> = {
  requested: { 'zh-CN': '待出具', 'zh-HK': '待出具', en: 'Requested' },
  issued: { 'zh-CN': '已出具', 'zh-HK': '已出具', en: 'Issued' },
  rejected: { 'zh-CN': '未出具', 'zh-HK': '未出具', en: 'Rejected' },
  revoked: { 'zh-CN': '已撤销', 'zh-HK': '已撤銷', en: 'Revoked' },
};

export const CERTIFICATE_SCOPE_NAMES: Record<CertificateScope, Text> = {
  all: { 'zh-CN': '全部服务记录', 'zh-HK': '全部服務記錄', en: 'All service records' },
  period: { 'zh-CN': '指定时间段', 'zh-HK': '指定時間段', en: 'A period' },
  activities: { 'zh-CN': '指定活动', 'zh-HK': '指定活動', en: 'Chosen activities' },
};

/**
 * YQ-2026-7KQ2M9XBTR: the year of issue and 10 random Crockford base32 characters (no I, L, O or U, so a
 * number read off paper is not mistyped).
 */
export const CERTIFICATE_NUMBER = /^YQ-\d{4}-[0-9A-HJKMNP-TV-Z]{10}$/;

/** A number as typed: upper case, without spaces; O, I and L read as 0, 1 and 1 (none is in the alphabet). */
export function normalizeCertificateNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

export const CertificateParams = z.strictObject({ id: z.uuid() });
export const CertificateNumberParams = z.strictObject({ number: text(1, 64) });

export const CertificateRequestBody = z
  .strictObject({
    /** The organization that recorded the service (the recording unit). */
    orgId: z.uuid(),
    scope: z.enum(CERTIFICATE_SCOPES),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    activityIds: z.array(z.uuid()).min(1).max(200).optional(),
    /** What the certificate is for (school, employer, …), for the issuer's information. */
    purpose: multilineText(0, 200).optional(),
  })
  .refine((b) => b.scope !== 'period' || (b.from !== undefined && b.to !== undefined && b.from <= b.to), {
    message: 'a period needs from ≤ to',
    path: ['from'],
  })
  .refine((b) => b.scope !== 'activities' || (b.activityIds?.length ?? 0) > 0, {
    message: 'choose at least one activity',
    path: ['activityIds'],
  });

export const CertificateView = z.object({
  id: z.uuid(),
  number: z.string().nullable(),
  status: z.enum(CERTIFICATE_STATUSES),
  /** The recording unit (who organized and recorded the service); it never changes. */
  orgId: z.uuid(),
  /** The issuer's name once issued, else the recording unit's. */
  orgName: z.string(),
  recordingOrgName: z.string(),
  /** The recording unit has been dissolved: another unit issues. */
  recordingOrgDissolved: z.boolean(),
  /** Who handles the certificate now: an organization, or null for the region administrators. */
  issuerOrgId: z.uuid().nullable(),
  issuerOrgName: z.string().nullable(),
  /** Frozen at issue when another unit issued it: printed as 原记录单位：…（已注销）. */
  originalUnitName: z.string().nullable(),
  volunteerNo: z.string(),
  /** Shown to the volunteer and to the issuing organization only; null once the account is closed. */
  volunteerName: z.string().nullable(),
  scope: z.enum(CERTIFICATE_SCOPES),
  from: z.string().nullable(),
  to: z.string().nullable(),
  activityIds: z.array(z.uuid()),
  purpose: z.string().nullable(),
  requestedAt: z.string(),
  /** Confirmed records the request covers now (before issue), or the frozen ones (after). */
  recordCount: z.number().int(),
  totalMinutes: z.number().int(),
  totalHours: z.number(),
  issuerName: z.string().nullable(),
  personInCharge: z.string().nullable(),
  handlerName: z.string().nullable(),
  /** The issuer's contact phone frozen at issue, masked here (printed in full on the certificate). */
  issuerPhone: z.string().nullable(),
  /** The public check address (`verifyUrl`, /verify/<number>: printed as the QR code, so it keeps its name) (from PUBLIC_URL), once issued. */
  verifyUrl: z.string().nullable(),
  issuedAt: z.string().nullable(),
  /** The day of issue in China (YYYY-MM-DD). */
  issueDate: z.string().nullable(),
  rejectReason: z.string().nullable(),
  rejectedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const CertificatePage = pageOf(CertificateView);

/** The region administrators' own queue: certificates whose recording unit left no successor or superior. */
export const CertificateRegionQuery = z.strictObject({
  region: RegionCode.optional(),
  status: z.enum(CERTIFICATE_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const CertificateListQuery = z.strictObject({
  status: z.enum(CERTIFICATE_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/**
 * The handler (经办人) printed is always the signed-in administrator who issues: it is not chosen, so a
 * certificate never names someone else (another unit's admin) as having handled it.
 */
export const IssueBody = z.strictObject({
  /**
   * Only when the region administrators issue (no organization left to): the issuing body's name (the
   * region's name + 志愿服务主管部门 by default), its person in charge (required then) and its contact
   * phone. An organization always issues under its registered name, person in charge and contact phone.
   */
  issuerName: text(2, 100).optional(),
  personInCharge: text(1, 50).optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 -]{6,19}$/, 'phone number')
    .optional(),
});
export const CertificateReasonBody = z.strictObject({ reason: multilineText(2, 500) });

/** Where the volunteer may ask: organizations that recorded confirmed service, with their activities. */
export const CertificateSources = z.object({
  items: z.array(
    z.object({
      orgId: z.uuid(),
      orgName: z.string(),
      /** The unit was dissolved: its successor or superior issues (issuedBy), or the region (null). */
      dissolved: z.boolean(),
      issuedBy: z.string().nullable(),
      records: z.number().int(),
      minutes: z.number().int(),
      hours: z.number(),
      firstDate: z.string(),
      lastDate: z.string(),
      activities: z.array(
        z.object({
          activityId: z.uuid(),
          title: z.string(),
          records: z.number().int(),
          minutes: z.number().int(),
          hours: z.number(),
          lastDate: z.string(),
        }),
      ),
    }),
  ),
});

/** Certificate check (证明核验): minimal data, the name masked (张*明). */
export const CertificateCheck = z.object({
  number: z.string(),
  status: z.enum(['issued', 'revoked']),
  /** Issued, not revoked, and its records as they were when it was issued. */
  valid: z.boolean(),
  /** A record was corrected (superseded) or differs from what was certified. */
  changed: z.boolean(),
  issuerName: z.string(),
  /** The dissolved recording unit, when its successor or superior issued the certificate. */
  originalUnitName: z.string().nullable(),
  volunteerName: z.string(),
  recordCount: z.number().int(),
  totalMinutes: z.number().int(),
  totalHours: z.number(),
  issueDate: z.string(),
  /** The day of revocation in China (YYYY-MM-DD). */
  revokedDate: z.string().nullable(),
});

export const SealView = z.object({
  seal: z
    .object({
      mimeType: z.enum(['image/png', 'image/jpeg']),
      contentBase64: z.string(),
      updatedAt: z.string(),
    })
    .nullable(),
});
/** Largest seal image accepted (bytes). */
export const MAX_SEAL_BYTES = 512 * 1024;
export const SealBody = z.strictObject({
  seal: z
    .strictObject({
      mimeType: z.enum(['image/png', 'image/jpeg']),
      contentBase64: base64(8, Math.ceil((MAX_SEAL_BYTES * 4) / 3) + 4),
    })
    .nullable(),
});
