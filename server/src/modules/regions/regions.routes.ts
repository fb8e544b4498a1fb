import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  RegionDetail,
  RegionDetailQuery,
  RegionListQuery,
  RegionPage,
  RegionParams,
} from '@yiqi/shared/contracts/regions';
import { ctxOf } from '../../http/context.ts';
import { getRegion, listRegions } from './regions.service.ts';

const tags = ['regions'];

/** The region tree is public reference data (GB/T 2260 codes), so browsing needs no account. */
export function registerRegionRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/regions', {
    schema: {
      tags,
      summary: 'Children of a region, or search by name or code',
      querystring: RegionListQuery,
      response: { 200: RegionPage },
    },
    config: { access: { kind: 'public' } },
    handler: (req) => {
      const { page, pageSize, ...s } = req.query;
      return listRegions(ctxOf(req), s, page, pageSize);
    },
  });

  r.get('/api/regions/:code', {
    schema: {
      tags,
      summary: 'One region with its ancestors',
      params: RegionParams,
      querystring: RegionDetailQuery,
      response: { 200: RegionDetail },
    },
    config: { access: { kind: 'public' } },
    handler: (req) => getRegion(ctxOf(req), req.params.code, req.query.level),
  });
}
