import type { z } from 'zod';
import type {
  ActivityDetail as DetailSchema,
  ActivitySummary as SummarySchema,
  CancelSignupResult,
  MySignupRow as MySignupSchema,
  PositionView as PositionSchemaView,
  ShiftView as ShiftSchema,
  SignupResult as SignupResultSchema,
} from '@yiqi/shared/contracts/activities';
import type {
  CalendarFeed,
  NotificationPage as NotificationPageSchema,
  NotificationRow as NotificationSchema,
} from '@yiqi/shared/contracts/notifications';
import type {
  CheckResult as CheckResultSchema,
  DevicePosition as PositionSchema,
} from '@yiqi/shared/contracts/attendance';
import { api, withQuery, type Page } from '../../lib/api.ts';
import { preloadedOr } from '../../lib/preload.ts';
import { downloadFile } from '../../lib/files.ts';

export type ActivitySummary = z.infer<typeof SummarySchema>;
export type ActivityDetail = z.infer<typeof DetailSchema>;
export type PositionView = z.infer<typeof PositionSchemaView>;
export type ShiftView = z.infer<typeof ShiftSchema>;
export type SignupResult = z.infer<typeof SignupResultSchema>;
export type MySignupRow = z.infer<typeof MySignupSchema>;
export type CheckResult = z.infer<typeof CheckResultSchema>;
export type DevicePosition = z.infer<typeof PositionSchema>;
export type NotificationRow = z.infer<typeof NotificationSchema>;
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

/** The public search, as the query string carries it. */
export interface SearchQuery {
  q?: string | undefined;
  category?: string | undefined;
  regionCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
  radiusKm?: number | undefined;
  openOnly?: 'true' | undefined;
  page: number;
  pageSize: number;
}

export type When = 'upcoming' | 'past' | 'all';

// Keys: none starts with 'me', so signing in as someone else drops them all (see forgetAllButMe).
export const ACTIVITIES_KEY = ['activities'] as const;
export const activityKey = (id: string) => ['activity', id] as const;
export const MY_SIGNUPS_KEY = ['my-signups'] as const;
export const NOTIFICATIONS_KEY = ['notifications'] as const;

const id = encodeURIComponent;

// The first page's call may have been asked for by index.html's boot script already (lib/preload.ts).
export const searchActivities = (q: SearchQuery, signal?: AbortSignal) =>
  preloadedOr(withQuery('/api/activities', { ...q }), () =>
    api<Page<ActivitySummary>>('/api/activities', { query: { ...q }, signal }),
  );

/** The public detail's API path (ReplicaLagNotice is keyed by it). */
export const activityPath = (activityId: string) => `/api/activities/${id(activityId)}`;

export const getActivity = (activityId: string, signal?: AbortSignal) =>
  preloadedOr(activityPath(activityId), () => api<ActivityDetail>(activityPath(activityId), { signal }));

export const signUp = (shiftId: string, inviteCode?: string) =>
  api<SignupResult>(`/api/shifts/${id(shiftId)}/signups`, {
    method: 'POST',
    body: inviteCode ? { inviteCode } : {},
  });

export const listMySignups = (q: { when: When; page: number; pageSize: number }, signal?: AbortSignal) =>
  api<Page<MySignupRow>>('/api/me/signups', { query: { ...q }, signal });

export const cancelSignup = (signupId: string) =>
  api<z.infer<typeof CancelSignupResult>>(`/api/me/signups/${id(signupId)}/cancel`, { method: 'POST' });

export type CheckKind = 'in' | 'out';

/** A scanned token, or the six-digit short code typed by hand (the server infers the activity). */
export const scanCheck = (kind: CheckKind, token: string, position?: DevicePosition) =>
  api<CheckResult>(kind === 'in' ? '/api/checkins' : '/api/checkouts', {
    method: 'POST',
    body: { ...(/^\d{6}$/.test(token) ? { code: token } : { token }), ...(position ? { position } : {}) },
  });

export const listNotifications = (q: { page: number; pageSize: number }, signal?: AbortSignal) =>
  api<NotificationPage>('/api/me/notifications', { query: { ...q }, signal });

export const markRead = (notificationId: string) =>
  api<{ ok: true }>(`/api/me/notifications/${id(notificationId)}/read`, { method: 'POST' });

export const markAllRead = () => api<{ ok: true }>('/api/me/notifications/read-all', { method: 'POST' });

export const downloadCalendar = () => downloadFile('/api/me/calendar.ics', 'yiqi.ics');

/** A new secret subscription address (the previous one stops working). */
export const createCalendarFeed = () =>
  api<z.infer<typeof CalendarFeed>>('/api/me/calendar-feed', { method: 'POST' });
