/** Authorization-matrix fixtures for the to-do list: no target (the service keeps to the caller's scopes). */
import type { MatrixFixtures } from '../../test/matrix.ts';

export const matrixFixtures: MatrixFixtures = () => ({
  'GET /api/console/todo': (rel) => (rel === 'none' ? { method: 'GET', url: '/api/console/todo' } : null),
});
