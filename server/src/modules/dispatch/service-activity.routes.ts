import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, OpenActivityBody, OpenedActivity } from '@yiqi/shared/contracts/dispatch';
import { staff } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import { openActivity } from './service-activity.service.ts';

/** Service through an activity: the serving team opens a draft activity for its order (then edits, publishes). */
export function registerServiceActivityRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/dispatch/team-orders/:id/activity', {
    schema: {
      tags: ['dispatch'],
      summary: 'Open an activity for an order the team serves (a draft filled from the order)',
      params: IdParams,
      body: OpenActivityBody,
      response: { 200: OpenedActivity },
    },
    config: { access: staff(['org_admin'], targets.dispatchTeamOrderById) },
    handler: (req) => openActivity(ctxOf(req), req.params.id),
  });
}
