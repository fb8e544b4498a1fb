/** Authorization-matrix fixtures for the calendar routes: own download and feed as "self", the feed public. */
import type { MatrixFixture, MatrixFixtures } from '../../test/matrix.ts';

const self =
  (method: string, url: string): MatrixFixture =>
  (rel) =>
    rel === 'self' ? { method, url } : null;

export const matrixFixtures: MatrixFixtures = () => ({
  'GET /api/me/calendar.ics': self('GET', '/api/me/calendar.ics'),
  'POST /api/me/calendar-feed': self('POST', '/api/me/calendar-feed'),
  'GET /api/calendar/:token': (rel) =>
    rel === 'none' ? { method: 'GET', url: `/api/calendar/${'A'.repeat(43)}.ics` } : null,
});
