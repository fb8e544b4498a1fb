import type { Role, ScopeType } from '@yiqi/shared/roles';
import { api, type Page } from '../../lib/api.ts';

export interface GrantRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scopeType: ScopeType;
  scopeId: string;
  scopeName: string;
  grantedBy: string | null;
  grantedAt: string;
}

export interface GrantInput {
  username: string;
  role: Role;
  scopeType: ScopeType;
  scopeId: string;
}

export interface Organization {
  id: string;
  name: string;
  regionCode: string;
  regionName: string;
}

export const listGrants = (region: string, page: number, pageSize: number, signal?: AbortSignal) =>
  api<Page<GrantRow>>('/api/admin/role-grants', { query: { region, page, pageSize }, signal });

export const grantRole = (input: GrantInput) =>
  api<{ id: string }>('/api/admin/role-grants', { method: 'POST', body: input });

export const revokeGrant = (id: string) =>
  api<{ ok: true }>(`/api/admin/role-grants/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const getOrganization = (id: string, signal?: AbortSignal) =>
  api<Organization>(`/api/organizations/${encodeURIComponent(id)}`, { signal });
