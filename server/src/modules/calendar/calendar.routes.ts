import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarFeed, CalendarTokenParams } from '@yiqi/shared/contracts/notifications';
import type { Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as calendar from './calendar.service.ts';
import { MEDIA, sendDownload } from '../../http/download.ts';

const tags = ['calendar'];
const SELF: Access = { kind: 'user' };

export function registerCalendarRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/me/calendar.ics', {
    schema: {
      tags,
      summary: 'My accepted and pending shifts as an iCalendar file',
      response: { 200: z.string() },
    },
    config: { access: SELF },
    handler: async (req, reply) => {
      const body = await calendar.myCalendar(ctxOf(req));
      return sendDownload(reply, MEDIA.ics, 'yiqi.ics', body);
    },
  });

  r.post('/api/me/calendar-feed', {
    schema: {
      tags,
      summary: 'A new secret address for subscribing to my shifts in a calendar app (the old one stops)',
      response: { 200: CalendarFeed },
    },
    config: { access: SELF },
    handler: (req) => calendar.renewFeed(ctxOf(req), `${req.protocol}://${req.host}`),
  });

  r.get('/api/calendar/:token', {
    schema: {
      tags,
      summary: 'Calendar feed by its secret address (for calendar apps, which cannot sign in)',
      params: CalendarTokenParams,
      response: { 200: z.string() },
    },
    config: { access: { kind: 'public' } },
    // The address itself is the secret: keep it out of the request log.
    logLevel: 'warn',
    handler: async (req, reply) =>
      reply.type(MEDIA.ics).send(await calendar.feed(ctxOf(req), req.params.token)),
  });
}
