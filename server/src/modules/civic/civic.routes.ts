import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CaseCreated,
  CaseListQuery,
  CaseParams,
  CIVIC_MAX_PHOTO_BASE64,
  CivicCase,
  CivicCasePage,
  CivicFigures,
  CivicRouteList,
  FiguresQuery,
  HandlingBody,
  MyPoints,
  MyReportsQuery,
  PhotoParams,
  RatingBody,
  ReportBody,
  RouteBody,
  RouteQuery,
} from '@yiqi/shared/contracts/civic';
import { staff, type Access } from '../../http/access.ts';
import { checkScopeBeforeBody } from '../../http/authorization.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as civic from './civic.service.ts';

const tags = ['civic'];
const SELF: Access = { kind: 'user' };
/** A case's unit (its admins handle it) and the region admins over the problem's region (supervisors). */
const CASE_TEAM = staff(['org_admin', 'region_admin'], targets.civicCaseById);
/** The supervisors' check of a handled case. */
const CASE_SUPERVISOR = staff(['region_admin'], targets.civicCaseById);
const JSON_AROUND = 64 * 1024;

/** A stored photo, shown inline (its type was read from its bytes; nosniff is set for every response). */
function sendPhoto(reply: FastifyReply, p: { mime: string; bytes: Buffer }) {
  return reply
    .headers({ 'content-type': p.mime, 'cache-control': 'private, no-store' })
    .send(p.bytes as never);
}

export function registerCivicRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cfg = app.deps.config;

  r.post('/api/me/civic/reports', {
    schema: {
      tags,
      summary:
        'Report a city-management problem (随手拍): category, near and far photos, ≤ 120 characters, a map point',
      body: ReportBody,
      response: { 200: CaseCreated },
    },
    // Two photos in base64 and the JSON around them; a signed-in account, limited per minute.
    config: { access: SELF, rateLimit: { max: cfg.civicReportsPerMinute, timeWindow: 60_000 } },
    bodyLimit: 2 * CIVIC_MAX_PHOTO_BASE64 + JSON_AROUND,
    handler: (req) => civic.report(ctxOf(req), req.body),
  });

  r.get('/api/me/civic/reports', {
    schema: {
      tags,
      summary: 'My reports with their status',
      querystring: MyReportsQuery,
      response: { 200: CivicCasePage },
    },
    config: { access: SELF },
    handler: (req) => civic.mine(ctxOf(req), req.query.page, req.query.pageSize),
  });

  r.get('/api/me/civic/reports/:id', {
    schema: { tags, summary: 'One of my reports', params: CaseParams, response: { 200: CivicCase } },
    config: { access: SELF },
    handler: (req) => civic.myCase(ctxOf(req), req.params.id),
  });

  r.get('/api/me/civic/reports/:id/photos/:photoId', {
    schema: {
      tags,
      summary: 'A photo of one of my reports (metadata removed)',
      params: PhotoParams,
      response: { 200: z.any() },
    },
    config: { access: SELF },
    handler: async (req, reply) =>
      sendPhoto(reply, await civic.myPhoto(ctxOf(req), req.params.id, req.params.photoId)),
  });

  r.post('/api/me/civic/reports/:id/rating', {
    schema: {
      tags,
      summary: 'Check and rate the rectification of my report: 3–5 closes it, 1–2 reopens it',
      params: CaseParams,
      body: RatingBody,
      response: { 200: CivicCase },
    },
    config: { access: SELF },
    handler: (req) => civic.rateAsReporter(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/me/civic/points', {
    schema: {
      tags,
      summary: 'My civic-supervision points (rectified, non-anonymous reports)',
      response: { 200: MyPoints },
    },
    config: { access: SELF },
    handler: (req) => civic.myPoints(ctxOf(req)),
  });

  r.get('/api/civic/cases', {
    schema: {
      tags,
      summary: 'Case inbox: cases of the caller’s units and regions, overdue first',
      querystring: CaseListQuery,
      response: { 200: CivicCasePage },
    },
    config: { access: staff(['org_admin', 'region_admin']) },
    handler: (req) => civic.list(ctxOf(req), req.query),
  });

  r.get('/api/civic/cases/:id', {
    schema: {
      tags,
      summary: 'A case for its unit and supervisors',
      params: CaseParams,
      response: { 200: CivicCase },
    },
    config: { access: CASE_TEAM },
    handler: (req) => civic.caseDetail(ctxOf(req), req.params.id),
  });

  r.get('/api/civic/cases/:id/photos/:photoId', {
    schema: { tags, summary: 'A photo of a case', params: PhotoParams, response: { 200: z.any() } },
    config: { access: CASE_TEAM },
    handler: async (req, reply) =>
      sendPhoto(reply, await civic.photoBytes(ctxOf(req), req.params.id, req.params.photoId)),
  });

  r.post('/api/civic/cases/:id/handling', {
    schema: {
      tags,
      summary: 'The unit’s handling: what was done and 1–3 proof photos; the case waits for the check',
      params: CaseParams,
      body: HandlingBody,
      response: { 200: CivicCase },
    },
    config: { access: CASE_TEAM },
    bodyLimit: 3 * CIVIC_MAX_PHOTO_BASE64 + JSON_AROUND,
    preParsing: checkScopeBeforeBody,
    handler: (req) => civic.handle(ctxOf(req), req.params.id, req.body),
  });

  r.post('/api/civic/cases/:id/review', {
    schema: {
      tags,
      summary: 'A supervisor’s check of a handled case (never one’s own handling): 3–5 closes, 1–2 reopens',
      params: CaseParams,
      body: RatingBody,
      response: { 200: CivicCase },
    },
    config: { access: CASE_SUPERVISOR },
    handler: (req) => civic.rateAsSupervisor(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/civic/routes', {
    schema: {
      tags,
      summary: 'Routing rules under a region',
      querystring: RouteQuery,
      response: { 200: CivicRouteList },
    },
    config: { access: staff(['region_admin'], targets.regionInQuery) },
    handler: (req) => civic.routes(ctxOf(req), req.query.region),
  });

  r.post('/api/civic/routes', {
    schema: {
      tags,
      summary: 'Set the responsible unit and deadline (working days) for a region and category',
      body: RouteBody,
      response: { 200: z.object({ id: z.string() }) },
    },
    config: { access: staff(['region_admin'], targets.regionInBody) },
    handler: (req) => civic.setRoute(ctxOf(req), req.body),
  });

  r.get('/api/civic/figures', {
    schema: {
      tags,
      summary: 'Filed, rectified and the rectification rate of a region’s cases filed in a period',
      querystring: FiguresQuery,
      response: { 200: CivicFigures },
    },
    config: { access: staff(['region_admin'], targets.regionInQuery) },
    handler: (req) => civic.figures(ctxOf(req), req.query),
  });
}
