import type { z } from 'zod';
import type {
  QueueRow as QueueRowSchema,
  RevealView,
  VERIFICATION_STATUSES,
  VolunteerRow as VolunteerRowSchema,
  VolunteerService as VolunteerServiceSchema,
  VolunteerView,
} from '@yiqi/shared/contracts/volunteers';
import type { VolunteerQualifications as VolunteerQualificationsSchema } from '@yiqi/shared/contracts/training';
import { api, type Page } from '../../../lib/api.ts';

export type VolunteerRow = z.infer<typeof VolunteerRowSchema>;
export type QueueRow = z.infer<typeof QueueRowSchema>;
export type Verification = (typeof VERIFICATION_STATUSES)[number];
export type { VolunteerView };
export type VolunteerService = z.infer<typeof VolunteerServiceSchema>;

export interface VolunteerFilter {
  region?: string | undefined;
  q?: string | undefined;
  verification?: Verification | undefined;
  category?: string | undefined;
}

const byId = (id: string) => `/api/volunteers/${encodeURIComponent(id)}`;

/** The volunteer's qualification records with their state (records with evidence only). */
export const getVolunteerQualifications = (id: string, signal?: AbortSignal) =>
  api<z.infer<typeof VolunteerQualificationsSchema>>(
    `/api/training/volunteers/${encodeURIComponent(id)}/qualifications`,
    { signal },
  );

export const listVolunteers = (f: VolunteerFilter, page: number, pageSize: number, signal?: AbortSignal) =>
  // POST: the search box may hold a phone or document number, which must never travel in a URL.
  api<Page<VolunteerRow>>('/api/volunteers/search', {
    method: 'POST',
    body: {
      ...Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')),
      page,
      pageSize,
    },
    signal,
  });

export const EXPORT_PATH = '/api/volunteers/export.xlsx';

export const getVolunteer = (id: string, signal?: AbortSignal) => api<VolunteerView>(byId(id), { signal });

export const revealField = (id: string, field: 'docNumber' | 'phone', reason: string) =>
  api<z.infer<typeof RevealView>>(`${byId(id)}/reveal`, { method: 'POST', body: { field, reason } });

export const verificationQueue = (page: number, pageSize: number, signal?: AbortSignal) =>
  api<Page<QueueRow>>('/api/volunteers/verification-queue', { query: { page, pageSize }, signal });

export const decideVerification = (id: string, decision: 'approve' | 'reject', note = '') =>
  api<VolunteerView>(`${byId(id)}/verification`, { method: 'POST', body: { decision, note } });

/** Where the reviewer's browser loads an uploaded document (each read is audited). */
export const documentUrl = (id: string, docId: string) =>
  `${byId(id)}/documents/${encodeURIComponent(docId)}`;

/** Teams, confirmed hours and latest records of one volunteer in the caller's area. */
export const getVolunteerService = (id: string, signal?: AbortSignal) =>
  api<VolunteerService>(`${byId(id)}/service`, { signal });
