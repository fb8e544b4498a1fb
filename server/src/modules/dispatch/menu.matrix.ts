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
  };
}
