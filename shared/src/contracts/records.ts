import { z } from 'zod';
import type { Text } from '../i18n.ts';
import { DAY_MINUTES, ROUNDING_RULES } from '../records/hours.ts';
import { base64, IsoDate, multilineText, pageOf, text } from './common.ts';

export const RECORD_KINDS = ['attendance', 'backfill', 'import', 'correction'] as const;
export const RECORD_STATUSES = ['draft', 'pending', 'confirmed', 'rejected', 'superseded'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** Records are due this many working days after the activity ends (记录办法). */
export const RECORD_DUE_WORKING_DAYS = 10;
/** Star levels reached by cumulative hours (certification itself is a separate workflow). */
export const STAR_HOURS = [100, 300, 600, 1000, 1500] as const;

export const RECORD_STATUS_NAMES: Record<RecordStatus, Text> = {
  draft: { 'zh-CN': '待确认', 'zh-HK': '待確認', en: 'To confirm' },
  pending: { 'zh-CN': '待审核', 'zh-HK': '待審核', en: 'Awaiting approval' },
  confirmed: { 'zh-CN': '已确认', 'zh-HK': '已確認', en: 'Confirmed' },
  rejected: { 'zh-CN': '已驳回', 'zh-HK': '已駁回', en: 'Rejected' },
  superseded: { 'zh-CN': '已更正', 'zh-HK': '已更正', en: 'Corrected' },
};

export const RECORD_KIND_NAMES: Record<(typeof RECORD_KINDS)[number], Text> = {
  attendance: { 'zh-CN': '签到记录', 'zh-HK': '簽到記錄', en: 'From attendance' },
  backfill: { 'zh-CN': '补录', 'zh-HK': '補錄', en: 'Back-filled' },
  import: { 'zh-CN': '导入', 'zh-HK': '導入', en: 'Imported' },
  correction: { 'zh-CN': '更正', 'zh-HK': '更正', en: 'Correction' },
};

export const ROUNDING_RULE_NAMES: Record<(typeof ROUNDING_RULES)[number], Text> = {
  exact: { 'zh-CN': '按实际分钟', 'zh-HK': '按實際分鐘', en: 'Exact minutes' },
  quarter_down: {
    'zh-CN': '按 15 分钟向下取整',
    'zh-HK': '按 15 分鐘向下取整',
    en: 'Down to the quarter hour',
  },
  half_down: { 'zh-CN': '按半小时向下取整', 'zh-HK': '按半小時向下取整', en: 'Down to the half hour' },
  nearest_quarter: {
    'zh-CN': '按 15 分钟四舍五入',
    'zh-HK': '按 15 分鐘四捨五入',
    en: 'Nearest quarter hour',
  },
  nearest_half: { 'zh-CN': '按半小时四舍五入', 'zh-HK': '按半小時四捨五入', en: 'Nearest half hour' },
  rule_15_45: {
    'zh-CN': '不足 15 分钟不计，15–44 分钟计半小时，45 分钟以上计 1 小时',
    'zh-HK': '不足 15 分鐘不計，15–44 分鐘計半小時，45 分鐘以上計 1 小時',
    en: 'Under 15 min: none; 15–44 min: half an hour; 45+ min: an hour',
  },
};

const Reason = multilineText(2, 500);

export const RecordParams = z.strictObject({ id: z.uuid() });
export const ActivityRecordParams = z.strictObject({ id: z.uuid() });

export const ExplainStep = z.object({
  step: z.enum(['served', 'breaks', 'shift_cap', 'day_cap', 'rounded']),
  minutes: z.number().int(),
  from: z.string().optional(),
  to: z.string().optional(),
  rule: z.enum(ROUNDING_RULES).optional(),
});

export const RecordView = z.object({
  id: z.uuid(),
  kind: z.enum(RECORD_KINDS),
  status: z.enum(RECORD_STATUSES),
  volunteerId: z.uuid(),
  volunteerNo: z.string(),
  /** The organizer sees the name of those who served; public views never list records. */
  volunteerName: z.string().nullable(),
  orgId: z.uuid(),
  orgName: z.string(),
  activityId: z.uuid().nullable(),
  activityTitle: z.string(),
  serviceDate: z.string(),
  place: z.string(),
  content: z.string(),
  positionName: z.string().nullable(),
  personInCharge: z.string(),
  checkInAt: z.string().nullable(),
  checkOutAt: z.string().nullable(),
  breakMinutes: z.number().int(),
  hoursRule: z.enum(ROUNDING_RULES),
  computedMinutes: z.number().int().nullable(),
  minutes: z.number().int(),
  hours: z.number(),
  explain: z.array(ExplainStep),
  adjustReason: z.string().nullable(),
  reason: z.string().nullable(),
  correctsId: z.uuid().nullable(),
  supersededBy: z.uuid().nullable(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
});
export const RecordPage = pageOf(RecordView);

export const RecordListQuery = z.strictObject({
  status: z.enum(RECORD_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** Confirm drafts as they are, or with adjusted minutes (a reason is then required). */
export const ConfirmBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        id: z.uuid(),
        minutes: z.number().int().min(0).max(DAY_MINUTES).optional(),
        adjustReason: Reason.optional(),
      }),
    )
    .min(1)
    .max(500),
});
export const BulkResult = z.object({
  done: z.number().int(),
  skipped: z.array(z.object({ id: z.uuid(), code: z.string() })),
});

