/**
 * Authorization-matrix fixtures for the civic routes: the reporter's routes as "self" on a case of the
 * actor's own, the unit's and supervisors' routes on a fresh case in the relation's region routed to the
 * relation's organization (so state changes never interfere).
 */
import { targeted, type MatrixActor, type MatrixFixtures, type Relation } from '../../test/matrix.ts';
import { insertCase, photo, reportBody } from './civic.testkit.ts';

export const matrixFixtures: MatrixFixtures = ({ t, regions, orgs }) => {
  const own =
    (
      method: string,
      path: (c: { id: string; photoId: string }) => string,
      opts: { handled?: boolean; payload?: unknown } = {},
    ) =>
    async (rel: Relation, actor: MatrixActor) => {
      if (rel !== 'self') return null;
      const c = await insertCase(t(), {
        ...(actor.user ? { reporterId: actor.user.id } : {}),
        ...(opts.handled ? { handled: true } : {}),
      });
      return { method, url: path(c), ...(opts.payload ? { payload: opts.payload } : {}) };
    };
  const onCase =
    (
      method: string,
      path: (c: { id: string; photoId: string }) => string,
      opts: { handled?: boolean; payload?: unknown } = {},
    ) =>
    async (rel: Relation) => {
      if (!targeted(rel)) return null;
      const c = await insertCase(t(), {
        region: regions[rel],
        unitId: orgs[rel],
        ...(opts.handled ? { handled: true } : {}),
      });
      return { method, url: path(c), ...(opts.payload ? { payload: opts.payload } : {}) };
    };
  const self = (method: string, url: string, payload?: unknown) => (rel: Relation) =>
    rel === 'self' ? { method, url, ...(payload ? { payload } : {}) } : null;
  const inRegion = (url: (region: string) => string) => (rel: Relation) =>
    targeted(rel) ? { method: 'GET', url: url(regions[rel]) } : null;

  return {
    'POST /api/me/civic/reports': self('POST', '/api/me/civic/reports', reportBody()),
    'GET /api/me/civic/reports': self('GET', '/api/me/civic/reports'),
    'GET /api/me/civic/reports/:id': own('GET', (c) => `/api/me/civic/reports/${c.id}`),
    'GET /api/me/civic/reports/:id/photos/:photoId': own(
      'GET',
      (c) => `/api/me/civic/reports/${c.id}/photos/${c.photoId}`,
    ),
    'POST /api/me/civic/reports/:id/rating': own('POST', (c) => `/api/me/civic/reports/${c.id}/rating`, {
      handled: true,
      payload: { rating: 4 },
    }),
    'GET /api/me/civic/points': self('GET', '/api/me/civic/points'),
    'GET /api/civic/cases': (rel) => (rel === 'none' ? { method: 'GET', url: '/api/civic/cases' } : null),
    'GET /api/civic/cases/:id': onCase('GET', (c) => `/api/civic/cases/${c.id}`),
    'GET /api/civic/cases/:id/photos/:photoId': onCase(
      'GET',
      (c) => `/api/civic/cases/${c.id}/photos/${c.photoId}`,
    ),
    'POST /api/civic/cases/:id/handling': onCase('POST', (c) => `/api/civic/cases/${c.id}/handling`, {
      payload: { note: '已清理完毕', proof: [photo()] },
    }),
    'POST /api/civic/cases/:id/review': onCase('POST', (c) => `/api/civic/cases/${c.id}/review`, {
      handled: true,
      payload: { rating: 5 },
    }),
    'GET /api/civic/routes': inRegion((r) => `/api/civic/routes?region=${r}`),
    'POST /api/civic/routes': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: '/api/civic/routes',
            payload: { region: regions[rel], category: 'any', unitId: orgs[rel], deadlineDays: 3 },
          }
        : null,
    'GET /api/civic/figures': inRegion((r) => `/api/civic/figures?region=${r}&from=2026-11-01&to=2026-11-30`),
  };
};
