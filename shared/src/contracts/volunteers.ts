import { z } from 'zod';
import { SERVICE_CATEGORIES } from '../categories.ts';
import { DOCUMENT_TYPES } from '../identity/documents.ts';
import { MeView, OtpCode } from './auth.ts';
import { MyMembershipRow } from './memberships.ts';
import { RecordView, Totals } from './records.ts';
import {
  base64,
  DateTime,
  DocNumber,
  IsoDate,
  MobilePhone,
  multilineText,
  pageOf,
  Password,
  RegionCode,
  text,
} from './common.ts';

/** Mainland mobile number (contracts/common.ts). */
export const Phone = MobilePhone;
const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const Name = text(1, 50);
export const Gender = z.enum(['male', 'female']);
export const VERIFICATION_STATUSES = ['unverified', 'pending', 'verified', 'rejected'] as const;

/** A guardian and the record of their consent; required before a minor signs up for anything. */
export const GuardianInput = z.strictObject({
  name: Name,
  /** e.g. 父亲, 母亲, 祖父母, 法定监护人. */
  relation: text(1, 20),
  phone: Phone,
  consentAt: DateTime,
  /** Where the consent is kept: a signed form's reference, a recorded call … */
  evidence: multilineText(1, 500),
  /** The guardian filled in the registration (required for children under 14 who register online). */
  registeredByGuardian: z.boolean().default(false),
});

const PersonFields = {
  phone: Phone,
  name: Name,
  docType: z.enum(DOCUMENT_TYPES),
  docNumber: DocNumber,
  /** Only for documents that do not encode them (18-character numbers do; then they must match). */
  birthDate: IsoDate.optional(),
  gender: Gender.optional(),
  /** Residence region, 12 digits. */
  regionCode: RegionCode,
  privacyNoticeVersion: text(1, 32),
  guardian: GuardianInput.optional(),
};

export const RegisterBody = z.strictObject({
  ...PersonFields,
  password: Password,
  /** Separate consent to processing sensitive personal data (PIPL art. 29). */
  sensitiveConsent: z.literal(true),
  /**
   * The code texted to `phone`. Without it the request only sends the code (202, the same answer whether
   * or not the document is already on record); the same form again with the code registers (200).
   */
  phoneCode: OtpCode.optional(),
});

/** Registration by an organization (or a region admin) with the person's consent on record. */
export const RegisterOnBehalfBody = z.strictObject({
  ...PersonFields,
  /** The registering organization; required when the caller is an organization admin. */
  orgId: z.uuid().optional(),
  consentRecordedAt: DateTime,
  consentEvidence: multilineText(1, 500),
});

/**
 * A qualification as volunteers once typed it on their profile (before qualifications became records with
 * evidence, modules/training). Kept read-only for the volunteer, never edited again (docs/decisions/0069).
 */
export const Qualification = z.strictObject({
  name: text(1, 100),
  issuer: text(1, 100),
  number: text(1, 64).optional(),
  validUntil: IsoDate.optional(),
});

export const AvailabilitySlot = z
  .strictObject({ weekday: z.number().int().min(1).max(7), start: HourMinute, end: HourMinute })
  .refine((s) => s.start < s.end, { message: 'start must be before end' });

export const EmergencyContactInput = z.strictObject({ name: Name, phone: Phone });

