/** Authorization-matrix fixtures for insurance: policies by region, coverage by the volunteer's region. */
import { targeted, type MatrixFixtures, type Relation } from '../../test/matrix.ts';
import { registerVolunteer } from '../volunteers/volunteers.testkit.ts';
import { insertPolicy, policyBody } from './insurance.testkit.ts';

export const matrixFixtures: MatrixFixtures = ({ t, regions }) => {
  const onPolicy =
    (method: string, path = '', payload?: unknown) =>
    async (rel: Relation) => {
      if (!targeted(rel)) return null;
      const id = await insertPolicy(t(), { region: regions[rel] });
      return { method, url: `/api/insurance/policies/${id}${path}`, ...(payload ? { payload } : {}) };
    };
  const subjects = new Map<string, Promise<string>>();
  const volunteerIn = (rel: Relation) => {
    if (!subjects.has(rel))
      subjects.set(
        rel,
        registerVolunteer(t(), { regionCode: regions[rel as keyof typeof regions] }).then(
          (r) => r.volunteer.id,
        ),
      );
    return subjects.get(rel)!;
  };
  return {
    'GET /api/insurance/policies': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/insurance/policies?region=${regions[rel]}` } : null,
    'POST /api/insurance/policies': (rel) =>
      targeted(rel)
        ? { method: 'POST', url: '/api/insurance/policies', payload: policyBody(regions[rel]) }
        : null,
    'GET /api/insurance/policies/:id': onPolicy('GET'),
    'POST /api/insurance/policies/:id/withdraw': onPolicy('POST', '/withdraw', { reason: '保单号录入错误' }),
    'GET /api/insurance/volunteers/:id/coverage': async (rel) =>
      targeted(rel)
        ? { method: 'GET', url: `/api/insurance/volunteers/${await volunteerIn(rel)}/coverage` }
        : null,
    'GET /api/me/insurance': (rel) => (rel === 'self' ? { method: 'GET', url: '/api/me/insurance' } : null),
  };
};
