import type { z } from 'zod';
import {
  XLSX_MIME,
  type ImportJobRow,
  type ImportJobView,
  type ImportKind,
  type ImportDecisionResult,
  type ImportStarted,
} from '@yiqi/shared/contracts/imports';
import { api, type Page } from '../../lib/api.ts';
import { downloadFile } from '../../lib/files.ts';

export type ImportJob = z.infer<typeof ImportJobView>;
export type ImportJobSummary = z.infer<typeof ImportJobRow>;
export type { ImportKind };

export const downloadTemplate = (kind: ImportKind) =>
  downloadFile(`/api/imports/templates/${kind}.xlsx`, `${kind}-template.xlsx`);

/** Sends the workbook as the raw body; validation and writing go on in the background. */
export const startImport = (kind: ImportKind, orgId: string, file: Blob, reason?: string) =>
  api<z.infer<typeof ImportStarted>>(`/api/imports/${kind}`, {
    method: 'POST',
    // Hours imports carry the batch's reason.
    query: kind === 'records' ? { orgId, reason: reason ?? '' } : { orgId },
    raw: { data: file, type: XLSX_MIME },
  });

export const getImport = (id: string, signal?: AbortSignal) =>
  api<ImportJob>(`/api/imports/${encodeURIComponent(id)}`, { signal });

export const listImports = (orgId: string, page: number, pageSize: number, signal?: AbortSignal) =>
  api<Page<ImportJobSummary>>('/api/imports', { query: { orgId, page, pageSize }, signal });

export const downloadErrors = (id: string) =>
  downloadFile(`/api/imports/${encodeURIComponent(id)}/errors.xlsx`, 'import-errors.xlsx');

/** A second person approves or rejects every pending record of an hours import. */
export const decideImport = (id: string, decision: 'approve' | 'reject', reason?: string) =>
  api<z.infer<typeof ImportDecisionResult>>(`/api/imports/${encodeURIComponent(id)}/decision`, {
    method: 'POST',
    body: reason ? { decision, reason } : { decision },
  });
