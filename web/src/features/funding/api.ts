import type { z } from 'zod';
import type {
  ProposalBody,
  ProposalView,
  ReviewItem as ReviewItemSchema,
  RoundBody,
  RoundView,
  TenBest as TenBestSchema,
} from '@yiqi/shared/contracts/funding';
import type { RoundState } from '@yiqi/shared/funding/round-states';
import { api } from '../../lib/api.ts';

export type Round = RoundView;
export type Proposal = ProposalView;
export type ReviewItem = z.infer<typeof ReviewItemSchema>;
export type TenBest = z.infer<typeof TenBestSchema>;
export type RoundInput = z.input<typeof RoundBody>;
export type ProposalInput = z.input<typeof ProposalBody>;
export type { RoundState };

export const FUNDING_KEY = ['funding'];

/** Fen (分) as yuan with two decimals and thousands separators: 1234500 → "12,345.00". */
export const yuan = (fen: number) =>
  (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const toFen = (yuanValue: number) => Math.round(yuanValue * 100);

const post = <T>(url: string, body?: unknown) =>
  api<T>(url, { method: 'POST', ...(body !== undefined ? { body } : {}) });

// The owner (region admins).
export const listRounds = (region?: string) =>
  api<{ items: Round[] }>('/api/funding/rounds', { query: region ? { region } : {} });
export const funderRounds = (orgId: string) =>
  api<{ items: Round[] }>('/api/funding/funder-rounds', { query: { orgId } });
export const getRound = (id: string) => api<Round>(`/api/funding/rounds/${id}`);
export const createRound = (b: RoundInput) => post<{ id: string }>('/api/funding/rounds', b);
export const editRound = (id: string, b: Omit<RoundInput, 'region'>) =>
  api<Round>(`/api/funding/rounds/${id}`, { method: 'PUT', body: b });
export const moveRound = (id: string, to: RoundState) =>
  post<Round>(`/api/funding/rounds/${id}/state`, { to });
export const addReviewer = (id: string, username: string) =>
  post<Round>(`/api/funding/rounds/${id}/reviewers`, { username });
export const roundProposals = (id: string) =>
  api<{ items: Proposal[] }>(`/api/funding/rounds/${id}/proposals`);
export const publishTenBest = (id: string) => post<{ ok: true }>(`/api/funding/rounds/${id}/ten-best`);
export const firstReview = (id: string, pass: boolean, reason: string) =>
  post<Proposal>(`/api/funding/proposals/${id}/first-review`, { pass, reason });
export const award = (id: string, tierId: string, amountFen: number) =>
  post<Proposal>(`/api/funding/proposals/${id}/award`, { tierId, amountFen });
export const addMilestone = (id: string, b: { title: string; deliverable: string; dueOn: string }) =>
  post<Proposal>(`/api/funding/proposals/${id}/milestones`, b);
export const decideReport = (id: string, accept: boolean, reason: string) =>
  post<Proposal>(`/api/funding/reports/${id}/decision`, { accept, reason });
export const evaluate = (id: string, score: number, comment: string) =>
  post<Proposal>(`/api/funding/proposals/${id}/evaluation`, { score, comment });

// The applying organization (its admins).
export const openRounds = (orgId: string) =>
  api<{ items: Round[] }>('/api/funding/open-rounds', { query: { orgId } });
export const myProposals = (orgId: string) =>
  api<{ items: Proposal[] }>('/api/funding/proposals', { query: { orgId } });
export const createProposal = (b: ProposalInput) => post<{ id: string }>('/api/funding/proposals', b);
export const editProposal = (id: string, b: Omit<ProposalInput, 'roundId' | 'orgId'>) =>
  api<Proposal>(`/api/funding/proposals/${id}`, { method: 'PUT', body: b });
export const submitProposal = (id: string) => post<Proposal>(`/api/funding/proposals/${id}/submit`);
export const withdrawProposal = (id: string) => post<Proposal>(`/api/funding/proposals/${id}/withdraw`);
export const attach = (id: string, name: string, data: string) =>
  post<{ id: string }>(`/api/funding/proposals/${id}/attachments`, { name, data });
export const attachmentUrl = (proposalId: string, attachmentId: string) =>
  `/api/funding/proposals/${proposalId}/attachments/${attachmentId}`;
export const report = (milestoneId: string, text: string, attachments: { name: string; data: string }[]) =>
  post<Proposal>(`/api/funding/milestones/${milestoneId}/reports`, { text, attachments });

// Reviewers.
export const myReviews = () => api<{ items: ReviewItem[] }>('/api/me/funding/reviews');
export const declare = (id: string, conflict: boolean, note: string) =>
  post<{ ok: true }>(`/api/me/funding/reviews/${id}/declaration`, { conflict, note });
export const score = (id: string, scores: { criterionId: string; score: number }[]) =>
  post<{ ok: true }>(`/api/me/funding/reviews/${id}/scores`, { scores });

// Everyone.
export const tenBest = () => api<TenBest>('/api/funding/ten-best');

/** A file as base64 (without the data: prefix), for an attachment upload. */
export function fileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsDataURL(file);
  });
}
