import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OrganizationParams, OrganizationView } from '@yiqi/shared/contracts/organizations';
import { resolveScope } from '../roles/roles.service.ts';
import { findOrganization } from '../roles/roles.repository.ts';
import { DomainError } from '../../http/domain-error.ts';

const tags = ['organizations'];

export function registerOrganizationRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/organizations/:id', {
    schema: {
      tags,
      summary: 'One organization, for its admins and the region admins above it',
      params: OrganizationParams,
      response: { 200: OrganizationView },
    },
    config: {
      access: {
        kind: 'staff',
        roles: ['org_admin', 'region_admin'],
        target: (req) => resolveScope(req.server.deps.db, 'organization', (req.params as { id: string }).id),
      },
    },
    handler: async (req) => {
      const o = await findOrganization(req.server.deps.db, req.params.id);
      if (!o) throw new DomainError('NOT_FOUND');
      return { id: o.id, name: o.name, regionCode: o.region_code, regionName: o.region_name };
    },
  });
}
