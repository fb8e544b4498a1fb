/** Authorization-matrix fixtures for the notification routes: the volunteer's own, as "self". */
import type { MatrixFixture, MatrixFixtures } from '../../test/matrix.ts';

const NIL = '00000000-0000-4000-8000-000000000000';
const self =
  (method: string, url: string): MatrixFixture =>
  (rel) =>
    rel === 'self' ? { method, url } : null;

export const matrixFixtures: MatrixFixtures = () => ({
  'GET /api/me/notifications': self('GET', '/api/me/notifications'),
  'POST /api/me/notifications/:id/read': self('POST', `/api/me/notifications/${NIL}/read`),
  'POST /api/me/notifications/read-all': self('POST', '/api/me/notifications/read-all'),
  'GET /api/me/notification-preferences': self('GET', '/api/me/notification-preferences'),
  'PUT /api/me/notification-preferences': (rel) =>
    rel === 'self'
      ? { method: 'PUT', url: '/api/me/notification-preferences', payload: { email: false } }
      : null,
  'GET /api/me/notification-deliveries': self('GET', '/api/me/notification-deliveries'),
  // The caller's own addresses (addresses.routes.ts): only ever their own account.
  'POST /api/me/email/code': (rel) =>
    rel === 'self'
      ? { method: 'POST', url: '/api/me/email/code', payload: { email: 'matrix@example.com' } }
      : null,
  'PUT /api/me/email': (rel) =>
    rel === 'self'
      ? { method: 'PUT', url: '/api/me/email', payload: { email: 'matrix@example.com', code: '000000' } }
      : null,
  'DELETE /api/me/email': self('DELETE', '/api/me/email'),
  'PUT /api/me/wechat': (rel) =>
    rel === 'self' ? { method: 'PUT', url: '/api/me/wechat', payload: { code: 'matrix-login-code' } } : null,
  'DELETE /api/me/wechat': self('DELETE', '/api/me/wechat'),
});
