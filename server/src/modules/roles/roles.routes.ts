import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GrantBody, GrantListQuery, GrantPage, GrantParams } from '@yiqi/shared/contracts/roles';
import { OkSchema } from '@yiqi/shared/contracts/common';
import { staff } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as roles from './roles.service.ts';

const tags = ['roles'];
const GRANTORS = ['region_admin', 'security_admin'] as const;

export function registerRoleRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/admin/role-grants', {
    schema: {
      tags,
      summary: 'Active role grants in a region subtree',
      querystring: GrantListQuery,
      response: { 200: GrantPage },
    },
    config: { access: staff(GRANTORS, targets.regionInQuery) },
    handler: (req) => roles.listGrants(ctxOf(req), req.query.region, req.query.page, req.query.pageSize),
  });

  r.post('/api/admin/role-grants', {
    schema: {
      tags,
      summary: 'Grant a role at or below the caller’s scope',
      body: GrantBody,
      response: { 200: z.object({ id: z.uuid() }) },
    },
    config: { access: staff(GRANTORS, targets.grantScopeInBody) },
    handler: (req) => roles.grantRole(ctxOf(req), req.body),
  });

  r.delete('/api/admin/role-grants/:id', {
    schema: { tags, summary: 'Revoke a role grant', params: GrantParams, response: { 200: OkSchema } },
    config: { access: staff(GRANTORS, targets.roleGrantById) },
    handler: async (req) => {
      await roles.revokeRole(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  });
}
