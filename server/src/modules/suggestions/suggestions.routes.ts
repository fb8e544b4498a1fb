import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OrganizationParams } from '@yiqi/shared/contracts/organizations';
import {
  ServicePointBody,
  ServicePointView,
  SuggestionList,
  SuggestionNeed,
} from '@yiqi/shared/contracts/suggestions';
import { staff } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import { getOwnPoint, setOrganizationPoint, setOwnPoint } from './service-points.service.ts';
import { suggest } from './suggestions.service.ts';

export function registerSuggestionRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // A POST because a need is a document (skills, categories, point, window), not a filter; it changes
  // nothing. The dispatchers are the region admins over the need's region (no separate dispatch role yet).
  r.post('/api/dispatch/suggestions', {
    schema: {
      tags: ['dispatch'],
      summary:
        '派单建议: teams and volunteers ranked for a need by skills, distance, availability, load and ' +
        'rating, each part of the score with its reason',
      body: SuggestionNeed,
      response: { 200: SuggestionList },
    },
    config: { access: staff(['region_admin'], targets.regionCodeInBody) },
    handler: (req) => suggest(ctxOf(req), req.body),
  });

  // Service points: what distance is measured from (a volunteer's own, coarse; a team's).
  r.get('/api/me/service-point', {
    schema: {
      tags: ['dispatch'],
      summary: 'The signed-in volunteer’s service point (where they are willing to serve)',
      response: { 200: ServicePointView },
    },
    config: { access: { kind: 'user' } },
    handler: (req) => getOwnPoint(ctxOf(req)),
  });
  r.put('/api/me/service-point', {
    schema: {
      tags: ['dispatch'],
      summary: 'Sets (rounded to about 100 m) or removes the signed-in volunteer’s service point',
      body: ServicePointBody,
      response: { 200: ServicePointView },
    },
    config: { access: { kind: 'user' } },
    handler: (req) => setOwnPoint(ctxOf(req), req.body),
  });
  r.put('/api/organizations/:id/service-point', {
    schema: {
      tags: ['dispatch'],
      summary: 'Sets or removes a team’s service point',
      params: OrganizationParams,
      body: ServicePointBody,
      response: { 200: ServicePointView },
    },
    config: { access: staff(['org_admin', 'region_admin'], targets.organizationById) },
    handler: (req) => setOrganizationPoint(ctxOf(req), req.params.id, req.body),
  });
}
