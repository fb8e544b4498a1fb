import type { z } from 'zod';
import type {
  MemberRow as MemberRowSchema,
  MembershipCreated,
  MembershipRole,
  MembershipStatus,
  MyMembershipRow as MyRowSchema,
} from '@yiqi/shared/contracts/memberships';
import type { DirectoryRow as DirectoryRowSchema } from '@yiqi/shared/contracts/organizations';
import { api, type Page } from '../../lib/api.ts';

export type MemberRow = z.infer<typeof MemberRowSchema>;
export type MyMembershipRow = z.infer<typeof MyRowSchema>;
export type { MembershipRole, MembershipStatus };
type Created = z.infer<typeof MembershipCreated>;

const org = (id: string) => `/api/organizations/${encodeURIComponent(id)}`;

export interface ListQuery {
  status?: MembershipStatus | undefined;
  page: number;
  pageSize: number;
}

export interface OrgSummary {
  id: string;
  name: string;
  regionName: string;
  orgType: string;
  parentName: string | null;
}

/** Name and region of an approved organization; 404 for anything else. */
export const getOrgSummary = (orgId: string, signal?: AbortSignal) =>
  api<OrgSummary>(`${org(orgId)}/summary`, { signal });

export const joinOrganization = (orgId: string) => api<Created>(`${org(orgId)}/join`, { method: 'POST' });

export const listMembers = (orgId: string, q: ListQuery, signal?: AbortSignal) =>
  api<Page<MemberRow>>(`${org(orgId)}/members`, { query: { ...q }, signal });

export const inviteMember = (orgId: string, volunteerNo: string) =>
  api<Created>(`${org(orgId)}/members/invite`, { method: 'POST', body: { volunteerNo } });

export const decideMember = (orgId: string, membershipId: string, decision: 'approve' | 'reject') =>
  api<Created>(`${org(orgId)}/members/${encodeURIComponent(membershipId)}/decision`, {
    method: 'POST',
    body: { decision },
  });

export const setMemberRole = (orgId: string, membershipId: string, role: MembershipRole) =>
  api<{ id: string; role: MembershipRole }>(`${org(orgId)}/members/${encodeURIComponent(membershipId)}`, {
    method: 'PATCH',
    body: { role },
  });

export const MY_MEMBERSHIPS_KEY = ['me', 'memberships'] as const;

export const listMyMemberships = (q: ListQuery, signal?: AbortSignal) =>
  api<Page<MyMembershipRow>>('/api/me/memberships', { query: { ...q }, signal });

const mine = (id: string, action: 'accept' | 'decline' | 'leave') =>
  api<Created>(`/api/me/memberships/${encodeURIComponent(id)}/${action}`, { method: 'POST' });

export const acceptInvitation = (id: string) => mine(id, 'accept');
export const declineInvitation = (id: string) => mine(id, 'decline');
export const leaveMembership = (id: string) => mine(id, 'leave');

/** The link a volunteer opens to apply to a team (the name only labels the page; the id decides). */
export function joinLink(orgId: string, name?: string): string {
  const q = name ? `?name=${encodeURIComponent(name)}` : '';
  return `${window.location.origin}/m/join/${orgId}${q}`;
}

export type DirectoryRow = z.infer<typeof DirectoryRowSchema>;
export interface DirectoryQuery {
  q?: string | undefined;
  region?: string | undefined;
  category?: string | undefined;
  page: number;
  pageSize: number;
}
/** 找组织: approved teams anyone may browse (public facts only). */
export const searchDirectory = (query: DirectoryQuery, signal?: AbortSignal) =>
  api<Page<DirectoryRow>>('/api/directory/organizations', { query: { ...query }, signal });
