/**
 * Authorization-matrix fixtures for the organization routes: by-id routes on the relation's organization,
 * lists narrowed to the relation's region, reviews and dissolutions on a fresh organization each.
 */
import { targeted, type MatrixFixtures, type MatrixReq, type Relation } from '../../test/matrix.ts';
import { insertOrganization, registration } from '../memberships/memberships.testkit.ts';

let seq = 0;

export const matrixFixtures: MatrixFixtures = ({ t, regions, orgs }) => {
  /** A region-scoped list: all of the caller's scopes without a region, else narrowed to the relation's. */
  const regionList = (url: string, rel: Relation): MatrixReq | null => {
    if (rel === 'self') return null;
    return { method: 'GET', url: rel === 'none' ? url : `${url}?region=${regions[rel]}` };
  };
  return {
    'GET /api/organizations/:id': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/organizations/${orgs[rel]}` } : null,
    'PUT /api/organizations/:id/contacts': (rel) =>
      targeted(rel)
        ? {
            method: 'PUT',
            url: `/api/organizations/${orgs[rel]}/contacts`,
            payload: { handlerName: '矩阵经办人', contactName: '矩阵联系人' },
          }
        : null,
    'POST /api/organizations': (rel) =>
      rel === 'self' ? { method: 'POST', url: '/api/organizations', payload: registration() } : null,
    'GET /api/me/organizations': (rel) =>
      rel === 'self' ? { method: 'GET', url: '/api/me/organizations' } : null,
    'GET /api/organizations': (rel) => regionList('/api/organizations', rel),
    'GET /api/organizations/export.xlsx': (rel) => regionList('/api/organizations/export.xlsx', rel),
    'GET /api/organizations/review-queue': (rel) => regionList('/api/organizations/review-queue', rel),
    'POST /api/organizations/:id/review': async (rel) => {
      if (!targeted(rel)) return null;
      const id = await insertOrganization(t(), `待审-${rel}`, regions[rel], { status: 'pending' });
      return { method: 'POST', url: `/api/organizations/${id}/review`, payload: { decision: 'approve' } };
    },
    // A fresh approved organization in the relation's region for each call: dissolution is final.
    'POST /api/organizations/:id/dissolve': async (rel) => {
      if (!targeted(rel)) return null;
      const id = await insertOrganization(t(), `待注销-${rel}`, regions[rel]);
      return {
        method: 'POST',
        url: `/api/organizations/${id}/dissolve`,
        payload: { reason: '矩阵测试注销' },
      };
    },
    'GET /api/organizations/change-queue': (rel) => regionList('/api/organizations/change-queue', rel),
    // The first call opens a change; later ones answer 409 (one open at a time), still not a denial.
    'POST /api/organizations/:id/changes': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: `/api/organizations/${orgs[rel]}/changes`,
            payload: { address: `矩阵地址 ${++seq} 号` },
          }
        : null,
    'GET /api/organizations/:id/changes': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/organizations/${orgs[rel]}/changes` } : null,
    // A fresh organization with a pending change asked by its registrant, for each call.
    'POST /api/organizations/:id/changes/:changeId/review': async (rel) => {
      if (!targeted(rel)) return null;
      const db = t().handle.db;
      const by = await db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
      const id = await insertOrganization(t(), `待变更-${rel}-${++seq}`, regions[rel], { createdBy: by.id });
      const change = await db
        .insertInto('organization_changes')
        .values({
          org_id: id,
          changes: JSON.stringify({ address: '矩阵新地址' }),
          previous: JSON.stringify({ address: null }),
          requested_by: by.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        method: 'POST',
        url: `/api/organizations/${id}/changes/${change.id}/review`,
        payload: { decision: 'reject', reason: '矩阵测试' },
      };
    },
    'GET /api/organizations/:id/summary': (rel) =>
      rel === 'self' ? { method: 'GET', url: `/api/organizations/${orgs.same}/summary` } : null,
    'GET /api/organizations/:id/tree': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/organizations/${orgs[rel]}/tree` } : null,
  };
};