/** Evidence of a back-fill: at most five files of 3 MB each (base64 is 4/3 of the file). */
export const MAX_EVIDENCE_FILES = 5;
export const MAX_EVIDENCE_BASE64 = 4_000_000;

/** Back-fill (补录) of past service without check-ins, with evidence; a second person approves it. */
export const BackfillBody = z.strictObject({
  volunteerNo: text(1, 32),
  activityId: z.uuid().optional(),
  activityTitle: text(1, 100),
  serviceDate: IsoDate,
  place: text(1, 200),
  content: multilineText(1, 1000),
  personInCharge: text(1, 100),
  minutes: z.number().int().min(1).max(DAY_MINUTES),
  reason: Reason,
  evidence: z
    .array(
      z.strictObject({
        name: text(1, 100),
        mimeType: z.enum(['image/png', 'image/jpeg', 'application/pdf']),
        contentBase64: base64(4, MAX_EVIDENCE_BASE64),
      }),
    )
    .min(1)
    .max(MAX_EVIDENCE_FILES),
});
export const RecordCreated = z.object({ id: z.uuid(), status: z.enum(RECORD_STATUSES) });
export const DecideBody = z
  .strictObject({ decision: z.enum(['approve', 'reject']), reason: Reason.optional() })
  .refine((b) => b.decision === 'approve' || b.reason !== undefined, {
    message: 'a rejection needs a reason',
    path: ['reason'],
  });

/** A volunteer asks for a correction of one of their confirmed records (errors or omissions). */
export const CorrectionBody = z.strictObject({
  minutes: z.number().int().min(0).max(DAY_MINUTES),
  reason: Reason,
});

export const Totals = z.object({
  minutes: z.number().int(),
  hours: z.number(),
  yearMinutes: z.number().int(),
  yearHours: z.number(),
  records: z.number().int(),
  activities: z.number().int(),
  /** Stars reached by hours (0–5) and the hours needed for the next one. */
  starsByHours: z.number().int(),
  nextStarHours: z.number().nullable(),
});
export const MyRecords = z.object({ totals: Totals, items: z.array(RecordView), total: z.number().int() });
export const MyRecordsQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

// ---- Training, award and evaluation records ----

export const GRANT_TYPES = ['organization', 'government', 'other_verified'] as const;
export const QUALITY_RATINGS = ['excellent', 'good', 'fair', 'poor'] as const;

export const GRANT_TYPE_NAMES: Record<(typeof GRANT_TYPES)[number], Text> = {
  organization: { 'zh-CN': '本组织授予', 'zh-HK': '本組織授予', en: 'Granted by the organization' },
  government: { 'zh-CN': '政府授予', 'zh-HK': '政府授予', en: 'Granted by a government' },
  other_verified: {
    'zh-CN': '其他单位授予（经本组织核实）',
    'zh-HK': '其他單位授予（經本組織核實）',
    en: 'Granted by another body, verified',
  },
};
export const QUALITY_NAMES: Record<(typeof QUALITY_RATINGS)[number], Text> = {
  excellent: { 'zh-CN': '优秀', 'zh-HK': '優秀', en: 'Excellent' },
  good: { 'zh-CN': '良好', 'zh-HK': '良好', en: 'Good' },
  fair: { 'zh-CN': '合格', 'zh-HK': '合格', en: 'Satisfactory' },
  poor: { 'zh-CN': '待改进', 'zh-HK': '待改進', en: 'Needs improvement' },
};

const VolunteerNo = text(1, 32);
const Short = text(1, 100);

export const TrainingBody = z.strictObject({
  volunteerNo: VolunteerNo,
  name: Short,
  content: multilineText(1, 1000),
  minutes: z.number().int().min(1).max(100000),
  host: Short,
  date: IsoDate,
});
export const AwardBody = z.strictObject({
  volunteerNo: VolunteerNo,
  name: Short,
  date: IsoDate,
  grantor: Short,
  grantType: z.enum(GRANT_TYPES),
});
export const EvaluationBody = z.strictObject({
  volunteerNo: VolunteerNo,
  activityId: z.uuid().optional(),
  quality: z.enum(QUALITY_RATINGS),
  stars: z.number().int().min(1).max(5).optional(),
  date: IsoDate,
  comment: multilineText(0, 500).optional(),
});
export const Created = z.object({ id: z.uuid() });

export const PersonRecords = z.object({
  trainings: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      content: z.string(),
      hours: z.number(),
      host: z.string(),
      date: z.string(),
      orgName: z.string(),
    }),
  ),
  awards: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      date: z.string(),
      grantor: z.string(),
      grantType: z.enum(GRANT_TYPES),
      orgName: z.string(),
    }),
  ),
  evaluations: z.array(
    z.object({
      id: z.uuid(),
      quality: z.enum(QUALITY_RATINGS),
      stars: z.number().int().nullable(),
      date: z.string(),
      comment: z.string().nullable(),
      activityTitle: z.string().nullable(),
      orgName: z.string(),
    }),
  ),
});
