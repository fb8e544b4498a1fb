import type { z } from 'zod';
import type {
  Account,
  Booking,
  BookingDelivery,
  DispatchChoices,
  Grant,
  MenuItem,
  MyTimebank,
  Reconcile,
  Scheme,
  SchemeBody,
  Statement,
  Transfer,
} from '@yiqi/shared/contracts/timebank';
import { api, type Page } from '../../lib/api.ts';
import { downloadFile } from '../../lib/files.ts';

export type { Account, Booking, Grant, MenuItem, MyTimebank, Reconcile, Scheme, Statement, Transfer };
export type Delivery = z.input<typeof BookingDelivery>;
export type DispatchChoice = DispatchChoices['items'][number];

// Keys: the volunteer's start with 'me' (dropped when someone else signs in).
export const keys = {
  mine: ['me', 'timebank'] as const,
  statement: (accountId: string, from?: string, to?: string, page = 1) =>
    ['me', 'timebank', 'statement', accountId, from, to, page] as const,
  menu: (schemeId: string) => ['me', 'timebank', 'menu', schemeId] as const,
  bookings: ['me', 'timebank', 'bookings'] as const,
  admin: (region: string) => ['timebank-admin', region] as const,
};

/**
 * A key per attempt: the form keeps it until the request succeeds, so a double tap or a retry after a lost
 * answer replays the first request instead of moving points twice.
 */
export const newKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

// ---- the volunteer ----
export const getMine = (signal?: AbortSignal) => api<MyTimebank>('/api/me/timebank', { signal });
export const getMyStatement = (
  q: { accountId: string; from?: string; to?: string; page: number },
  signal?: AbortSignal,
) => api<Statement>('/api/me/timebank/statement', { query: { ...q, pageSize: 20 }, signal });
export const exportMyStatement = (accountId: string) =>
  downloadFile('/api/me/timebank/statement.xlsx', 'timebank-statement.xlsx', { accountId });
export const registerFamily = (body: { schemeId: string; name: string; relation: string }) =>
  api<Account>('/api/me/timebank/family', { method: 'POST', body });
export const sendTransfer = (
  body: {
    fromAccountId: string;
    to: { kind: 'pool' } | { kind: 'family'; accountId: string };
    amount: number;
  },
  idempotencyKey: string,
) =>
  api<{ transfer: Transfer; balance: number }>('/api/me/timebank/transfers', {
    method: 'POST',
    body,
    idempotencyKey,
  });
export const getMenu = (schemeId: string, signal?: AbortSignal) =>
  api<{ items: MenuItem[] }>('/api/me/timebank/menu', { query: { schemeId }, signal });
export const getMyBookings = (signal?: AbortSignal) =>
  api<{ items: Booking[] }>('/api/me/timebank/bookings', { signal });
export const book = (
  body: { accountId: string; menuItemId: string; note?: string; delivery?: Delivery },
  idempotencyKey: string,
) => api<{ booking: Booking }>('/api/me/timebank/bookings', { method: 'POST', body, idempotencyKey });
export const cancelMyBooking = (id: string, idempotencyKey: string) =>
  api<{ booking: Booking }>(`/api/me/timebank/bookings/${encodeURIComponent(id)}/cancel`, {
    method: 'POST',
    idempotencyKey,
  });

// ---- the console ----
export const listSchemes = (signal?: AbortSignal) =>
  api<{ items: Scheme[] }>('/api/timebank/schemes', { signal });
export const saveScheme = (body: z.input<typeof SchemeBody>) =>
  api<Scheme>('/api/timebank/schemes', { method: 'PUT', body });
export const listAccounts = (region: string, page: number, kind?: string, signal?: AbortSignal) =>
  api<Page<Account>>('/api/timebank/accounts', { query: { region, page, pageSize: 20, kind }, signal });
export const getStatement = (
  q: { region: string; accountId: string; from?: string; to?: string; page: number },
  signal?: AbortSignal,
) => api<Statement>('/api/timebank/statement', { query: { ...q, pageSize: 20 }, signal });
export const exportStatement = (region: string, accountId: string) =>
  downloadFile('/api/timebank/statement.xlsx', 'timebank-statement.xlsx', { region, accountId });
export const reconcile = (region: string, signal?: AbortSignal) =>
  api<Reconcile>('/api/timebank/reconcile', { query: { region }, signal });
export const adminMenu = (region: string, signal?: AbortSignal) =>
  api<{ items: MenuItem[] }>('/api/timebank/menu', { query: { region }, signal });
export const addMenuItem = (body: {
  region: string;
  name: string;
  points: number;
  dispatchItemId?: string;
}) => api<MenuItem>('/api/timebank/menu', { method: 'POST', body });
export const dispatchChoices = (region: string, signal?: AbortSignal) =>
  api<DispatchChoices>('/api/timebank/dispatch-items', { query: { region }, signal });
/** An administrator books for a priority elder (a dispatch-delivered service: a proxy order, consent noted). */
export const bookForElder = (
  body: {
    region: string;
    accountId: string;
    menuItemId: string;
    note?: string;
    delivery?: Delivery;
    consentNote?: string;
  },
  idempotencyKey: string,
) => api<{ booking: Booking }>('/api/timebank/bookings', { method: 'POST', body, idempotencyKey });
export const adminBookings = (region: string, signal?: AbortSignal) =>
  api<{ items: Booking[] }>('/api/timebank/bookings', { query: { region }, signal });
export const settleBooking = (
  body: { region: string; bookingId: string; points: number; deliveryRef?: string },
  idempotencyKey: string,
) => api<{ booking: Booking }>('/api/timebank/bookings/settle', { method: 'POST', body, idempotencyKey });
export const cancelBooking = (body: { region: string; bookingId: string }, idempotencyKey: string) =>
  api<{ booking: Booking }>('/api/timebank/bookings/cancel', { method: 'POST', body, idempotencyKey });
export const addElder = (body: { region: string; name: string; note: string }) =>
  api<Account>('/api/timebank/elders', { method: 'POST', body });
export const listGrants = (region: string, signal?: AbortSignal) =>
  api<{ items: Grant[] }>('/api/timebank/grants', { query: { region }, signal });
export const proposeGrant = (body: {
  region: string;
  elderAccountId: string;
  amount: number;
  reason: string;
}) => api<Grant>('/api/timebank/grants', { method: 'POST', body });
export const decideGrant = (
  body: { region: string; grantId: string; decision: 'approve' | 'refuse'; reason?: string },
  idempotencyKey: string,
) => api<Grant>('/api/timebank/grants/decision', { method: 'POST', body, idempotencyKey });
