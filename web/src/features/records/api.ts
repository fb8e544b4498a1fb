import type { z } from 'zod';
import type {
  BackfillBody,
  BulkResult as BulkResultSchema,
  ConfirmBody,
  ExplainStep as ExplainStepSchema,
  MyRecords as MyRecordsSchema,
  RecordCreated as RecordCreatedSchema,
  RecordStatus,
  RecordView as RecordViewSchema,
} from '@yiqi/shared/contracts/records';
import { api, type Page } from '../../lib/api.ts';

export type { RecordStatus };
export type RecordView = z.infer<typeof RecordViewSchema>;
export type ExplainStep = z.infer<typeof ExplainStepSchema>;
export type BulkResult = z.infer<typeof BulkResultSchema>;
export type MyRecords = z.infer<typeof MyRecordsSchema>;
export type RecordCreated = z.infer<typeof RecordCreatedSchema>;
export type ConfirmItem = z.input<typeof ConfirmBody>['items'][number];
export type BackfillInput = z.input<typeof BackfillBody>;
export type Evidence = BackfillInput['evidence'][number];

const enc = encodeURIComponent;

export interface RecordQuery {
  status?: RecordStatus | undefined;
  overdue?: boolean | undefined;
  page: number;
  pageSize: number;
}

/** Query keys: an activity's records sit under ['activities-console', id] so its other pages refresh with them. */
export const recordKeys = {
  activity: (id: string) => ['activities-console', id, 'records'] as const,
  org: (orgId: string) => ['records', 'org', orgId] as const,
  mine: ['records', 'me'] as const,
};

const toQuery = (q: RecordQuery) => ({
  status: q.status,
  overdue: q.overdue ? 'true' : undefined,
  page: q.page,
  pageSize: q.pageSize,
});

/** An activity's records (the server first drafts the records of shifts that have ended). */
export const listActivityRecords = (id: string, q: RecordQuery, signal?: AbortSignal) =>
  api<Page<RecordView>>(`/api/activities/${enc(id)}/records`, { query: toQuery(q), signal });

export const confirmRecords = (id: string, items: ConfirmItem[]) =>
  api<BulkResult>(`/api/activities/${enc(id)}/records/confirm`, { method: 'POST', body: { items } });

export const listOrgRecords = (orgId: string, q: RecordQuery, signal?: AbortSignal) =>
  api<Page<RecordView>>(`/api/organizations/${enc(orgId)}/records`, { query: toQuery(q), signal });

export const backfillRecord = (orgId: string, body: BackfillInput) =>
  api<RecordCreated>(`/api/organizations/${enc(orgId)}/records/backfill`, { method: 'POST', body });

/** Approve or reject a pending back-fill or correction (the server refuses one's own entry). */
export const decideRecord = (id: string, decision: 'approve' | 'reject', reason?: string) =>
  api<RecordCreated>(`/api/records/${enc(id)}/decision`, {
    method: 'POST',
    body: reason === undefined ? { decision } : { decision, reason },
  });

export const getMyRecords = (page: number, pageSize: number, signal?: AbortSignal) =>
  api<MyRecords>('/api/me/records', { query: { page, pageSize }, signal });

export const requestCorrection = (id: string, minutes: number, reason: string) =>
  api<RecordCreated>(`/api/me/records/${enc(id)}/correction`, { method: 'POST', body: { minutes, reason } });
