/** Authorization-matrix fixtures for role grants, in the relation's region (a fresh holder per revocation). */
import { createUser } from '../../test/harness.ts';
import { targeted, type MatrixFixtures } from '../../test/matrix.ts';

export const matrixFixtures: MatrixFixtures = ({ t, regions, orgs }) => {
  let holders = 0;
  return {
    'GET /api/admin/role-grants': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/admin/role-grants?region=${regions[rel]}` } : null,
    'POST /api/admin/role-grants': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: '/api/admin/role-grants',
            payload: {
              username: 'grantee',
              role: 'org_admin',
              scopeType: 'organization',
              scopeId: orgs[rel],
            },
          }
        : null,
    'DELETE /api/admin/role-grants/:id': async (rel) => {
      if (!targeted(rel)) return null;
      const holder = await createUser(t(), `holder-${++holders}`);
      const g = await t()
        .handle.db.insertInto('role_grants')
        .values({ user_id: holder.id, role: 'region_admin', region_code: regions[rel] })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { method: 'DELETE', url: `/api/admin/role-grants/${g.id}` };
    },
  };
};
