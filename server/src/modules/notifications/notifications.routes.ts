import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotificationPage, NotificationParams } from '@yiqi/shared/contracts/notifications';
import { OkSchema, PageQuery } from '@yiqi/shared/contracts/common';
import type { Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as notices from './notifications.service.ts';

const tags = ['notifications'];
const SELF: Access = { kind: 'user' };

export function registerNotificationRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/me/notifications', {
    schema: {
      tags,
      summary: 'My notifications, newest first, with the unread count',
      querystring: PageQuery,
      response: { 200: NotificationPage },
    },
    config: { access: SELF },
    handler: (req) => notices.listMine(ctxOf(req), req.query.page, req.query.pageSize),
  });

  r.post('/api/me/notifications/:id/read', {
    schema: {
      tags,
      summary: 'Mark one of my notifications read',
      params: NotificationParams,
      response: { 200: OkSchema },
    },
    config: { access: SELF },
    handler: (req) => notices.markRead(ctxOf(req), req.params.id),
  });

  r.post('/api/me/notifications/read-all', {
    schema: { tags, summary: 'Mark all my notifications read', response: { 200: OkSchema } },
    config: { access: SELF },
    handler: (req) => notices.markRead(ctxOf(req)),
  });
}
