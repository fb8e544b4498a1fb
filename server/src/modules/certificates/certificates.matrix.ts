/**
 * Authorization-matrix fixtures for the certificate routes. Issuer routes act on a certificate of the
 * relation's organization (a fresh volunteer and request, or issued certificate, for each call, so state
 * changes never interfere); volunteer routes run as "self" on the actor's own volunteer record.
 */
import type { TestApp } from '../../test/harness.ts';
import type { MatrixFixtures } from '../../test/matrix.ts';
import { addVolunteerRecord } from '../memberships/memberships.testkit.ts';
import { insertIssuedCertificate, insertRecord, insertRequest } from './certificates.testkit.ts';

type MatrixReq = { method: string; url: string; payload?: unknown } | null;
type Fixture = (rel: string, actor: { name: string }) => MatrixReq | Promise<MatrixReq>;

export function certificateMatrixFixtures(
  getT: () => TestApp,
  regions: Record<string, string>,
  orgs: Record<string, string>,
  volunteerOf: (actor: { name: string }) => Promise<string>,
): Record<string, Fixture> {
  const targeted = (rel: string) => rel !== 'none' && rel !== 'self';
  /** A volunteer without an account with one confirmed record of the organization. */
  const recorded = async (orgId: string) => {
    const t = getT();
    const v = await addVolunteerRecord(t, null);
    await insertRecord(t, { volunteerId: v.id, orgId, date: '2026-10-01', minutes: 120 });
    // Issuing needs the organization's person in charge.
    await t.handle.db
      .updateTable('organizations')
      .set({ person_in_charge: '矩阵负责人' })
      .where('id', '=', orgId)
      .where('person_in_charge', 'is', null)
      .execute();
    return v.id;
  };
  const onRequest =
    (path: string, payload: unknown): Fixture =>
    async (rel) => {
      if (!targeted(rel)) return null;
      const orgId = orgs[rel]!;
      const id = await insertRequest(getT(), await recorded(orgId), orgId);
      return { method: 'POST', url: `/api/certificates/${id}${path}`, payload };
    };
  const onIssued =
    (method: string, path: string, payload?: unknown): Fixture =>
    async (rel) => {
      if (!targeted(rel)) return null;
      const orgId = orgs[rel]!;
      const c = await insertIssuedCertificate(getT(), await recorded(orgId), orgId);
      return { method, url: `/api/certificates/${c.id}${path}`, ...(payload ? { payload } : {}) };
    };
  const onOrg =
    (method: string, path: string, payload?: unknown): Fixture =>
    (rel) =>
      targeted(rel)
        ? { method, url: `/api/organizations/${orgs[rel]}${path}`, ...(payload ? { payload } : {}) }
        : null;
  const self =
    (method: string, url: string): Fixture =>
    (rel) =>
      rel === 'self' ? { method, url } : null;

  return {
    'GET /api/me/certificates/sources': self('GET', '/api/me/certificates/sources'),
    'GET /api/me/certificates': self('GET', '/api/me/certificates'),
    'POST /api/me/certificates': async (rel, actor) => {
      if (rel !== 'self') return null;
      const volunteerId = await volunteerOf(actor);
      await insertRecord(getT(), { volunteerId, orgId: orgs.same!, date: '2026-10-02', minutes: 60 });
      return { method: 'POST', url: '/api/me/certificates', payload: { orgId: orgs.same, scope: 'all' } };
    },
    'GET /api/me/certificates/:id/pdf': async (rel, actor) => {
      if (rel !== 'self') return null;
      const t = getT();
      const volunteerId = await volunteerOf(actor);
      await insertRecord(t, { volunteerId, orgId: orgs.same!, date: '2026-10-03', minutes: 60 });
      const c = await insertIssuedCertificate(t, volunteerId, orgs.same!);
      return { method: 'GET', url: `/api/me/certificates/${c.id}/pdf` };
    },
    'GET /api/organizations/:id/certificates': onOrg('GET', '/certificates'),
    // The region admins' own queue: all of the caller's scopes, or narrowed to the relation's region.
    'GET /api/certificates/region-queue': (rel) =>
      rel === 'self'
        ? null
        : {
            method: 'GET',
            url: `/api/certificates/region-queue${rel === 'none' ? '' : `?region=${regions[rel]}`}`,
          },
    'POST /api/certificates/:id/issue': onRequest('/issue', {}),
    'POST /api/certificates/:id/reject': onRequest('/reject', { reason: '矩阵测试驳回' }),
    'POST /api/certificates/:id/revoke': onIssued('POST', '/revoke', { reason: '矩阵测试撤销' }),
    'GET /api/certificates/:id/pdf': onIssued('GET', '/pdf'),
    'GET /api/organizations/:id/certificate-seal': onOrg('GET', '/certificate-seal'),
    'PUT /api/organizations/:id/certificate-seal': onOrg('PUT', '/certificate-seal', { seal: null }),
    'GET /api/certificates/:number/verify': async (rel) => {
      if (rel !== 'none') return null;
      const orgId = orgs.same!;
      const c = await insertIssuedCertificate(getT(), await recorded(orgId), orgId);
      return { method: 'GET', url: `/api/certificates/${c.number}/verify` };
    },
  };
}

export const matrixFixtures: MatrixFixtures = (env) =>
  certificateMatrixFixtures(env.t, env.regions, env.orgs, env.volunteerOf);
