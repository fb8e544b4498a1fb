import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BadgeList,
  IdParams,
  ObjectionBody,
  ObjectionDecideBody,
  ObjectionList,
  OrgStarApplyBody,
  RegionQuery,
  RevokeBody,
  StarApplicationPage,
  StarApplyBody,
  StarNoticeList,
  StarProgress,
  StarQueueQuery,
  StarReviewBody,
  StarSchemeBody,
  StarSchemeView,
} from '@yiqi/shared/contracts/stars';
import { OkSchema } from '@yiqi/shared/contracts/common';
import { OrganizationParams } from '@yiqi/shared/contracts/organizations';
import { staff, type Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as stars from './stars.service.ts';
import { myBadges } from './badges.service.ts';

const tags = ['stars'];
const SELF: Access = { kind: 'user' };
const Created = z.object({ id: z.uuid() });
/** The federation at the application's certifying level (or above it). */
const FEDERATION = staff(['region_admin'], targets.starApplicationById);

export function registerStarRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/me/stars', {
    schema: {
      tags,
      summary: 'My star level, progress to the next level, applications',
      response: { 200: StarProgress },
    },
    config: { access: SELF },
    handler: (req) => stars.myProgress(ctxOf(req)),
  });

  r.post('/api/me/stars/applications', {
    schema: {
      tags,
      summary: 'Apply for the next star level',
      body: StarApplyBody,
      response: { 200: Created },
    },
    config: { access: SELF },
    handler: (req) => stars.applyMine(ctxOf(req), req.body.level),
  });

  r.get('/api/me/badges', {
    schema: { tags, summary: 'My milestone badges (derived from my records)', response: { 200: BadgeList } },
    config: { access: SELF },
    handler: (req) => myBadges(ctxOf(req)),
  });

  r.post('/api/organizations/:id/star-applications', {
    schema: {
      tags,
      summary: 'An organization applies for a star level for one of its members',
      params: OrganizationParams,
      body: OrgStarApplyBody,
      response: { 200: Created },
    },
    config: { access: staff(['org_admin', 'region_admin'], targets.organizationById) },
    handler: (req) => stars.applyForMember(ctxOf(req), req.params.id, req.body.volunteerNo, req.body.level),
  });

  r.get('/api/stars/applications', {
    schema: {
      tags,
      summary: 'The federation’s review queue (applications certified in the caller’s regions)',
      querystring: StarQueueQuery,
      response: { 200: StarApplicationPage },
    },
    config: { access: staff(['region_admin'], targets.regionInQuery) },
    handler: (req) => stars.queue(ctxOf(req), req.query),
  });

  r.post('/api/stars/applications/:id/review', {
    schema: {
      tags,
      summary: 'Approve into public notice, or reject with a reason',
      params: IdParams,
      body: StarReviewBody,
      response: { 200: OkSchema },
    },
    config: { access: FEDERATION },
    handler: (req) => stars.review(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/stars/notices', {
    schema: {
      tags,
      summary: 'Candidates in public notice (公示), names masked',
      response: { 200: StarNoticeList },
    },
    config: { access: { kind: 'public' } },
    handler: (req) => stars.notices(ctxOf(req)),
  });

  r.post('/api/stars/applications/:id/objections', {
    schema: {
      tags,
      summary: 'Object to a candidate in public notice (signed in, with a reason)',
      params: IdParams,
      body: ObjectionBody,
      response: { 200: Created },
    },
    config: { access: SELF },
    handler: (req) => stars.object(ctxOf(req), req.params.id, req.body.reason),
  });

  r.get('/api/stars/applications/:id/objections', {
    schema: {
      tags,
      summary: 'Objections to an application',
      params: IdParams,
      response: { 200: ObjectionList },
    },
    config: { access: FEDERATION },
    handler: (req) => stars.objections(ctxOf(req), req.params.id),
  });

  r.post('/api/stars/objections/:id/decide', {
    schema: {
      tags,
      summary: 'Uphold (the application is refused) or dismiss an objection',
      params: IdParams,
      body: ObjectionDecideBody,
      response: { 200: OkSchema },
    },
    config: { access: staff(['region_admin'], targets.starObjectionById) },
    handler: (req) => stars.decideObjection(ctxOf(req), req.params.id, req.body),
  });

  r.post('/api/stars/certifications/:id/revoke', {
    schema: {
      tags,
      summary: 'Revoke a star (and those above it); falsified hours bar re-application',
      params: IdParams,
      body: RevokeBody,
      response: { 200: OkSchema },
    },
    config: { access: staff(['region_admin'], targets.starCertificationById) },
    handler: (req) => stars.revoke(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/stars/scheme', {
    schema: {
      tags,
      summary: 'The star scheme in force in a region',
      querystring: RegionQuery,
      response: { 200: StarSchemeView },
    },
    config: { access: staff(['region_admin'], targets.regionInQuery) },
    handler: (req) => stars.scheme(ctxOf(req), req.query.region),
  });

  r.put('/api/stars/scheme', {
    schema: {
      tags,
      summary:
        'Set a region’s star scheme (thresholds, tenure, platform hours only, bar, notice, conditions)',
      querystring: RegionQuery,
      body: StarSchemeBody,
      response: { 200: StarSchemeView },
    },
    config: { access: staff(['region_admin'], targets.regionInQuery) },
    handler: (req) => stars.setScheme(ctxOf(req), req.query.region, req.body),
  });
}
