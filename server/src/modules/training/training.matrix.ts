/**
 * Authorization-matrix fixtures for the training routes: public reads as "none", a volunteer's own routes as
 * "self", course routes on a fresh course of the relation's organization, claim and qualification routes on
 * a volunteer residing in the relation's region; coverage names the org admin's organization, else a region.
 */
import { targeted, type MatrixActor, type MatrixFixtures, type Relation } from '../../test/matrix.ts';
import {
  claimBody,
  courseBody,
  insertClaim,
  insertCourse,
  insertQualification,
  RIGHT,
  volunteerIn,
} from './training.testkit.ts';

export const matrixFixtures: MatrixFixtures = ({ t, regions, orgs }) => {
  const self = (method: string, url: string, payload?: unknown) => (rel: Relation) =>
    rel === 'self' ? { method, url, ...(payload ? { payload } : {}) } : null;
  const onCourse =
    (method: string, path = '', payload?: unknown) =>
    async (rel: Relation) => {
      if (!targeted(rel)) return null;
      const id = await insertCourse(t(), { orgId: orgs[rel], region: regions[rel] });
      return { method, url: `/api/training/manage/courses/${id}${path}`, ...(payload ? { payload } : {}) };
    };
  const onClaim = (method: string, path: string, payload?: unknown) => async (rel: Relation) => {
    if (!targeted(rel)) return null;
    const v = await volunteerIn(t(), regions[rel]);
    const id = await insertClaim(t(), v.id);
    return { method, url: `/api/training/claims/${id}${path}`, ...(payload ? { payload } : {}) };
  };
  return {
    'GET /api/training/courses/:id': async (rel) =>
      rel === 'none' ? { method: 'GET', url: `/api/training/courses/${await insertCourse(t())}` } : null,
    'POST /api/training/courses/:id/attempts': async (rel) =>
      rel === 'self'
        ? {
            method: 'POST',
            url: `/api/training/courses/${await insertCourse(t())}/attempts`,
            payload: { answers: RIGHT },
          }
        : null,
    'GET /api/me/training': self('GET', '/api/me/training'),
    'POST /api/me/training/claims': self('POST', '/api/me/training/claims', claimBody()),
    'GET /api/training/manage/courses': (rel) =>
      rel === 'none' ? { method: 'GET', url: '/api/training/manage/courses' } : null,
    'POST /api/training/manage/courses': (rel) =>
      targeted(rel)
        ? { method: 'POST', url: '/api/training/manage/courses', payload: courseBody({ orgId: orgs[rel] }) }
        : null,
    'GET /api/training/manage/courses/:id': onCourse('GET'),
    'PUT /api/training/manage/courses/:id': onCourse('PUT', '', courseBody()),
    'GET /api/training/manage/courses/:id/completions': onCourse('GET', '/completions'),
    'POST /api/training/manage/courses/:id/completions': onCourse('POST', '/completions', {}),
    'GET /api/training/claims': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/training/claims?region=${regions[rel]}` } : null,
    'GET /api/training/claims/:id/photo': onClaim('GET', '/photo'),
    'POST /api/training/claims/:id/review': onClaim('POST', '/review', {
      approve: false,
      note: '照片不清晰',
    }),
    'GET /api/training/volunteers/:id/qualifications': async (rel) => {
      if (!targeted(rel)) return null;
      const v = await volunteerIn(t(), regions[rel]);
      await insertQualification(t(), v.id);
      return { method: 'GET', url: `/api/training/volunteers/${v.id}/qualifications` };
    },
    'POST /api/training/qualifications/:id/revoke': async (rel) => {
      if (!targeted(rel)) return null;
      const v = await volunteerIn(t(), regions[rel]);
      const id = await insertQualification(t(), v.id);
      return {
        method: 'POST',
        url: `/api/training/qualifications/${id}/revoke`,
        payload: { reason: '证书已注销' },
      };
    },
    'GET /api/training/coverage': (rel: Relation, actor: MatrixActor) =>
      targeted(rel)
        ? {
            method: 'GET',
            url:
              actor.role === 'org_admin'
                ? `/api/training/coverage?orgId=${orgs[rel]}`
                : `/api/training/coverage?region=${regions[rel]}`,
          }
        : null,
  };
};
