/**
 * Authorization-matrix fixtures of the menu-management routes (menu.routes.ts), spread into the dispatch
 * module's fixtures: item routes act on a fresh approved item of the relation's region, so an edit or a
 * retirement never meets one already retired.
 */
import type { TestApp } from '../../test/harness.ts';
import { targeted, type MatrixEnv, type MatrixFixture } from '../../test/matrix.ts';

async function seedUnitItem(t: TestApp, region: string) {
  const { level } = await t.handle.db
    .selectFrom('regions')
    .select('level')
    .where('code', '=', region)
    .orderBy('level', 'desc')
    .executeTakeFirstOrThrow();
  const row = await t.handle.db
    .insertInto('dispatch_menu_items')
    .values({
      unit_code: region,
      unit_level: level,
      category: '矩阵',
      title: '矩阵菜单项目',
      description: '授权矩阵',
      team_ids: [],
      status: 'approved',
      offered_by_org: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The first community inside a district or street (by code). */
async function communityIn(t: TestApp, code: string) {
  const prefix = code.endsWith('000000') ? code.slice(0, 6) : code.slice(0, 9);
  const row = await t.handle.db
    .selectFrom('regions')
    .select('code')
    .where('level', '=', 5)
    .where('code', 'like', `${prefix}%`)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return row.code;
}

export function menuFixtures({ t, regions, orgs }: MatrixEnv): Record<string, MatrixFixture> {
  const region = (rel: string) => regions[rel as keyof typeof regions];
  const org = (rel: string) => orgs[rel as keyof typeof orgs];
  const onItem =
    (method: string, path: string, payload?: unknown): MatrixFixture =>
    async (rel) =>
      targeted(rel)
        ? {
            method,
            url: `/api/dispatch/menu-items/${await seedUnitItem(t(), region(rel))}${path}`,
            ...(payload !== undefined ? { payload } : {}),
          }
        : null;
  return {
    'GET /api/dispatch/unit-items': (rel) =>
      targeted(rel)
        ? { method: 'GET', url: `/api/dispatch/unit-items?region=${region(rel)}&status=proposed` }
        : null,
    'PUT /api/dispatch/menu-items/:id': onItem('PUT', '', {
      category: '矩阵',
      title: '矩阵（改）',
      description: '授权矩阵',
      teamIds: [],
    }),
    'POST /api/dispatch/menu-items/:id/retire': onItem('POST', '/retire'),
    'GET /api/dispatch/offers': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/dispatch/offers?orgId=${org(rel)}` } : null,
    'GET /api/dispatch/eligible-teams': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/dispatch/eligible-teams?region=${region(rel)}` } : null,
    // In scope, a community of the relation's region acts as the village (the offer is made); outside it,
    // the region itself, which the scope check refuses before anything else.
    'POST /api/dispatch/village-offers': async (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: '/api/dispatch/village-offers',
            payload: {
              region:
                rel === 'same' || rel === 'descendant' ? await communityIn(t(), region(rel)) : region(rel),
              to: region('same'),
              category: '矩阵',
              title: '矩阵村供单',
              description: '授权矩阵',
            },
          }
        : null,
    'GET /api/dispatch/village-offers': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/dispatch/village-offers?region=${region(rel)}` } : null,
  };
}
