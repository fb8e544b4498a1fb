/** Authorization-matrix fixtures for the national export routes, by the relation's region. */
import { targeted, type MatrixFixtures } from '../../test/matrix.ts';

export const matrixFixtures: MatrixFixtures = ({ regions }) => ({
  'GET /api/exports/national': (rel) =>
    targeted(rel)
      ? { method: 'GET', url: `/api/exports/national?region=${regions[rel]}&kind=organizations&limit=5` }
      : null,
  'POST /api/exports/national/ack': (rel) =>
    targeted(rel)
      ? {
          method: 'POST',
          url: '/api/exports/national/ack',
          payload: {
            region: regions[rel],
            status: 'synced',
            keys: [
              {
                volunteerNo: 'X',
                activityKey: '00000000-0000-4000-8000-000000000000',
                serviceDate: '2026-11-01',
              },
            ],
          },
        }
      : null,
});
