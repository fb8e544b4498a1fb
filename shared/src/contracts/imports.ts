import { z } from 'zod';
import type { Text } from '../i18n.ts';
import { multilineText, pageOf, text } from './common.ts';
import { RegisterOnBehalfBody } from './volunteers.ts';

/**
 * Bulk imports from Excel: volunteers registered on their behalf, members of a team, and service hours
 * from an organization's own sheet (pending entries a second person approves as a batch).
 */

export const IMPORT_KINDS = ['volunteers', 'members', 'records'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** validating → invalid (nothing written) | committing → done | failed (nothing written). */
export const IMPORT_STATUSES = ['validating', 'invalid', 'committing', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_STATUS_NAMES: Record<ImportStatus, Text> = {
  validating: { 'zh-CN': '校验中', 'zh-HK': '校驗中', en: 'Validating' },
  invalid: { 'zh-CN': '有错误，未导入', 'zh-HK': '有錯誤，未匯入', en: 'Errors found, nothing imported' },
  committing: { 'zh-CN': '写入中', 'zh-HK': '寫入中', en: 'Writing' },
  done: { 'zh-CN': '已完成', 'zh-HK': '已完成', en: 'Done' },
  failed: { 'zh-CN': '失败，未导入', 'zh-HK': '失敗，未匯入', en: 'Failed, nothing imported' },
};

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The largest upload, and the most data rows one file may hold. */
export const MAX_IMPORT_BYTES = 40 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;

export const ImportUploadQuery = z.strictObject({ orgId: z.uuid() });
/** Hours come with the batch's reason (why the service was not recorded in Yiqi), kept on every entry. */
export const RecordImportQuery = z.strictObject({
  orgId: z.uuid(),
  reason: multilineText(2, 500),
});
export const ImportListQuery = z.strictObject({
  orgId: z.uuid(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const ImportParams = z.strictObject({ id: z.uuid() });
export const ImportStarted = z.object({ jobId: z.uuid() });

/** One problem in the file: the sheet row (as Excel numbers it), the column key, and why. */
export const ImportRowError = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  /** In the uploader's language. */
  message: z.string(),
});
export type ImportRowErrorT = z.infer<typeof ImportRowError>;

const JobFields = {
  id: z.uuid(),
  kind: z.enum(IMPORT_KINDS),
  orgId: z.uuid().nullable(),
  status: z.enum(IMPORT_STATUSES),
  /** Data rows in the file; known once validation has read it all (0 until then). */
  totalRows: z.number().int(),
  /** Rows validated so far. */
  processed: z.number().int(),
  created: z.number().int(),
  /**
   * Volunteer imports: people already registered, not registered again (an active one still joins the
   * team). Member imports: people already open members of the team, left as they are.
   */
  skipped: z.number().int(),
  errorCount: z.number().int(),
  /** The sheet row read as the header (a title or date line may stand above it); null until found. */
  headerRow: z.number().int().nullable(),
  createdBy: z.string().nullable(),
  /** The caller uploaded it (and so may not approve its hours). */
  createdByMe: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Hours imports: the batch's reason, and where its entries stand (null for other kinds). */
  reason: z.string().nullable(),
  records: z
    .object({ pending: z.number().int(), confirmed: z.number().int(), rejected: z.number().int() })
    .nullable(),
};
export const ImportJobRow = z.object(JobFields);
export const ImportJobView = z.object({
  ...JobFields,
  /** The first errors (the full list is the errors.xlsx download). */
  errors: z.array(ImportRowError),
});
export const ImportJobPage = pageOf(ImportJobRow);

/**
 * One volunteer row, after cell values are read: the rules of registration on someone's behalf, without
 * the organization (the import's) and the guardian block (minors under 14 cannot be imported).
 */
export const ImportVolunteerRow = RegisterOnBehalfBody.omit({
  orgId: true,
  guardian: true,
  privacyNoticeVersion: true,
}).extend({ privacyNoticeVersion: text(1, 32).optional() });

/** A second person's decision on every pending entry of an hours import; a rejection needs a reason. */
export const ImportDecisionBody = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    reason: multilineText(2, 500).optional(),
  })
  .refine((b) => b.decision === 'approve' || b.reason !== undefined, {
    message: 'a rejection needs a reason',
    path: ['reason'],
  });
/**
 * What the decision did: entries confirmed or rejected, and those left pending because confirming them
 * would put the volunteer over 24 hours on that day (decide them one by one on the records page).
 */
export const ImportDecisionResult = z.object({
  confirmed: z.number().int(),
  rejected: z.number().int(),
  leftPending: z.number().int(),
});
