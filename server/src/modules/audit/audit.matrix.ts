/** Authorization-matrix fixtures for the audit log routes (no target: the audit admin's duty). */
import type { MatrixFixtures } from '../../test/matrix.ts';

export const matrixFixtures: MatrixFixtures = () => ({
  'GET /api/audit': (rel) => (rel === 'none' ? { method: 'GET', url: '/api/audit' } : null),
  'POST /api/audit/verify': (rel) => (rel === 'none' ? { method: 'POST', url: '/api/audit/verify' } : null),
});
