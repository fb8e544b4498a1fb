/**
 * Authorization-matrix fixtures for sign-in, the caller's own account and forgotten password. Routes that
 * would end the actor's session, replace its authenticator or count toward its lockout are covered in
 * auth.test.ts instead.
 */
import type { MatrixFixtures } from '../../test/matrix.ts';

export const matrixFixtures: MatrixFixtures = () => ({
  'POST /api/auth/login': (rel) =>
    rel === 'none'
      ? {
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'grantee', password: 'wrong-password-1' },
        }
      : null,
  // Forgotten password: public; every actor may ask (the answers say nothing of anyone).
  'POST /api/auth/password-reset/request': (rel) =>
    rel === 'none'
      ? { method: 'POST', url: '/api/auth/password-reset/request', payload: { identifier: 'grantee' } }
      : null,
  'POST /api/auth/password-reset/confirm': (rel) =>
    rel === 'none'
      ? {
          method: 'POST',
          url: '/api/auth/password-reset/confirm',
          payload: { identifier: 'grantee', code: '000000', newPassword: 'Whatever-123' },
        }
      : null,
  'POST /api/auth/logout': () => null, // ends the actor's session: covered in auth.test.ts
  'GET /api/me': (rel) => (rel === 'self' ? { method: 'GET', url: '/api/me' } : null),
  'POST /api/auth/password': (rel) =>
    rel === 'self'
      ? {
          method: 'POST',
          url: '/api/auth/password',
          payload: { currentPassword: 'not-it-123', newPassword: 'Whatever-123' },
        }
      : null,
  'PUT /api/me/locale': (rel) =>
    rel === 'self' ? { method: 'PUT', url: '/api/me/locale', payload: { locale: 'zh-CN' } } : null,
  'POST /api/auth/totp/setup': () => null, // would replace the actor's own authenticator: covered in auth.test.ts
  'POST /api/auth/totp/enable': (rel) =>
    rel === 'self' ? { method: 'POST', url: '/api/auth/totp/enable', payload: { code: '000000' } } : null,
  'POST /api/auth/totp/verify': () => null, // a wrong code counts toward lockout: covered in auth.test.ts
});