export const ProfilePatch = z.strictObject({
  skills: z.array(text(1, 50)).max(30).optional(),
  /**
   * Retired (docs/decisions/0069): qualifications are records with evidence (POST /api/me/training/claims).
   * Accepted by the schema only so that a request still sending it gets the clear refusal
   * QUALIFICATIONS_ARE_RECORDS instead of a generic "unknown field"; nothing is changed.
   */
  qualifications: z.unknown().optional(),
  categories: z.array(z.enum(SERVICE_CATEGORIES)).max(SERVICE_CATEGORIES.length).optional(),
  serviceRegions: z.array(RegionCode).max(20).optional(),
  availability: z.array(AvailabilitySlot).max(50).optional(),
  /** BCP 47 tags: zh, yue, en, zh-HK … */
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language tag'))
    .max(10)
    .optional(),
  emergencyContact: EmergencyContactInput.nullable().optional(),
  guardian: GuardianInput.nullable().optional(),
  /** Corrections of the real-name data: verification starts over. */
  name: Name.optional(),
  docType: z.enum(DOCUMENT_TYPES).optional(),
  docNumber: DocNumber.optional(),
  birthDate: IsoDate.optional(),
  gender: Gender.optional(),
  regionCode: RegionCode.optional(),
});

export const SIGN_UP_BLOCKERS = ['guardian_consent_required', 'real_name_unverified', 'closed'] as const;

export const VolunteerView = z.object({
  id: z.uuid(),
  volunteerNo: z.string(),
  name: z.string(),
  gender: Gender.nullable(),
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  docType: z.enum(DOCUMENT_TYPES).nullable(),
  /** First 6 and last 4 characters at most. */
  docNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  verification: z.object({
    status: z.enum(VERIFICATION_STATUSES),
    method: z.enum(['external', 'manual']).nullable(),
    verifiedAt: z.string().nullable(),
    note: z.string().nullable(),
  }),
  guardian: z
    .object({
      name: z.string(),
      relation: z.string(),
      phoneMasked: z.string().nullable(),
      consentAt: z.string().nullable(),
      registeredByGuardian: z.boolean(),
    })
    .nullable(),
  skills: z.array(z.string()),
  /**
   * 未核验的自述资质: what the volunteer typed before qualifications became records, read-only and only in
   * their own view (empty for staff); the qualifications that count are GET /api/me/training.
   */
  declaredQualifications: z.array(Qualification),
  categories: z.array(z.string()),
  serviceRegions: z.array(z.string()),
  availability: z.array(z.object({ weekday: z.number().int(), start: z.string(), end: z.string() })),
  languages: z.array(z.string()),
  emergencyContact: z.object({ name: z.string(), phoneMasked: z.string() }).nullable(),
  isMinor: z.boolean(),
  /** Whether the volunteer may sign up for activities, and if not, why. */
  canSignUp: z.boolean(),
  signUpBlockers: z.array(z.enum(SIGN_UP_BLOCKERS)),
  hasAccount: z.boolean(),
  registeredByOrg: z.uuid().nullable(),
  status: z.enum(['active', 'closed']),
  createdAt: z.string(),
});
export type VolunteerView = z.infer<typeof VolunteerView>;

export const VolunteerRow = z.object({
  id: z.uuid(),
  volunteerNo: z.string(),
  name: z.string(),
  gender: Gender.nullable(),
  age: z.number().int().nullable(),
  docType: z.enum(DOCUMENT_TYPES).nullable(),
  docNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  verificationStatus: z.enum(VERIFICATION_STATUSES),
  categories: z.array(z.string()),
  createdAt: z.string(),
});
export const VolunteerPage = pageOf(VolunteerRow);

