/**
 * Authorization-matrix fixtures for the volunteer routes (written in volunteers.testkit.ts) and the account
 * claim, which is public: every actor may ask (the answers say nothing of anyone).
 */
import type { MatrixFixtures } from '../../test/matrix.ts';
import { volunteerMatrixFixtures } from './volunteers.testkit.ts';

export const matrixFixtures: MatrixFixtures = (env) => ({
  ...volunteerMatrixFixtures(env.t, env.regions, env.orgs),
  'POST /api/auth/claim/request': (rel) =>
    rel === 'none'
      ? { method: 'POST', url: '/api/auth/claim/request', payload: { phone: '13900000001' } }
      : null,
  'POST /api/auth/claim/confirm': (rel) =>
    rel === 'none'
      ? {
          method: 'POST',
          url: '/api/auth/claim/confirm',
          payload: { phone: '13900000001', code: '000000', username: 'claimer', password: 'Whatever-123' },
        }
      : null,
});
