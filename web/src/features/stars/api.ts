import type { z } from 'zod';
import type {
  BadgeList,
  HonourRound as HonourRoundSchema,
  Nomination as NominationSchema,
  NomineeList as NomineeListSchema,
  OrgHonourRounds as OrgHonourRoundsSchema,
  PublishedHonours as PublishedHonoursSchema,
  ObjectionList,
  StarApplication as StarApplicationSchema,
  StarNoticeList,
  StarProgress as StarProgressSchema,
} from '@yiqi/shared/contracts/stars';
import { api, type Page } from '../../lib/api.ts';

export type StarProgress = z.infer<typeof StarProgressSchema>;
export type StarApplication = z.infer<typeof StarApplicationSchema>;
export type StarNotice = z.infer<typeof StarNoticeList>['items'][number];
export type Objection = z.infer<typeof ObjectionList>['items'][number];
export type HonourRound = z.infer<typeof HonourRoundSchema>;
export type Nomination = z.infer<typeof NominationSchema>;
export type Badge = z.infer<typeof BadgeList>['items'][number];

export const keys = {
  mine: ['stars-mine'] as const,
  badges: ['stars-badges'] as const,
  queue: ['stars-queue'] as const,
  notices: ['stars-notices'] as const,
  objections: (id: string) => ['stars-objections', id] as const,
  rounds: ['honour-rounds'] as const,
  nominations: (id: string) => ['honour-nominations', id] as const,
};

export const myStars = (signal?: AbortSignal) => api<StarProgress>('/api/me/stars', { signal });
export const myBadges = (signal?: AbortSignal) => api<{ items: Badge[] }>('/api/me/badges', { signal });
export const applyStar = (level: number) =>
  api<{ id: string }>('/api/me/stars/applications', { method: 'POST', body: { level } });

export const starQueue = (status: string | undefined, page: number, pageSize: number, signal?: AbortSignal) =>
  api<Page<StarApplication>>('/api/stars/applications', { query: { status, page, pageSize }, signal });
export const reviewStar = (
  id: string,
  body: { approve: boolean; reason?: string; conditionsChecked?: boolean },
) => api<{ ok: true }>(`/api/stars/applications/${id}/review`, { method: 'POST', body });
export const starNotices = (signal?: AbortSignal) =>
  api<{ items: StarNotice[] }>('/api/stars/notices', { signal });
export const objectTo = (id: string, reason: string) =>
  api<{ id: string }>(`/api/stars/applications/${id}/objections`, { method: 'POST', body: { reason } });
export const objectionsOf = (id: string, signal?: AbortSignal) =>
  api<{ items: Objection[] }>(`/api/stars/applications/${id}/objections`, { signal });
export const decideObjection = (id: string, upheld: boolean, reason: string) =>
  api<{ ok: true }>(`/api/stars/objections/${id}/decide`, { method: 'POST', body: { upheld, reason } });

export const honourRounds = (signal?: AbortSignal) =>
  api<{ items: HonourRound[] }>('/api/honours/rounds', { signal });
export const openRound = (body: {
  region: string;
  year: number;
  kind: string;
  title: string;
  quota: number;
}) => api<{ id: string }>('/api/honours/rounds', { method: 'POST', body });
export const nominationsOf = (id: string, signal?: AbortSignal) =>
  api<{ items: Nomination[] }>(`/api/honours/rounds/${id}/nominations`, { signal });
export const decideNomination = (id: string, approve: boolean, reason: string) =>
  api<{ ok: true }>(`/api/honours/nominations/${id}/decide`, { method: 'POST', body: { approve, reason } });
export const publishRound = (id: string) =>
  api<{ ok: true }>(`/api/honours/rounds/${id}/publish`, { method: 'POST' });

export type OrgHonourRound = z.infer<typeof OrgHonourRoundsSchema>['items'][number];
export type Nominee = z.infer<typeof NomineeListSchema>['items'][number];
export type PublishedHonour = z.infer<typeof PublishedHonoursSchema>['items'][number];
export const honourKeys = {
  nominating: (orgId: string) => ['honours-nominating', orgId] as const,
  candidates: (roundId: string, orgId: string, q: string) =>
    ['honours-candidates', roundId, orgId, q] as const,
  published: ['honours-published'] as const,
};
export const nominatingRounds = (orgId: string, signal?: AbortSignal) =>
  api<{ items: OrgHonourRound[] }>('/api/honours/nominating', { query: { orgId }, signal });
export const candidatesOf = (roundId: string, orgId: string, q: string, signal?: AbortSignal) =>
  api<{ items: Nominee[] }>(`/api/honours/rounds/${roundId}/candidates`, {
    query: { orgId, q: q || undefined },
    signal,
  });
export const nominate = (
  roundId: string,
  body: { orgId: string; volunteerNo?: string; nomineeOrgId?: string; reason: string },
) => api<{ id: string }>(`/api/honours/rounds/${roundId}/nominations`, { method: 'POST', body });
export const publishedHonours = (signal?: AbortSignal) =>
  api<{ items: PublishedHonour[] }>('/api/honours/published', { signal });
