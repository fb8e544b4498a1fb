/**
 * Authorization-matrix fixtures for dispatch suggestions (the need's region in the body) and service points
 * (the caller's own; an organization by id).
 */
import { targeted, type MatrixFixtures } from '../../test/matrix.ts';

export const matrixFixtures: MatrixFixtures = ({ regions, orgs }) => ({
  'POST /api/dispatch/suggestions': (rel) =>
    targeted(rel)
      ? {
          method: 'POST',
          url: '/api/dispatch/suggestions',
          payload: {
            regionCode: regions[rel],
            skills: ['急救'],
            startsAt: '2026-12-20T01:00:00Z',
            endsAt: '2026-12-20T03:00:00Z',
          },
        }
      : null,
  'GET /api/me/service-point': (rel) =>
    rel === 'self' ? { method: 'GET', url: '/api/me/service-point' } : null,
  'PUT /api/me/service-point': (rel) =>
    rel === 'self'
      ? { method: 'PUT', url: '/api/me/service-point', payload: { point: { lat: 22.53, lng: 113.93 } } }
      : null,
  'PUT /api/organizations/:id/service-point': (rel) =>
    targeted(rel)
      ? {
          method: 'PUT',
          url: `/api/organizations/${orgs[rel]}/service-point`,
          payload: { point: { lat: 22.53, lng: 113.93 } },
        }
      : null,
});
