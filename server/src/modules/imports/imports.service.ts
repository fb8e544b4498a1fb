import { createHash } from 'node:crypto';
import { LOCALES, type Locale, type Text } from '@yiqi/shared/i18n';
import type { ImportKind } from '@yiqi/shared/contracts/imports';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertActiveOrg } from '../organizations/org-status.ts';
import { batchCounts, decideBatch as decideRecordBatch } from '../records/record-imports.service.ts';
import { workbook } from '../volunteers/xlsx.ts';
import { COLUMNS } from './imports.columns.ts';
import { declaredInflatedSize, looksLikeXlsx, MAX_INFLATED_BYTES } from './imports.reader.ts';
import * as repo from './imports.repository.ts';
import { failInterrupted as failRunningJobs, runJob } from './imports.runner.ts';
import type { ImportJobs } from './imports.jobs.ts';
import { template } from './imports.templates.ts';
import { withTransaction } from '../../core/tx.ts';
import { iso } from '../../core/dates.ts';
import { isUniqueViolation } from '../../core/pg-errors.ts';

/** How many errors the job view carries; the rest are in the errors.xlsx download. */
const VIEW_ERRORS = 100;

/**
 * Accepts an uploaded file for an approved organization: records the job (and its audit row), answers at
 * once, and validates and commits in the background. One import per organization at a time.
 */
export async function startImport(
  ctx: Ctx,
  jobs: ImportJobs,
  kind: ImportKind,
  orgId: string,
  file: unknown,
  reason: string | null = null,
): Promise<{ jobId: string }> {
  if (!Buffer.isBuffer(file) || !looksLikeXlsx(file)) throw new DomainError('IMPORT_FILE_UNREADABLE');
  const inflated = declaredInflatedSize(file);
  if (inflated === null) throw new DomainError('IMPORT_FILE_UNREADABLE');
  if (inflated > MAX_INFLATED_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE');
  const org = await repo.findOrganization(ctx.db, orgId);
  if (!org) throw new DomainError('NOT_FOUND');
  assertActiveOrg(org.status);
  if (jobs.full) throw new DomainError('IMPORT_BUSY');
  const sha256 = createHash('sha256').update(file).digest('hex');
  let jobId: string;
  try {
    jobId = await withTransaction(ctx, async (tx) => {
      const job = await repo.insertJob(tx.db, {
        kind,
        orgId,
        sha256,
        createdBy: actorOf(ctx).userId,
        locale: ctx.locale,
        at: ctx.clock(),
        reason,
      });
      await recordAudit(tx, {
        action: 'import.upload',
        result: 'ok',
        objectType: 'import_job',
        objectId: job.id,
        regionCode: org.region_code,
        details: { kind, orgId, sha256, bytes: file.length, ...(reason ? { reason } : {}) },
      });
      return job.id;
    });
  } catch (e) {
    // The one-running-import-per-organization index.
    if (isUniqueViolation(e)) throw new DomainError('IMPORT_BUSY');
    throw e;
  }
  const info = { id: jobId, kind, orgId, locale: ctx.locale, regionCode: org.region_code, sha256, reason };
  jobs.start((signal) => runJob(ctx, info, file, signal));
  return { jobId };
}

/** The template for one kind of import, sheet names and header script in the caller's language. */
export function templateFile(ctx: Ctx, kind: ImportKind): Promise<Buffer> {
  return template(kind, ctx.locale);
}

/** At start: jobs a stopped process left running are marked failed (they wrote nothing). */
export function failInterrupted(ctx: Ctx): Promise<number> {
  return failRunningJobs(ctx);
}

type Counts = Awaited<ReturnType<typeof batchCounts>>;

function jobRow(ctx: Ctx, j: repo.JobRow, counts: Counts) {
  return {
    id: j.id,
    kind: j.kind,
    orgId: j.org_id,
    status: j.status,
    totalRows: j.total_rows,
    processed: j.processed,
    created: j.created,
    skipped: j.skipped,
    errorCount: j.error_count,
    headerRow: j.header_row,
    createdBy: j.created_by_name,
    createdByMe: j.created_by === ctx.actor?.userId,
    startedAt: iso(j.created_at)!,
    finishedAt: iso(j.finished_at),
    reason: j.reason,
    records: j.kind === 'records' ? (counts.get(j.id) ?? { pending: 0, confirmed: 0, rejected: 0 }) : null,
  };
}

/** Where the entries of the hours imports among these jobs stand. */
function countsOf(ctx: Ctx, jobs: repo.JobRow[]) {
  return batchCounts(
    ctx,
    jobs.filter((j) => j.kind === 'records').map((j) => j.id),
  );
}

export async function getJob(ctx: Ctx, id: string) {
  const job = await repo.findJob(ctx.db, id);
  if (!job) throw new DomainError('NOT_FOUND');
  return {
    ...jobRow(ctx, job, await countsOf(ctx, [job])),
    errors: await repo.findJobErrorsHead(ctx.db, id, VIEW_ERRORS),
  };
}

export async function listJobs(ctx: Ctx, orgId: string, page: number, pageSize: number) {
  const { rows, total } = await repo.listJobs(ctx.db, orgId, page, pageSize);
  const counts = await countsOf(ctx, rows);
  return { items: rows.map((j) => jobRow(ctx, j, counts)), total, page, pageSize };
}

const ERROR_SHEET: Text = { 'zh-CN': '错误清单', 'zh-HK': '錯誤清單', en: 'Errors' };
const ERROR_HEADERS: Record<string, Text> = {
  row: { 'zh-CN': '行号', 'zh-HK': '列號', en: 'Row' },
  column: { 'zh-CN': '列', 'zh-HK': '欄', en: 'Column' },
  message: { 'zh-CN': '问题', 'zh-HK': '問題', en: 'Problem' },
};

/**
 * The job's errors as a workbook: row, column (as the template names it) and what is wrong, all in the
 * uploader's language (the language the messages were written in), never the internal error codes.
 */
export async function errorsWorkbook(ctx: Ctx, id: string): Promise<Buffer> {
  const job = await repo.findJob(ctx.db, id);
  if (!job) throw new DomainError('NOT_FOUND');
  const locale = (LOCALES as readonly string[]).includes(job.locale) ? (job.locale as Locale) : ctx.locale;
  const columns = COLUMNS[job.kind];
  const label = (key: string | null) => {
    const c = key ? columns.find((x) => x.key === key) : undefined;
    return c ? `${c.header[locale]} (${c.key})` : (key ?? '');
  };
  const errors = await repo.findJobErrors(ctx.db, id);
  return workbook([
    {
      name: ERROR_SHEET[locale],
      columns: [
        { key: 'row', header: ERROR_HEADERS.row![locale], width: 8 },
        { key: 'column', header: ERROR_HEADERS.column![locale], width: 24 },
        { key: 'message', header: ERROR_HEADERS.message![locale], width: 80 },
      ],
      rows: errors.map((e) => ({ row: e.row || '', column: label(e.column), message: e.message })),
    },
  ]);
}

/** Approves or rejects every pending record of an hours import: the records module decides the batch. */
export function decideBatch(
  ctx: Ctx,
  jobId: string,
  decision: 'approve' | 'reject',
  reason: string | undefined,
) {
  return decideRecordBatch(ctx, jobId, decision, reason);
}
