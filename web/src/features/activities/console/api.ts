import type { z } from 'zod';
import type {
  ActivityCreateBody,
  ActivityCreated as ActivityCreatedSchema,
  ActivityDetail as ActivityDetailSchema,
  ActivityPatchBody,
  ActivityStatus,
  ActivitySummary as ActivitySummarySchema,
  BoardState,
  DecisionBody as DecisionBodySchema,
  DecisionResult as DecisionResultSchema,
  NoShowResult as NoShowResultSchema,
  PositionBody as PositionBodySchema,
  PositionCreated,
  SignupRow as SignupRowSchema,
  SignupStatus,
} from '@yiqi/shared/contracts/activities';
import type {
  Board as BoardSchema,
  CheckResult as CheckResultSchema,
  QrToken as QrTokenSchema,
  SiteCode as SiteCodeSchema,
} from '@yiqi/shared/contracts/attendance';
import { api, type Page } from '../../../lib/api.ts';

export type { ActivityStatus, BoardState, SignupStatus };
export type ActivityDetail = z.infer<typeof ActivityDetailSchema>;
export type ActivitySummary = z.infer<typeof ActivitySummarySchema>;
export type PositionView = ActivityDetail['positions'][number];
export type ShiftView = PositionView['shifts'][number];
export type ActivityInput = z.input<typeof ActivityCreateBody>;
export type ActivityPatch = z.input<typeof ActivityPatchBody>;
export type PositionInput = z.input<typeof PositionBodySchema>;
export type ActivityCreated = z.infer<typeof ActivityCreatedSchema>;
export type SignupRow = z.infer<typeof SignupRowSchema>;
export type DecisionBody = z.input<typeof DecisionBodySchema>;
export type DecisionResult = z.infer<typeof DecisionResultSchema>;
export type Board = z.infer<typeof BoardSchema>;
export type BoardRow = Board['items'][number];
export type QrToken = z.infer<typeof QrTokenSchema>;
export type SiteCode = z.infer<typeof SiteCodeSchema>;
export type CheckResult = z.infer<typeof CheckResultSchema>;

const enc = encodeURIComponent;
const activity = (id: string) => `/api/activities/${enc(id)}`;

export interface OrgActivityQuery {
  status?: ActivityStatus | undefined;
  page: number;
  pageSize: number;
}

export interface SignupQuery {
  status?: SignupStatus | undefined;
  shiftId?: string | undefined;
  page: number;
  pageSize: number;
}

export interface BoardQuery {
  shiftId?: string | undefined;
  state?: BoardState | undefined;
  page: number;
  pageSize: number;
}

/** Query keys: everything about one activity sits under ['activities-console', id] to refresh it at once. */
export const keys = {
  org: (orgId: string) => ['activities-console', 'org', orgId] as const,
  activity: (id: string) => ['activities-console', id] as const,
  detail: (id: string) => ['activities-console', id, 'detail'] as const,
  signups: (id: string) => ['activities-console', id, 'signups'] as const,
  board: (id: string) => ['activities-console', id, 'board'] as const,
  qr: (id: string, shiftId: string) => ['activities-console', id, 'qr', shiftId] as const,
  siteCode: (id: string) => ['activities-console', id, 'site-code'] as const,
};

export const listOrgActivities = (orgId: string, q: OrgActivityQuery, signal?: AbortSignal) =>
  api<Page<ActivitySummary>>(`/api/organizations/${enc(orgId)}/activities`, { query: { ...q }, signal });

export const createActivity = (orgId: string, body: ActivityInput) =>
  api<ActivityCreated>(`/api/organizations/${enc(orgId)}/activities`, { method: 'POST', body });

/** The organizer's view (with the invitation code). */
export const getManagedActivity = (id: string, signal?: AbortSignal) =>
  api<ActivityDetail>(`${activity(id)}/manage`, { signal });

export const updateActivity = (id: string, body: ActivityPatch) =>
  api<ActivityCreated>(activity(id), { method: 'PATCH', body });

export const publishActivity = (id: string) =>
  api<ActivityCreated>(`${activity(id)}/publish`, { method: 'POST' });

export const cancelActivity = (id: string, reason: string) =>
  api<ActivityCreated>(`${activity(id)}/cancel`, { method: 'POST', body: { reason } });

export const closeActivity = (id: string) =>
  api<ActivityCreated>(`${activity(id)}/close`, { method: 'POST' });

export const createPosition = (id: string, body: PositionInput) =>
  api<z.infer<typeof PositionCreated>>(`${activity(id)}/positions`, { method: 'POST', body });

export const updatePosition = (id: string, positionId: string, body: PositionInput) =>
  api<z.infer<typeof PositionCreated>>(`${activity(id)}/positions/${enc(positionId)}`, {
    method: 'PUT',
    body,
  });

export const deletePosition = (id: string, positionId: string) =>
  api<{ ok: true }>(`${activity(id)}/positions/${enc(positionId)}`, { method: 'DELETE' });

export const listSignups = (id: string, q: SignupQuery, signal?: AbortSignal) =>
  api<Page<SignupRow>>(`${activity(id)}/signups`, { query: { ...q }, signal });

export const decideSignups = (id: string, body: DecisionBody) =>
  api<DecisionResult>(`${activity(id)}/signups/decision`, { method: 'POST', body });

export const recordNoShows = (id: string, shiftId: string) =>
  api<z.infer<typeof NoShowResultSchema>>(`${activity(id)}/shifts/${enc(shiftId)}/no-shows`, {
    method: 'POST',
  });

export const getQrToken = (id: string, shiftId: string, signal?: AbortSignal) =>
  api<QrToken>(`${activity(id)}/shifts/${enc(shiftId)}/qr`, { signal });

/** The site code: one QR and short code for every position and shift of the activity's site. */
export const getSiteCode = (id: string, signal?: AbortSignal) =>
  api<SiteCode>(`${activity(id)}/site-code`, { signal });

export const getBoard = (id: string, q: BoardQuery, signal?: AbortSignal) =>
  api<Board>(`${activity(id)}/attendance`, { query: { ...q }, signal });

export const staffCheckIn = (id: string, signupId: string) =>
  api<CheckResult>(`${activity(id)}/attendance/check-in`, { method: 'POST', body: { signupId } });

/** `at`: when the volunteer actually left, for completing a forgotten check-out afterwards. */
export const staffCheckOut = (id: string, signupId: string, at?: string) =>
  api<CheckResult>(`${activity(id)}/attendance/check-out`, {
    method: 'POST',
    body: at ? { signupId, at } : { signupId },
  });

export const reviewAttendance = (id: string, attendanceId: string, decision: 'approve' | 'reject') =>
  api<{ ok: true }>(`${activity(id)}/attendance/${enc(attendanceId)}/review`, {
    method: 'POST',
    body: { decision },
  });

/** The address a phone's camera opens: the volunteer's scan page with the token. */
export const scanUrl = (token: string) => `${window.location.origin}/m/scan?t=${enc(token)}`;

export type MapSettings = z.infer<typeof import('@yiqi/shared/contracts/handouts').MapSettings>;
/** The place picker's tiles (server configuration MAP_TILE_URL). */
export const getMapSettings = () => api<MapSettings>('/api/map');
