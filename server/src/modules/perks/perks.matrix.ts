/**
 * Authorization-matrix fixtures for partners, perks, redemption and the card. Region admin routes act on a
 * fresh partner in the relation's region; volunteer and partner-counter routes run as "self" (the counter
 * checks staff membership in the service: a stranger gets 404); the card check is public.
 */
import type { MatrixFixtures, MatrixReq, Relation } from '../../test/matrix.ts';
import { targeted } from '../../test/matrix.ts';
import type { TestApp } from '../../test/harness.ts';

async function someUser(t: TestApp) {
  return (
    await t.handle.db
      .selectFrom('users')
      .select('id')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).id;
}

export async function insertPartner(t: TestApp, region: string) {
  const r = await t.handle.db
    .insertInto('partners')
    .values({ name: '矩阵测试商家', kind: 'merchant', region_code: region, created_by: await someUser(t) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertPerk(t: TestApp, partnerId: string) {
  const r = await t.handle.db
    .insertInto('perks')
    .values({
      partner_id: partnerId,
      title: '矩阵测试优待',
      min_star: 1,
      min_hours: 0,
      discounts: [0, 20, 30, 40, 50, 100],
      valid_from: '2026-01-01',
      valid_until: '2026-12-31',
      per_person_limit: 1,
      limit_period: 'day',
      created_by: await someUser(t),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const PERK = {
  title: '矩阵测试优待',
  minStar: 1,
  minHours: 0,
  discounts: [0, 20, 30, 40, 50, 100],
  validFrom: '2026-01-01',
  validUntil: '2026-12-31',
  quotaTotal: null,
  perPersonLimit: 1,
  limitPeriod: 'day',
};

export const matrixFixtures: MatrixFixtures = (env) => {
  const self =
    (method: string, url: string, payload?: unknown) =>
    (rel: Relation): MatrixReq | null =>
      rel === 'self' ? { method, url, ...(payload ? { payload } : {}) } : null;
  const onPartner =
    (method: string, path: string, payload?: unknown) =>
    async (rel: Relation): Promise<MatrixReq | null> =>
      targeted(rel)
        ? {
            method,
            url: `/api/partners/${await insertPartner(env.t(), env.regions[rel])}${path}`,
            ...(payload ? { payload } : {}),
          }
        : null;
  const desk = (path: string) => async (rel: Relation) => {
    if (rel !== 'self') return null;
    const p = await insertPartner(env.t(), env.regions.same);
    return { method: 'POST', url: `/api/partner-desk/${p}${path}`, payload: { code: 'P1.not-a-code' } };
  };
  return {
    'POST /api/partners': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: '/api/partners',
            payload: { region: env.regions[rel], name: '矩阵商家', kind: 'merchant' },
          }
        : null,
    'GET /api/partners': (rel) =>
      rel === 'self'
        ? null
        : { method: 'GET', url: `/api/partners${rel === 'none' ? '' : `?region=${env.regions[rel]}`}` },
    'POST /api/partners/:id/staff': onPartner('POST', '/staff', { username: 'grantee' }),
    'POST /api/partners/:id/perks': onPartner('POST', '/perks', PERK),
    'GET /api/partners/:id/perks': onPartner('GET', '/perks'),
    'GET /api/me/perks': self('GET', '/api/me/perks'),
    'POST /api/me/perks/:id/code': async (rel) => {
      if (rel !== 'self') return null;
      const t = env.t();
      const perk = await insertPerk(t, await insertPartner(t, env.regions.same));
      return { method: 'POST', url: `/api/me/perks/${perk}/code` };
    },
    'GET /api/partner-desk': self('GET', '/api/partner-desk'),
    'POST /api/partner-desk/:id/verify': desk('/verify'),
    'POST /api/partner-desk/:id/redeem': desk('/redeem'),
    'GET /api/me/card': self('GET', '/api/me/card'),
    'GET /api/cards/verify': (rel) =>
      rel === 'none' ? { method: 'GET', url: '/api/cards/verify?code=C1.X.1.0' } : null,
  };
};
