/** Authorization-matrix fixtures for the time bank: the volunteer's own as "self", the console by region. */
import { randomUUID } from 'node:crypto';
import type { MatrixFixture, MatrixFixtures } from '../../test/matrix.ts';
import { targeted } from '../../test/matrix.ts';

const NIL = '00000000-0000-4000-8000-000000000000';
const idem = () => ({ 'idempotency-key': randomUUID() });

const self =
  (method: string, url: string, payload?: unknown, money = false): MatrixFixture =>
  (rel) =>
    rel === 'self'
      ? { method, url, ...(payload !== undefined ? { payload } : {}), ...(money ? { headers: idem() } : {}) }
      : null;

export const matrixFixtures: MatrixFixtures = ({ regions, orgs }) => {
  const inQuery =
    (path: string, extra = ''): MatrixFixture =>
    (rel) =>
      targeted(rel) ? { method: 'GET', url: `${path}?region=${regions[rel]}${extra}` } : null;
  const inBody =
    (method: string, url: string, body: Record<string, unknown>, money = false): MatrixFixture =>
    (rel) =>
      targeted(rel)
        ? { method, url, payload: { region: regions[rel], ...body }, ...(money ? { headers: idem() } : {}) }
        : null;
  return {
    'GET /api/me/timebank': self('GET', '/api/me/timebank'),
    'GET /api/me/timebank/statement': self('GET', `/api/me/timebank/statement?accountId=${NIL}`),
    'GET /api/me/timebank/statement.xlsx': self('GET', `/api/me/timebank/statement.xlsx?accountId=${NIL}`),
    'POST /api/me/timebank/family': self('POST', '/api/me/timebank/family', {
      schemeId: NIL,
      name: '矩阵亲属',
      relation: 'parent',
    }),
    'POST /api/me/timebank/transfers': self(
      'POST',
      '/api/me/timebank/transfers',
      { fromAccountId: NIL, to: { kind: 'pool' }, amount: 1 },
      true,
    ),
    'GET /api/me/timebank/menu': self('GET', `/api/me/timebank/menu?schemeId=${NIL}`),
    'GET /api/me/timebank/bookings': self('GET', '/api/me/timebank/bookings'),
    'POST /api/me/timebank/bookings': self(
      'POST',
      '/api/me/timebank/bookings',
      { accountId: NIL, menuItemId: NIL },
      true,
    ),
    'POST /api/me/timebank/bookings/:id/cancel': self(
      'POST',
      `/api/me/timebank/bookings/${NIL}/cancel`,
      {},
      true,
    ),
    'GET /api/timebank/schemes': (rel) =>
      rel === 'none' ? { method: 'GET', url: '/api/timebank/schemes' } : null,
    'PUT /api/timebank/schemes': inBody('PUT', '/api/timebank/schemes', { name: '矩阵时间银行' }),
    'GET /api/timebank/accounts': inQuery('/api/timebank/accounts'),
    'GET /api/timebank/statement': inQuery('/api/timebank/statement', `&accountId=${NIL}`),
    'GET /api/timebank/statement.xlsx': inQuery('/api/timebank/statement.xlsx', `&accountId=${NIL}`),
    'GET /api/timebank/reconcile': inQuery('/api/timebank/reconcile'),
    'POST /api/timebank/reversals': inBody(
      'POST',
      '/api/timebank/reversals',
      { transferId: 1, reason: '矩阵' },
      true,
    ),
    'POST /api/timebank/team-transfers': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: '/api/timebank/team-transfers',
            payload: { orgId: orgs[rel], schemeId: NIL, to: { kind: 'pool' }, amount: 1 },
            headers: idem(),
          }
        : null,
    'GET /api/timebank/menu': inQuery('/api/timebank/menu'),
    'GET /api/timebank/dispatch-items': inQuery('/api/timebank/dispatch-items'),
    'POST /api/timebank/menu': inBody('POST', '/api/timebank/menu', { name: '矩阵服务', points: 1 }),
    'GET /api/timebank/bookings': inQuery('/api/timebank/bookings'),
    'POST /api/timebank/bookings': inBody(
      'POST',
      '/api/timebank/bookings',
      { accountId: NIL, menuItemId: NIL },
      true,
    ),
    'POST /api/timebank/bookings/settle': inBody(
      'POST',
      '/api/timebank/bookings/settle',
      { bookingId: NIL, points: 1 },
      true,
    ),
    'POST /api/timebank/bookings/cancel': inBody(
      'POST',
      '/api/timebank/bookings/cancel',
      { bookingId: NIL },
      true,
    ),
    'POST /api/timebank/elders': inBody('POST', '/api/timebank/elders', {
      name: '矩阵长者',
      note: '80岁以上独居',
    }),
    'GET /api/timebank/grants': inQuery('/api/timebank/grants'),
    'POST /api/timebank/grants': inBody('POST', '/api/timebank/grants', {
      elderAccountId: NIL,
      amount: 1,
      reason: '矩阵',
    }),
    'POST /api/timebank/grants/decision': inBody(
      'POST',
      '/api/timebank/grants/decision',
      { grantId: NIL, decision: 'approve' },
      true,
    ),
  };
};
