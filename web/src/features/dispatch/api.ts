import type {
  CountsViewT,
  InvitationViewT,
  MyInvitationViewT,
  MenuItemViewT,
  MyOrderViewT,
  OrderDetailT,
  OrderViewT,
} from '@yiqi/shared/contracts/dispatch';
import { api } from '../../lib/api.ts';

export type { CountsViewT, MenuItemViewT, MyOrderViewT, OrderDetailT, OrderViewT };
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// Residents.
export const getMenu = (region: string, signal?: AbortSignal) =>
  api<{ items: MenuItemViewT[] }>('/api/dispatch/menu', { query: { region }, signal });
export const placeOrder = (body: Record<string, unknown>) =>
  api<{ id: string }>('/api/dispatch/orders', { method: 'POST', body });
export const getMyOrders = (signal?: AbortSignal) =>
  api<{ items: MyOrderViewT[] }>('/api/me/dispatch-orders', { signal });
export const rateOrder = (id: string, body: { score: number; comment: string }) =>
  api<MyOrderViewT>(`/api/me/dispatch-orders/${id}/rating`, { method: 'POST', body });

// Units.
export const getBoard = (q: { region?: string; state?: string; page?: number }, signal?: AbortSignal) =>
  api<Page<OrderViewT>>('/api/dispatch/orders', { query: { pageSize: 200, ...q }, signal });
export const getOrder = (id: string, signal?: AbortSignal) =>
  api<OrderDetailT>(`/api/dispatch/orders/${id}`, { signal });
export const orderAction = (id: string, action: string, body: unknown) =>
  api<OrderViewT>(`/api/dispatch/orders/${id}/${action}`, { method: 'POST', body });
export const getCounts = (region: string, from: string, to: string, signal?: AbortSignal) =>
  api<CountsViewT>('/api/dispatch/counts', { query: { region, from, to }, signal });
export const proxyOrder = (body: Record<string, unknown>) =>
  api<OrderViewT>('/api/dispatch/proxy-orders', { method: 'POST', body });

// Teams.
export const getTeamOrders = (orgId: string, signal?: AbortSignal) =>
  api<Page<OrderViewT>>('/api/dispatch/team-orders', { query: { orgId, pageSize: 200 }, signal });
export const getGrab = (orgId: string, signal?: AbortSignal) =>
  api<Page<OrderViewT>>('/api/dispatch/grab', { query: { orgId }, signal });
export const claimOrder = (id: string, orgId: string) =>
  api<OrderViewT>(`/api/dispatch/orders/${id}/claim`, { method: 'POST', body: { orgId } });
export const teamAction = (id: string, action: 'accept' | 'decline' | 'complete', body?: unknown) =>
  api<OrderViewT>(`/api/dispatch/team-orders/${id}/${action}`, { method: 'POST', body: body ?? {} });
export const getContact = (id: string) =>
  api<{ phone: string; address: string; residentName: string | null }>(
    `/api/dispatch/team-orders/${id}/contact`,
  );

// Invitations (邀请), photos, follow-up.
export type { InvitationViewT, MyInvitationViewT };
export const getInvitations = (id: string, signal?: AbortSignal) =>
  api<{ items: InvitationViewT[] }>(`/api/dispatch/orders/${id}/invitations`, { signal });
export const inviteVolunteers = (id: string, volunteerIds: string[]) =>
  api<{ items: InvitationViewT[] }>(`/api/dispatch/orders/${id}/invitations`, {
    method: 'POST',
    body: { volunteerIds },
  });
export const getMyInvitations = (signal?: AbortSignal) =>
  api<{ items: MyInvitationViewT[] }>('/api/me/dispatch-invitations', { signal });
export const answerInvitation = (
  id: string,
  body: { decision: 'accept' } | { decision: 'decline'; reason: string },
) =>
  api<{ items: MyInvitationViewT[] }>(`/api/me/dispatch-invitations/${id}/answer`, { method: 'POST', body });
export const photoUrl = (orderId: string, photoId: string, team = false) =>
  `/api/dispatch/${team ? 'team-orders' : 'orders'}/${orderId}/photos/${photoId}`;