export const VolunteerListQuery = z.strictObject({
  /** A region within the caller's scope; all of the caller's scope when left out. */
  region: RegionCode.optional(),
  /** Name prefix or volunteer number; in POST /api/volunteers/search also an exact phone or document number. */
  q: text(1, 50).optional(),
  verification: z.enum(VERIFICATION_STATUSES).optional(),
  category: z.enum(SERVICE_CATEGORIES).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const VolunteerExportQuery = VolunteerListQuery.omit({ page: true, pageSize: true });

export const QueueQuery = z.strictObject({
  region: RegionCode.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const DocumentMeta = z.object({ id: z.uuid(), mimeType: z.string(), uploadedAt: z.string() });
export const QueueRow = VolunteerRow.extend({ documents: z.array(DocumentMeta) });
export const QueuePage = pageOf(QueueRow);

export const VolunteerParams = z.strictObject({ id: z.uuid() });
export const DocumentParams = z.strictObject({ id: z.uuid(), docId: z.uuid() });

export const RevealBody = z.strictObject({
  field: z.enum(['docNumber', 'phone']),
  /** Why the unmasked value is needed; kept in the audit log. */
  reason: multilineText(5, 200),
});
export const RevealView = z.object({ field: z.enum(['docNumber', 'phone']), value: z.string() });

export const DecisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  note: multilineText(0, 200).default(''),
});

/** Largest decoded upload: 2 MB. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
export const DocumentUploadBody = z.strictObject({
  mimeType: z.enum(['image/png', 'image/jpeg', 'application/pdf']),
  contentBase64: base64(4, Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4 + 4),
});
export const DocumentUploadView = z.object({
  id: z.uuid(),
  verificationStatus: z.enum(VERIFICATION_STATUSES),
});

export const ExportQuery = z.strictObject({ format: z.enum(['json', 'xlsx']).default('json') });
export const CloseBody = z.strictObject({ password: Password });

/** Everything held about the signed-in person, unmasked: it is their own. */
export const VolunteerExport = z.object({
  exportedAt: z.string(),
  user: z
    .object({
      id: z.uuid(),
      username: z.string(),
      displayName: z.string(),
      locale: z.string(),
      createdAt: z.string(),
      mfaEnrolled: z.boolean(),
    })
    .nullable(),
  volunteer: z.record(z.string(), z.unknown()),
  memberships: z.array(
    z.object({
      id: z.uuid(),
      orgId: z.uuid(),
      orgName: z.string(),
      role: z.string(),
      status: z.string(),
      createdAt: z.string(),
      decidedAt: z.string().nullable(),
      leftAt: z.string().nullable(),
    }),
  ),
  verificationDocuments: z.array(DocumentMeta),
  /** The e-mail address and WeChat identity bound for notices, in full (it is the person's own data). */
  notificationAddresses: z.array(
    z.object({ channel: z.enum(['email', 'wechat']), address: z.string(), verifiedAt: z.string() }),
  ),
  /** Sign-ups with their attendance (check-in and check-out times, method, distance from the site). */
  signups: z.array(
    z.object({
      id: z.uuid(),
      activityId: z.uuid(),
      activityTitle: z.string(),
      positionName: z.string(),
      shiftStartsAt: z.string(),
      shiftEndsAt: z.string(),
      status: z.string(),
      cancelKind: z.string().nullable(),
      createdAt: z.string(),
      checkInAt: z.string().nullable(),
      checkInMethod: z.string().nullable(),
      checkInDistanceM: z.number().nullable(),
      checkOutAt: z.string().nullable(),
      checkOutMethod: z.string().nullable(),
    }),
  ),
  notifications: z.array(
    z.object({ kind: z.string(), createdAt: z.string(), readAt: z.string().nullable(), data: z.unknown() }),
  ),
  calendarFeed: z.boolean(),
  sessions: z.object({ total: z.number().int(), active: z.number().int() }),
  audit: z.array(
    z.object({
      occurredAt: z.string(),
      action: z.string(),
      result: z.string(),
      actor: z.string().nullable(),
      objectType: z.string().nullable(),
      objectId: z.string().nullable(),
      details: z.unknown(),
    }),
  ),
});
export type VolunteerExport = z.infer<typeof VolunteerExport>;

/** Self-registration signs the new volunteer in. */
export const RegisteredView = z.object({ me: MeView, volunteer: VolunteerView });

/** A volunteer's service as staff see it next to the profile: teams, hour totals, latest records. */
export const VolunteerService = z.object({
  teams: z.array(MyMembershipRow),
  teamsTotal: z.number().int(),
  totals: Totals,
  recent: z.array(RecordView),
});
