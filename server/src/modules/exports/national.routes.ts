import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IsoDate, RegionCode, text } from '@yiqi/shared/contracts/common';
import { staff } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as national from './national.service.ts';

const tags = ['national export'];
/** Region admins of the region the export covers (with the second factor, like every staff route). */
const REGION_QUERY = staff(['region_admin'], targets.regionInQuery);
const REGION_BODY = staff(['region_admin'], targets.regionInBody);

const ExportQuery = z.strictObject({
  region: RegionCode,
  kind: z.enum(national.EXPORT_KINDS),
  format: z.enum(['jsonl', 'csv']).default('jsonl'),
  /** The `x-next-cursor` header of the previous page; empty for the first. */
  after: text(0, 200).default(''),
  limit: z.coerce.number().int().min(1).max(10000).default(1000),
  /** Records (service hours) only: lines with a record not yet synced. */
  pending: z.enum(['true', 'false']).default('false'),
});
const Key = z.strictObject({
  volunteerNo: text(1, 32),
  activityKey: z.uuid(),
  serviceDate: IsoDate,
});
const AckBody = z.strictObject({
  region: RegionCode,
  status: z.enum(['synced', 'failed']),
  keys: z.array(Key).min(1).max(1000),
});

export function registerNationalExportRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/exports/national', {
    schema: {
      tags,
      summary:
        'One page of the unified national export (JSON Lines or CSV; fields in docs/national-export.md)',
      querystring: ExportQuery,
      response: { 200: z.string() },
    },
    config: { access: REGION_QUERY },
    // Lines carry personal data: keep them out of request logs.
    logLevel: 'warn',
    handler: async (req, reply) => {
      const q = req.query;
      const page = await national.exportPage(ctxOf(req), { ...q, pending: q.pending === 'true' });
      if (page.next) reply.header('x-next-cursor', page.next);
      return reply
        .header('cache-control', 'no-store')
        .type(q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .send(page.body);
    },
  });

  r.post('/api/exports/national/ack', {
    schema: {
      tags,
      summary: 'Record which national keys the sync delivered (synced) or not (failed)',
      body: AckBody,
      response: { 200: z.object({ records: z.number().int() }) },
    },
    config: { access: REGION_BODY },
    handler: (req) => national.acknowledge(ctxOf(req), req.body.region, req.body.keys, req.body.status),
  });
}
