import { z } from 'zod';
import { base64, IsoDate, multilineText, RegionCode, text, Uuid } from './common.ts';

/**
 * Training and qualifications (issue 16). Courses are published by an organization or a level body
 * (a region): online (material and a short multiple-choice quiz, graded by the server) or offline (an
 * activity whose checked-in attendance counts). A completion is a training record; a course may grant a
 * qualification, which expires after its type's validity. Qualifications held before are claimed with an
 * uploaded certificate an admin reviews. A position may require a qualification type.
 */

/** A qualification expiring within this many days is shown as "expiring" (time to renew). */
export const EXPIRING_DAYS = 30;
/** At most 6 MB a certificate photo (phones' photos are 2–6 MB; the web form shrinks them). */
export const CLAIM_MAX_PHOTO_BYTES = 6 * 1024 * 1024;
export const CLAIM_MAX_PHOTO_BASE64 = Math.ceil((CLAIM_MAX_PHOTO_BYTES * 4) / 3) + 4;

export const QualificationCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a qualification type code');

export const QualificationType = z.object({
  code: z.string(),
  names: z.object({ 'zh-CN': z.string(), 'zh-HK': z.string(), en: z.string() }),
  validityMonths: z.number().int().nullable(),
});
export type QualificationType = z.infer<typeof QualificationType>;
export const QualificationTypeList = z.object({ items: z.array(QualificationType) });

export const QuizQuestion = z.strictObject({
  text: text(2, 200),
  options: z.array(text(1, 100)).min(2).max(6),
  answer: z.number().int().min(0).max(5),
});

export const CourseBody = z.strictObject({
  /** The owning organization, or else the level body's region. */
  orgId: Uuid.optional(),
  regionCode: RegionCode.optional(),
  title: text(2, 80),
  description: multilineText(0, 2000).default(''),
  mode: z.enum(['online', 'offline']),
  material: multilineText(0, 20000).default(''),
  materialUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .default(null),
  quiz: z.array(QuizQuestion).max(20).default([]),
  passMark: z.number().int().min(0).max(20).default(0),
  activityId: Uuid.nullable().default(null),
  qualificationCode: QualificationCode.nullable().default(null),
  published: z.boolean().default(false),
});
export type CourseBody = z.infer<typeof CourseBody>;

export const CourseParams = z.strictObject({ id: Uuid });
export const CourseListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const CourseCore = {
  id: z.string(),
  title: z.string(),
  description: z.string(),
  mode: z.enum(['online', 'offline']),
  ownerName: z.string(),
  qualificationCode: z.string().nullable(),
  activityId: z.string().nullable(),
  status: z.enum(['draft', 'published']),
  questions: z.number().int(),
  passMark: z.number().int(),
};
export const CourseSummary = z.object(CourseCore);
export const CoursePage = z.object({
  items: z.array(CourseSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** What a volunteer sees: the quiz without its answers, and their own state. */
export const CourseDetail = z.object({
  ...CourseCore,
  material: z.string(),
  materialUrl: z.string().nullable(),
  quiz: z.array(z.object({ text: z.string(), options: z.array(z.string()) })),
  /** Completed, and not open to a renewal now. */
  completed: z.boolean(),
  /** Completed before; the qualification it granted expires within 30 days or has: completing again renews it. */
  renewal: z.boolean(),
  attempts: z.number().int(),
});

/** What its admins edit: the quiz with its answers. */
export const CourseManage = z.object({
  ...CourseCore,
  orgId: z.string().nullable(),
  regionCode: z.string().nullable(),
  material: z.string(),
  materialUrl: z.string().nullable(),
  quiz: z.array(z.object({ text: z.string(), options: z.array(z.string()), answer: z.number().int() })),
  completions: z.number().int(),
});
export const CourseSaved = z.object({ id: z.string() });

export const AttemptBody = z.strictObject({ answers: z.array(z.number().int().min(0).max(5)).max(20) });
export const AttemptResult = z.object({
  passed: z.boolean(),
  correct: z.number().int(),
  total: z.number().int(),
  passMark: z.number().int(),
  trainingRecordId: z.string().nullable(),
  qualificationId: z.string().nullable(),
});

export const CompletionsBody = z.strictObject({
  /** Only these volunteers (default: every attendee not yet recorded). */
  volunteerIds: z.array(Uuid).max(500).optional(),
});
export const Attendee = z.object({
  volunteerId: z.string(),
  name: z.string(),
  checkedInAt: z.string(),
  completed: z.boolean(),
});
export const CompletionList = z.object({
  records: z.array(
    z.object({
      id: z.string(),
      volunteerId: z.string(),
      name: z.string(),
      method: z.string(),
      at: z.string(),
    }),
  ),
  attendees: z.array(Attendee),
});
export const CompletionsResult = z.object({
  recorded: z.number().int(),
  granted: z.number().int(),
  skipped: z.array(z.object({ volunteerId: z.string(), code: z.string() })),
});

export const QUALIFICATION_STATES = ['valid', 'expiring', 'expired', 'revoked'] as const;
export const MyQualification = z.object({
  id: z.string(),
  code: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string().nullable(),
  state: z.enum(QUALIFICATION_STATES),
  evidence: z.enum(['training', 'certificate']),
  revokedReason: z.string().nullable(),
});
/** A volunteer's qualification records as the region admins over their residence see them (console). */
export const VolunteerQualificationsParams = z.strictObject({ id: z.uuid() });
export const VolunteerQualifications = z.object({ items: z.array(MyQualification) });
export const MyTraining = z.object({
  records: z.array(
    z.object({ id: z.string(), courseId: z.string(), title: z.string(), method: z.string(), at: z.string() }),
  ),
  qualifications: z.array(MyQualification),
  claims: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      status: z.string(),
      note: z.string().nullable(),
      at: z.string(),
    }),
  ),
});

export const ClaimBody = z.strictObject({
  code: QualificationCode,
  issuer: text(2, 80),
  certificateNo: text(2, 60),
  issuedOn: IsoDate,
  expiresOn: IsoDate.nullable().default(null),
  photo: z.strictObject({ data: base64(4, CLAIM_MAX_PHOTO_BASE64) }),
});
export const ClaimParams = z.strictObject({ id: Uuid });
export const ClaimListQuery = z.strictObject({ region: RegionCode.optional() });
export const ClaimQueue = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      volunteerId: z.string(),
      name: z.string(),
      code: z.string(),
      issuer: z.string(),
      certificateNo: z.string(),
      issuedOn: z.string(),
      expiresOn: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export const ReviewBody = z.strictObject({
  approve: z.boolean(),
  note: text(0, 200).default(''),
});
export const RevokeBody = z.strictObject({ reason: text(2, 500) });
export const QualificationParams = z.strictObject({ id: Uuid });

export const CoverageQuery = z.strictObject({ region: RegionCode.optional(), orgId: Uuid.optional() });
export const Coverage = z.object({
  scope: z.object({ type: z.enum(['region', 'organization']), id: z.string(), name: z.string() }),
  /** Volunteers holding a valid qualification of each type, in the scope. */
  totals: z.array(z.object({ code: z.string(), holders: z.number().int() })),
  /** By child region (a region scope) or none (an organization scope). */
  byRegion: z.array(
    z.object({ code: z.string(), name: z.string(), counts: z.record(z.string(), z.number().int()) }),
  ),
  /** By organization: its active members holding each type. */
  byOrganization: z.array(
    z.object({ id: z.string(), name: z.string(), counts: z.record(z.string(), z.number().int()) }),
  ),
});
