/** Authorization-matrix fixtures for dispatch suggestions: the need's region in the body. */
import { targeted, type MatrixFixtures } from '../../test/matrix.ts';

export const matrixFixtures: MatrixFixtures = ({ regions }) => ({
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
});
