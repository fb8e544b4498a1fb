import type { z } from 'zod';
import type {
  CertificateRequestBody,
  CertificateScope,
  CertificateSources as SourcesSchema,
  CertificateStatus,
  CertificateCheck as CertificateCheckSchema,
  CertificateView as ViewSchema,
  SealView as SealSchema,
} from '@yiqi/shared/contracts/certificates';
import { api, type Page } from '../../lib/api.ts';
import { downloadFile } from '../../lib/files.ts';
import { preloadedOr } from '../../lib/preload.ts';

export type CertificateView = z.infer<typeof ViewSchema>;
export type CertificateCheck = z.infer<typeof CertificateCheckSchema>;
export type CertificateSources = z.infer<typeof SourcesSchema>;
export type CertificateSource = CertificateSources['items'][number];
export type SealView = z.infer<typeof SealSchema>;
export type RequestBody = z.input<typeof CertificateRequestBody>;
export type { CertificateScope, CertificateStatus };

// Keys: none starts with 'me', so signing in as someone else drops them all (see forgetAllButMe).
export const keys = {
  mine: ['my-certificates'] as const,
  sources: ['certificate-sources'] as const,
  org: (orgId: string) => ['org-certificates', orgId] as const,
  region: ['region-certificates'] as const,
  seal: (orgId: string) => ['org-seal', orgId] as const,
  verify: (number: string) => ['certificate-verify', number] as const,
};

const id = encodeURIComponent;

export const checkCertificate = (number: string, signal?: AbortSignal) =>
  preloadedOr(`/api/certificates/${id(number)}/verify`, () =>
    api<CertificateCheck>(`/api/certificates/${id(number)}/verify`, { signal }),
  );

// The volunteer's side.
export const listMySources = (signal?: AbortSignal) =>
  api<CertificateSources>('/api/me/certificates/sources', { signal });

export const listMyCertificates = (page: number, pageSize: number, signal?: AbortSignal) =>
  api<Page<CertificateView>>('/api/me/certificates', { query: { page, pageSize }, signal });

export const requestCertificate = (body: RequestBody) =>
  api<CertificateView>('/api/me/certificates', { method: 'POST', body });

export const downloadMyCertificate = (c: { id: string; number: string | null }) =>
  downloadFile(`/api/me/certificates/${id(c.id)}/pdf`, `certificate-${c.number ?? c.id}.pdf`);

// The issuing organization's side.
export const listOrgCertificates = (
  orgId: string,
  q: { status?: CertificateStatus | undefined; page: number; pageSize: number },
  signal?: AbortSignal,
) => api<Page<CertificateView>>(`/api/organizations/${id(orgId)}/certificates`, { query: { ...q }, signal });

export const listRegionCertificates = (
  q: { status?: CertificateStatus | undefined; page: number; pageSize: number },
  signal?: AbortSignal,
) => api<Page<CertificateView>>('/api/certificates/region-queue', { query: { ...q }, signal });

/**
 * Issues; the issuing body's name, person in charge and contact phone only when the region issues (no
 * organization left). The handler printed is always the signed-in issuer.
 */
export const issueCertificate = (
  certificateId: string,
  b: { issuerName?: string; personInCharge?: string; contactPhone?: string },
) =>
  api<CertificateView>(`/api/certificates/${id(certificateId)}/issue`, {
    method: 'POST',
    body: Object.fromEntries(Object.entries(b).filter(([, v]) => v)),
  });

export const rejectCertificate = (certificateId: string, reason: string) =>
  api<CertificateView>(`/api/certificates/${id(certificateId)}/reject`, { method: 'POST', body: { reason } });

export const revokeCertificate = (certificateId: string, reason: string) =>
  api<CertificateView>(`/api/certificates/${id(certificateId)}/revoke`, { method: 'POST', body: { reason } });

export const downloadOrgCertificate = (c: { id: string; number: string | null }) =>
  downloadFile(`/api/certificates/${id(c.id)}/pdf`, `certificate-${c.number ?? c.id}.pdf`);

export const getSeal = (orgId: string, signal?: AbortSignal) =>
  api<SealView>(`/api/organizations/${id(orgId)}/certificate-seal`, { signal });

export const putSeal = (orgId: string, seal: { mimeType: string; contentBase64: string } | null) =>
  api<SealView>(`/api/organizations/${id(orgId)}/certificate-seal`, { method: 'PUT', body: { seal } });
