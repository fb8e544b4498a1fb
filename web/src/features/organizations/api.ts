import type { z } from 'zod';
import type {
  DissolvedView as DissolvedViewSchema,
  MyRegistrationPage,
  OrganizationRow,
  OrganizationView,
  OrgStatus,
  OrgType,
  RegisterOrganizationBody,
  RegisteredView,
  TreeView,
  UnitContactsBody,
  OrgChangeBody,
  OrgChangeView,
} from '@yiqi/shared/contracts/organizations';
import { api, type Page } from '../../lib/api.ts';

export type {
  OrganizationRow,
  OrganizationView,
  OrgStatus,
  OrgType,
  RegisterOrganizationBody,
  UnitContactsBody,
};
export type { OrgChangeBody, OrgChangeView };
export type DissolvedView = z.infer<typeof DissolvedViewSchema>;
export type MyRegistration = z.infer<typeof MyRegistrationPage>['items'][number];
export type TreeNode = z.infer<typeof TreeView>['items'][number];

export interface OrgFilter {
  region?: string | undefined;
  q?: string | undefined;
  status?: OrgStatus | undefined;
  category?: string | undefined;
  orgType?: OrgType | undefined;
}

const byId = (id: string) => `/api/organizations/${encodeURIComponent(id)}`;

export const registerOrganization = (body: RegisterOrganizationBody) =>
  api<z.infer<typeof RegisteredView>>('/api/organizations', { method: 'POST', body });

export const listMyRegistrations = (page: number, pageSize: number, signal?: AbortSignal) =>
  api<Page<MyRegistration>>('/api/me/organizations', { query: { page, pageSize }, signal });

export const listOrganizations = (f: OrgFilter, page: number, pageSize: number, signal?: AbortSignal) =>
  api<Page<OrganizationRow>>('/api/organizations', { query: { ...f, page, pageSize }, signal });

export const EXPORT_PATH = '/api/organizations/export.xlsx';

export const reviewQueue = (page: number, pageSize: number, signal?: AbortSignal) =>
  api<Page<OrganizationRow>>('/api/organizations/review-queue', { query: { page, pageSize }, signal });

export const reviewOrganization = (id: string, decision: 'approve' | 'reject', reason?: string) =>
  api<z.infer<typeof RegisteredView>>(`${byId(id)}/review`, {
    method: 'POST',
    body: reason ? { decision, reason } : { decision },
  });

export const getOrganization = (id: string, signal?: AbortSignal) =>
  api<OrganizationView>(byId(id), { signal });

export const getOrganizationTree = (id: string, signal?: AbortSignal) =>
  api<z.infer<typeof TreeView>>(`${byId(id)}/tree`, { signal });

/** 注销: final; the organization's certificates move to the successor (or its parent, or the region admins). */
export const dissolveOrganization = (id: string, reason: string, successorId?: string) =>
  api<DissolvedView>(`${byId(id)}/dissolve`, {
    method: 'POST',
    body: successorId ? { reason, successorId } : { reason },
  });

/** 负责人, 经办人, 联系人 and (when given) 联系电话 of the unit; audited by the server. */
export const updateContacts = (id: string, body: UnitContactsBody) =>
  api<OrganizationView>(`${byId(id)}/contacts`, { method: 'PUT', body });

/** Change registration (变更登记): asked by the unit, reviewed by the region admins above it. */
export const requestChange = (id: string, body: OrgChangeBody) =>
  api<OrgChangeView>(`${byId(id)}/changes`, { method: 'POST', body });

export const listChanges = (id: string, signal?: AbortSignal) =>
  api<Page<OrgChangeView>>(`${byId(id)}/changes`, { query: { page: 1, pageSize: 20 }, signal });

export const changeQueue = (page: number, pageSize: number, signal?: AbortSignal) =>
  api<Page<OrgChangeView>>('/api/organizations/change-queue', { query: { page, pageSize }, signal });

export const reviewChange = (c: OrgChangeView, decision: 'approve' | 'reject', reason?: string) =>
  api<OrgChangeView>(`${byId(c.orgId)}/changes/${encodeURIComponent(c.id)}/review`, {
    method: 'POST',
    body: reason ? { decision, reason } : { decision },
  });
