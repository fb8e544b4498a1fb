import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ActivityParams } from '@yiqi/shared/contracts/activities';
import { MapSettings, RosterQuery } from '@yiqi/shared/contracts/handouts';
import type { Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import { MEDIA, sendDownload } from '../../http/download.ts';
import { ACTIVITY_DECIDER, ORGANIZER } from './activities.routes.ts';
import * as handouts from './handouts.service.ts';

const tags = ['activities'];
const PUBLIC: Access = { kind: 'public' };

/** Roster, paper sign-in sheet, share card, the public page's link preview, and the map picker's tiles. */
export function registerHandoutRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/activities/:id/roster.xlsx', {
    schema: {
      tags,
      summary:
        'The roster (accepted, pending, waitlisted) with attendance as Excel; full phones for region admins',
      params: ActivityParams,
      querystring: RosterQuery,
    },
    config: { access: ACTIVITY_DECIDER },
    handler: async (req, reply) => {
      const file = await handouts.exportRoster(ctxOf(req), req.params.id, req.query.phones);
      return sendDownload(reply, MEDIA.xlsx, `roster-${req.params.id}.xlsx`, file);
    },
  });

  r.get('/api/activities/:id/sign-in-sheet.pdf', {
    schema: {
      tags,
      summary: 'The paper sign-in sheet (accepted volunteers, masked phones, a signature column) as PDF',
      params: ActivityParams,
    },
    config: { access: ACTIVITY_DECIDER },
    handler: async (req, reply) => {
      const pdf = await handouts.signInSheet(ctxOf(req), req.params.id);
      return sendDownload(reply, MEDIA.pdf, `sign-in-sheet-${req.params.id}.pdf`, pdf);
    },
  });

  r.get('/api/activities/:id/share-card.svg', {
    schema: {
      tags,
      summary: 'The share card: a poster with title, time, place, organization and a QR code to the page',
      params: ActivityParams,
    },
    config: { access: ORGANIZER },
    handler: async (req, reply) => {
      const svg = await handouts.shareCard(ctxOf(req), req.params.id);
      return reply.header('content-type', 'image/svg+xml; charset=utf-8').send(svg);
    },
  });

  r.get('/api/map', {
    schema: {
      tags,
      summary: 'The map tiles of the place picker (server configuration)',
      response: { 200: MapSettings },
    },
    config: { access: PUBLIC },
    handler: (req) => handouts.mapSettings(ctxOf(req)),
  });

  // The web app's own address for an activity: the same page, with the activity's link preview in the HTML.
  r.get('/m/activities/:id', {
    schema: { hide: true, params: z.object({ id: z.string().max(64) }) },
    config: { access: PUBLIC },
    handler: async (req, reply) => {
      const html = req.server.deps.webIndexHtml();
      if (html === null) return reply.callNotFound();
      const page = z.uuid().safeParse(req.params.id).success
        ? await handouts.sharePage(ctxOf(req), req.params.id, html)
        : html;
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(page);
    },
  });
}
