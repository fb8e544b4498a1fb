/**
 * Authorization-matrix fixtures for the statistics routes: a region's overview and population named in the
 * query (the relation's region at its level), an organization's overview by id, the public figures, and a
 * population entry for the caller's own district.
 */
import { targeted, type MatrixFixtures, type Relation } from '../../test/matrix.ts';

const LEVEL: Record<Exclude<Relation, 'none' | 'self'>, number> = {
  same: 3,
  descendant: 4,
  ancestor: 2,
  sibling: 3,
  other_city: 3,
  other_province: 3,
};
const PERIOD = 'from=2026-01-01&to=2026-03-31';

export const matrixFixtures: MatrixFixtures = ({ regions, orgs }) => ({
  'GET /api/statistics/overview': (rel) =>
    targeted(rel)
      ? {
          method: 'GET',
          url: `/api/statistics/overview?region=${regions[rel]}&level=${LEVEL[rel]}&${PERIOD}`,
        }
      : null,
  'GET /api/statistics/organizations/:id/overview': (rel) =>
    targeted(rel)
      ? { method: 'GET', url: `/api/statistics/organizations/${orgs[rel]}/overview?${PERIOD}` }
      : null,
  'GET /api/statistics/overview.xlsx': (rel) =>
    targeted(rel)
      ? {
          method: 'GET',
          url: `/api/statistics/overview.xlsx?region=${regions[rel]}&level=${LEVEL[rel]}&${PERIOD}`,
        }
      : null,
  'GET /api/statistics/organizations/:id/overview.xlsx': (rel) =>
    targeted(rel)
      ? { method: 'GET', url: `/api/statistics/organizations/${orgs[rel]}/overview.xlsx?${PERIOD}` }
      : null,
  'GET /api/statistics/overview.pdf': (rel) =>
    targeted(rel)
      ? {
          method: 'GET',
          url: `/api/statistics/overview.pdf?region=${regions[rel]}&level=${LEVEL[rel]}&${PERIOD}`,
        }
      : null,
  'GET /api/statistics/organizations/:id/overview.pdf': (rel) =>
    targeted(rel)
      ? { method: 'GET', url: `/api/statistics/organizations/${orgs[rel]}/overview.pdf?${PERIOD}` }
      : null,
  'GET /api/public/figures': (rel) =>
    rel === 'none' ? { method: 'GET', url: `/api/public/figures?region=${regions.same}` } : null,
  'GET /api/statistics/population': (rel) =>
    targeted(rel)
      ? { method: 'GET', url: `/api/statistics/population?region=${regions[rel]}&level=${LEVEL[rel]}` }
      : null,
  'POST /api/statistics/population': (rel) =>
    rel === 'none'
      ? {
          method: 'POST',
          url: '/api/statistics/population',
          payload: {
            entries: [{ code: regions.same, level: 3, year: 2024, population: 1795000, source: '矩阵测试' }],
          },
        }
      : null,
});
