import { api, type Page } from '../../lib/api.ts';

export type AuditResult = 'ok' | 'denied' | 'failed';

export interface AuditRow {
  id: number;
  occurredAt: string;
  actor: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: AuditResult;
  requestId: string | null;
  sourceIp: string | null;
  regionCode: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  result?: AuditResult | undefined;
  /** ISO datetimes (UTC). */
  from?: string | undefined;
  to?: string | undefined;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
}

export const listAudit = (filter: AuditFilter, page: number, pageSize: number, signal?: AbortSignal) =>
  api<Page<AuditRow>>('/api/audit', { query: { ...filter, page, pageSize }, signal });

export const verifyAudit = () => api<ChainCheck>('/api/audit/verify', { method: 'POST' });
