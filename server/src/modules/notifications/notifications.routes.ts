import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  DeliveryList,
  NotificationPage,
  NotificationParams,
  NotificationPreferences,
  NotificationPreferencesInput,
} from '@yiqi/shared/contracts/notifications';
import { OkSchema, PageQuery } from '@yiqi/shared/contracts/common';
import type { Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as notices from './notifications.service.ts';
import * as delivery from './delivery.service.ts';

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

  r.get('/api/me/notification-preferences', {
    schema: {
      tags,
      summary:
        'My notification channels besides the inbox (SMS, WeChat, e-mail) and whether each can be used',
      response: { 200: NotificationPreferences },
    },
    config: { access: SELF },
    handler: (req) => delivery.myPreferences(ctxOf(req)),
  });

  r.put('/api/me/notification-preferences', {
    schema: {
      tags,
      summary: 'Turn my notification channels on or off',
      body: NotificationPreferencesInput,
      response: { 200: NotificationPreferences },
    },
    config: { access: SELF },
    handler: (req) => delivery.setMyPreferences(ctxOf(req), req.body),
  });

  r.get('/api/me/notification-deliveries', {
    schema: {
      tags,
      summary: 'What was sent to me outside the inbox, on which channel, and how it went (latest 50)',
      response: { 200: DeliveryList },
    },
    config: { access: SELF },
    handler: (req) => delivery.myDeliveries(ctxOf(req)),
  });
}
