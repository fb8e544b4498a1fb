import type {
  EligibleTeamT,
  MenuItemViewT,
  TeamOffersViewT,
  VillageOffersViewT,
} from '@yiqi/shared/contracts/dispatch';
import { api, type Page } from '../../lib/api.ts';

/** Menu management (console): a unit's items, edits, retirement, offers (供单) and their decisions. */

export type MenuItemStatus = 'approved' | 'proposed' | 'refused' | 'withdrawn';
export interface ItemFields {
  category: string;
  title: string;
  description: string;
  teamIds: string[];
  reviewDays: number;
  dispatchDays: number;
  acceptDays: number;
  escalateDays: number;
  followUpDays: number;
}

export const getUnitItems = (
  q: {
    region: string;
    status?: MenuItemStatus | undefined;
    scope?: 'unit' | 'subtree';
    page: number;
    pageSize: number;
  },
  signal?: AbortSignal,
) => api<Page<MenuItemViewT>>('/api/dispatch/unit-items', { query: q, signal });
/** What a community of the unit sees: the unit's and every level above's approved items. */
export const getInheritedMenu = (region: string, signal?: AbortSignal) =>
  api<{ items: MenuItemViewT[] }>('/api/dispatch/menu', { query: { region }, signal });
export const addMenuItem = (region: string, body: ItemFields) =>
  api<MenuItemViewT>('/api/dispatch/menu-items', { method: 'POST', body: { region, ...body } });
export const editMenuItem = (id: string, body: ItemFields) =>
  api<MenuItemViewT>(`/api/dispatch/menu-items/${id}`, { method: 'PUT', body });
export const retireMenuItem = (id: string) =>
  api<MenuItemViewT>(`/api/dispatch/menu-items/${id}/retire`, { method: 'POST', body: {} });
export const decideOffer = (id: string, body: { decision: 'approved' | 'refused'; reason?: string }) =>
  api<MenuItemViewT>(`/api/dispatch/menu-items/${id}/decision`, { method: 'POST', body });

// Teams (供单).
export const getTeamOffers = (orgId: string, page: number, pageSize: number, signal?: AbortSignal) =>
  api<TeamOffersViewT>('/api/dispatch/offers', { query: { orgId, page, pageSize }, signal });
export const makeOffer = (body: {
  orgId: string;
  region: string;
  category: string;
  title: string;
  description: string;
}) => api<MenuItemViewT>('/api/dispatch/offers', { method: 'POST', body });

// Villages (村供单): a community's station offers a service to its post or centre.
export const getVillageOffers = (region: string, page: number, pageSize: number, signal?: AbortSignal) =>
  api<VillageOffersViewT>('/api/dispatch/village-offers', { query: { region, page, pageSize }, signal });
export const makeVillageOffer = (body: {
  region: string;
  to: string;
  category: string;
  title: string;
  description: string;
  teamIds: string[];
}) => api<MenuItemViewT>('/api/dispatch/village-offers', { method: 'POST', body });

/** The teams a unit may name (its area's and those registered above it): what the server accepts. */
export const getEligibleTeams = (region: string, q: string, signal?: AbortSignal) =>
  api<Page<EligibleTeamT>>('/api/dispatch/eligible-teams', {
    query: { region, ...(q ? { q } : {}), pageSize: 20 },
    signal,
  });
