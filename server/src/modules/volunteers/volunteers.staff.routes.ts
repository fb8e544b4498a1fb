import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  DecisionBody,
  DocumentParams,
  QueuePage,
  QueueQuery,
  RegisterOnBehalfBody,
  RevealBody,
  RevealView,
  VolunteerExportQuery,
  VolunteerListQuery,
  VolunteerPage,
  VolunteerParams,
  VolunteerService,
  VolunteerView,
} from '@yiqi/shared/contracts/volunteers';
import { staff as staffAccess } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as registration from './registration.service.ts';
import * as staff from './staff.service.ts';
import { volunteerService } from './service-summary.service.ts';
import * as verification from './verification.service.ts';
import { MEDIA, sendDownload } from '../../http/download.ts';

const tags = ['volunteers'];

/**
 * Lists name a region in their query (the POST search in its body): the caller's scope must contain it.
 * Without one the service limits the list to the caller's own scopes. A single volunteer's residence
 * region must lie in the caller's scope; outside it the answer is the 404 of an unknown id.
 */
const regionAdmin = () => staffAccess(['region_admin'], targets.regionInQueryOrBody);
const regionAdminById = staffAccess(['region_admin'], targets.volunteerById);

/**
 * The search box may hold a whole phone or document number, and request logs carry the URL with its query:
 * routes that take one log only warnings and errors, which carry no URL.
 */
const QUIET = 'warn';

/** Registering for an organization needs a grant over it; without one, over the residence region. */
const ON_BEHALF = staffAccess(['org_admin', 'region_admin'], targets.organizationOrRegionInBody);

export function registerVolunteerStaffRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/volunteers', {
    schema: {
      tags,
      summary: 'Register a volunteer on their behalf, with their consent on record',
      body: RegisterOnBehalfBody,
      response: { 200: VolunteerView },
    },
    config: {
      access: ON_BEHALF,
    },
    handler: (req) => registration.registerOnBehalf(ctxOf(req), req.body),
  });

  r.get('/api/volunteers', {
    logLevel: QUIET,
    schema: {
      tags,
      summary: 'Volunteers resident in the caller’s area: filter and search (masked)',
      querystring: VolunteerListQuery,
      response: { 200: VolunteerPage },
    },
    // A read-only list: may come from the streaming replica (docs/decisions/0022).
    config: { access: regionAdmin(), readReplica: true },
    handler: (req) => staff.listVolunteers(ctxOf(req), req.query),
  });

  r.post('/api/volunteers/search', {
    logLevel: QUIET,
    schema: {
      tags,
      summary:
        'The same list, searched also by exact phone or document number (sent in the body, never a URL)',
      body: VolunteerListQuery,
      response: { 200: VolunteerPage },
    },
    config: { access: regionAdmin(), readReplica: true },
    handler: (req) => staff.listVolunteers(ctxOf(req), req.body, true),
  });

  r.get('/api/volunteers/export.xlsx', {
    logLevel: QUIET,
    schema: {
      tags,
      summary: 'The filtered volunteer list as an Excel file (masked, audited)',
      querystring: VolunteerExportQuery,
    },
    config: { access: regionAdmin() },
    handler: async (req, reply) => {
      const file = await staff.exportVolunteers(ctxOf(req), req.query);
      return sendDownload(reply, MEDIA.xlsx, 'volunteers.xlsx', file);
    },
  });

  r.get('/api/volunteers/verification-queue', {
    schema: {
      tags,
      summary: 'Volunteers waiting for manual real-name review, oldest first',
      querystring: QueueQuery,
      response: { 200: QueuePage },
    },
    config: { access: regionAdmin() },
    handler: (req) => verification.listQueue(ctxOf(req), req.query),
  });

  r.get('/api/volunteers/:id', {
    schema: {
      tags,
      summary: 'One volunteer in the caller’s area (masked)',
      params: VolunteerParams,
      response: { 200: VolunteerView },
    },
    config: { access: regionAdminById },
    handler: (req) => staff.getVolunteer(ctxOf(req), req.params.id),
  });

  r.get('/api/volunteers/:id/service', {
    schema: {
      tags,
      summary: 'A volunteer’s teams, confirmed hours and latest records, for staff in their area',
      params: VolunteerParams,
      response: { 200: VolunteerService },
    },
    config: { access: regionAdminById },
    handler: (req) => volunteerService(ctxOf(req), req.params.id),
  });

  r.post('/api/volunteers/:id/reveal', {
    schema: {
      tags,
      summary: 'Show one unmasked field for a stated reason (audited)',
      params: VolunteerParams,
      body: RevealBody,
      response: { 200: RevealView },
    },
    config: { access: regionAdminById },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return staff.reveal(ctxOf(req), req.params.id, req.body);
    },
  });

  r.post('/api/volunteers/:id/verification', {
    schema: {
      tags,
      summary: 'Approve or reject a pending real-name verification',
      params: VolunteerParams,
      body: DecisionBody,
      response: { 200: VolunteerView },
    },
    config: { access: regionAdminById },
    handler: (req) => verification.decide(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/volunteers/:id/documents/:docId', {
    schema: {
      tags,
      summary: 'An uploaded identity document, for the reviewer (audited)',
      params: DocumentParams,
    },
    config: { access: regionAdminById },
    handler: async (req, reply) => {
      const doc = await verification.readDocument(ctxOf(req), req.params.id, req.params.docId);
      return (
        reply
          .type(doc.mimeType)
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', 'inline')
          // The review page shows PDFs in an iframe of the same site; nothing else may frame them.
          .header('content-security-policy', "frame-ancestors 'self'")
          .header('x-frame-options', 'SAMEORIGIN')
          .send(doc.content)
      );
    },
  });
}
