import type { z } from 'zod';
import type {
  CaseCreated as CreatedSchema,
  CivicCase as CaseSchema,
  CivicCategory,
  CivicFigures as FiguresSchema,
  CivicRoute as RouteSchema,
  MyPoints as PointsSchema,
  ReportBody,
} from '@yiqi/shared/contracts/civic';
import { api, type Page } from '../../lib/api.ts';

export type CivicCase = z.infer<typeof CaseSchema>;
export type CaseCreated = z.infer<typeof CreatedSchema>;
export type MyPoints = z.infer<typeof PointsSchema>;
export type ReportInput = z.input<typeof ReportBody>;
export type { CivicCategory };

export const CIVIC_KEY = ['civic'];

export const fileReport = (body: ReportInput) =>
  api<CaseCreated>('/api/me/civic/reports', { method: 'POST', body });
export const myReports = (page: number, pageSize: number, signal?: AbortSignal) =>
  api<Page<CivicCase>>('/api/me/civic/reports', { query: { page, pageSize }, ...(signal ? { signal } : {}) });
export const myPoints = () => api<MyPoints>('/api/me/civic/points');
export const rateMyReport = (id: string, rating: number, comment: string) =>
  api<CivicCase>(`/api/me/civic/reports/${id}/rating`, { method: 'POST', body: { rating, comment } });
export const myPhotoUrl = (c: CivicCase, photoId: string) =>
  `/api/me/civic/reports/${c.id}/photos/${photoId}`;

export const caseInbox = (
  q: { status?: string | undefined; overdue?: string | undefined; page: number; pageSize: number },
  signal?: AbortSignal,
) => api<Page<CivicCase>>('/api/civic/cases', { query: q, ...(signal ? { signal } : {}) });
export const handleCase = (id: string, note: string, proof: string[]) =>
  api<CivicCase>(`/api/civic/cases/${id}/handling`, {
    method: 'POST',
    body: { note, proof: proof.map((data) => ({ data })) },
  });
export const reviewCase = (id: string, rating: number, comment: string) =>
  api<CivicCase>(`/api/civic/cases/${id}/review`, { method: 'POST', body: { rating, comment } });
export const casePhotoUrl = (c: CivicCase, photoId: string) => `/api/civic/cases/${c.id}/photos/${photoId}`;

export type CivicRoute = z.infer<typeof RouteSchema>;
export type CivicFigures = z.infer<typeof FiguresSchema>;
export const civicRoutes = (region: string, signal?: AbortSignal) =>
  api<{ items: CivicRoute[] }>('/api/civic/routes', { query: { region }, ...(signal ? { signal } : {}) });
export const setCivicRoute = (body: {
  region: string;
  category: CivicCategory | 'any';
  unitId: string;
  deadlineDays: number;
}) => api<{ id: string }>('/api/civic/routes', { method: 'POST', body });
export const civicFigures = (q: { region: string; from: string; to: string }, signal?: AbortSignal) =>
  api<CivicFigures>('/api/civic/figures', { query: q, ...(signal ? { signal } : {}) });
