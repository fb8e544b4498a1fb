/** Authorization-matrix fixtures for the region routes (public). */
import type { MatrixFixtures } from '../../test/matrix.ts';

export const matrixFixtures: MatrixFixtures = ({ regions }) => ({
  'GET /api/regions': (rel) =>
    rel === 'none' ? { method: 'GET', url: '/api/regions?parent=440300000000' } : null,
  'GET /api/regions/:code': (rel) =>
    rel === 'none' ? { method: 'GET', url: `/api/regions/${regions.same}` } : null,
});
