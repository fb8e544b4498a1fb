import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ActivityCreateBody,
  ActivityCreated,
  ActivityDetail,
  ActivityPage,
  ActivityParams,
  ActivityPatchBody,
  ActivitySearchQuery,
  CancelBody,
  OrgActivityQuery,
  PositionBody,
  PositionCreated,
  PositionParams,
} from '@yiqi/shared/contracts/activities';
import { OkSchema } from '@yiqi/shared/contracts/common';
import { OrganizationParams } from '@yiqi/shared/contracts/organizations';
import { staff, type Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as activities from './activities.service.ts';
import * as positions from './positions.service.ts';

const tags = ['activities'];

const STAFF = ['org_admin', 'region_admin'] as const;
/** The organization's own admins, or the region admins above it. */
export const ORGANIZER = staff(STAFF, targets.activityById);
/**
 * Decisions about the activity's people (sign-ups, service records) and the lists they are made from: the
 * organization's admins, the admins of the organizations above it (so one who signed up for their own
 * team's activity is decided about by someone else), or the region admins above it.
 */
export const ACTIVITY_DECIDER = staff(STAFF, targets.activityDecisionById);
const ORG_TEAM = staff(STAFF, targets.organizationById);
const PUBLIC: Access = { kind: 'public' };

export function registerActivityRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/activities', {
    schema: {
      tags,
      summary: 'Search published activities by region, category, dates, distance, keyword and open places',
      querystring: ActivitySearchQuery,
      response: { 200: ActivityPage },
    },
    // Read-only and public: may come from the streaming replica (docs/decisions/0022).
    config: { access: PUBLIC, readReplica: true, visitorCache: true },
    handler: (req) => activities.search(ctxOf(req), req.query),
  });

  r.get('/api/activities/:id', {
    schema: {
      tags,
      summary: 'An activity with its positions, shifts and places (drafts only for their organizers)',
      params: ActivityParams,
      response: { 200: ActivityDetail },
    },
    config: { access: { kind: 'public', identify: true }, readReplica: true, visitorCache: true },
    handler: (req) => activities.publicDetail(ctxOf(req), req.params.id),
  });

  r.get('/api/organizations/:id/activities', {
    schema: {
      tags,
      summary: 'An organization’s activities, drafts and history included',
      params: OrganizationParams,
      querystring: OrgActivityQuery,
      response: { 200: ActivityPage },
    },
    config: { access: ORG_TEAM },
    handler: (req) =>
      activities.listOfOrganization(
        ctxOf(req),
        req.params.id,
        req.query.status,
        req.query.page,
        req.query.pageSize,
      ),
  });

  r.post('/api/organizations/:id/activities', {
    schema: {
      tags,
      summary: 'Create an activity as a draft of the organization',
      params: OrganizationParams,
      body: ActivityCreateBody,
      response: { 200: ActivityCreated },
    },
    config: { access: ORG_TEAM },
    handler: (req) => activities.createActivity(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/activities/:id/manage', {
    schema: {
      tags,
      summary: 'The organizer’s view of an activity (with its invitation code)',
      params: ActivityParams,
      response: { 200: ActivityDetail },
    },
    config: { access: ORGANIZER },
    handler: (req) => activities.manageDetail(ctxOf(req), req.params.id),
  });

  r.patch('/api/activities/:id', {
    schema: {
      tags,
      summary: 'Edit an activity; time or place changes after publication notify signed-up volunteers',
      params: ActivityParams,
      body: ActivityPatchBody,
      response: { 200: ActivityCreated },
    },
    config: { access: ORGANIZER },
    handler: (req) => activities.patchActivity(ctxOf(req), req.params.id, req.body),
  });

  r.post('/api/activities/:id/publish', {
    schema: {
      tags,
      summary: 'Publish a draft (risks stated, insurance for physical risk, at least one shift)',
      params: ActivityParams,
      response: { 200: ActivityCreated },
    },
    config: { access: ORGANIZER },
    handler: (req) => activities.publishActivity(ctxOf(req), req.params.id),
  });

  r.post('/api/activities/:id/cancel', {
    schema: {
      tags,
      summary: 'Cancel with a reason; open sign-ups are cancelled and their volunteers notified',
      params: ActivityParams,
      body: CancelBody,
      response: { 200: ActivityCreated },
    },
    config: { access: ORGANIZER },
    handler: (req) => activities.cancelActivity(ctxOf(req), req.params.id, req.body.reason),
  });

  r.post('/api/activities/:id/close', {
    schema: {
      tags,
      summary: 'Close an ended activity',
      params: ActivityParams,
      response: { 200: ActivityCreated },
    },
    config: { access: ORGANIZER },
    handler: (req) => activities.closeActivity(ctxOf(req), req.params.id),
  });

  r.post('/api/activities/:id/positions', {
    schema: {
      tags,
      summary: 'Add a position with its shifts',
      params: ActivityParams,
      body: PositionBody,
      response: { 200: PositionCreated },
    },
    config: { access: ORGANIZER },
    handler: (req) => positions.addPosition(ctxOf(req), req.params.id, req.body),
  });

  r.put('/api/activities/:id/positions/:positionId', {
    schema: {
      tags,
      summary: 'Replace a position and its shifts (kept by id, added without, removed when left out)',
      params: PositionParams,
      body: PositionBody,
      response: { 200: PositionCreated },
    },
    config: { access: ORGANIZER },
    handler: (req) => positions.updatePosition(ctxOf(req), req.params.id, req.params.positionId, req.body),
  });

  r.delete('/api/activities/:id/positions/:positionId', {
    schema: {
      tags,
      summary: 'Remove a position nobody holds or waits for a place in',
      params: PositionParams,
      response: { 200: OkSchema },
    },
    config: { access: ORGANIZER },
    handler: (req) => positions.removePosition(ctxOf(req), req.params.id, req.params.positionId),
  });
}
