import type { OrderDetailT } from '@yiqi/shared/contracts/dispatch';
import { api } from '../../lib/api.ts';

/** The team's view of an order it serves (with its timeline and activities), and opening an activity for it. */
export const getTeamOrder = (id: string, signal?: AbortSignal) =>
  api<OrderDetailT>(`/api/dispatch/team-orders/${id}`, { signal });
export const openServiceActivity = (id: string) =>
  api<{ id: string; status: string }>(`/api/dispatch/team-orders/${id}/activity`, {
    method: 'POST',
    body: {},
  });
