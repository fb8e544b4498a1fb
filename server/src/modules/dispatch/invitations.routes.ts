import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FollowUpCloseBody,
  IdParams,
  InvitationAnswer,
  InvitationList,
  InviteBody,
  MyInvitations,
  OrderView,
  PhotoParams,
} from '@yiqi/shared/contracts/dispatch';
import { staff, type Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import { closeFollowUp } from './follow-up.service.ts';
import * as invitations from './invitations.service.ts';
import { photoBytes } from './photos.service.ts';

/** Invitations (邀请), photos and the follow-up close: the rest of the loop (dispatch.routes.ts has the rest). */

const tags = ['dispatch'];
const SELF: Access = { kind: 'user' };
const HOLDER = staff(['region_admin'], targets.dispatchOrderById);
const TEAM_ORDER = staff(['org_admin'], targets.dispatchTeamOrderById);

/** A stored photo, shown inline (its type was read from its bytes; nosniff is set for every response). */
function sendPhoto(reply: FastifyReply, p: { mime: string; bytes: Buffer }) {
  return reply
    .headers({ 'content-type': p.mime, 'cache-control': 'private, no-store' })
    .send(p.bytes as never);
}

export function registerInvitationRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/dispatch/orders/:id/invitations', {
    schema: {
      tags,
      summary: 'Volunteers invited to an order',
      params: IdParams,
      response: { 200: InvitationList },
    },
    config: { access: HOLDER },
    handler: (req) => invitations.list(ctxOf(req), req.params.id),
  });
  r.post('/api/dispatch/orders/:id/invitations', {
    schema: {
      tags,
      summary: 'Invite volunteers of the unit’s area to serve a work order (never an assignment)',
      params: IdParams,
      body: InviteBody,
      response: { 200: InvitationList },
    },
    config: { access: HOLDER },
    handler: (req) => invitations.invite(ctxOf(req), req.params.id, req.body.volunteerIds, { kind: 'unit' }),
  });
  r.get('/api/dispatch/team-orders/:id/invitations', {
    schema: {
      tags,
      summary: 'Volunteers invited to an order my team serves',
      params: IdParams,
      response: { 200: InvitationList },
    },
    config: { access: TEAM_ORDER },
    handler: (req) => invitations.list(ctxOf(req), req.params.id),
  });
  r.post('/api/dispatch/team-orders/:id/invitations', {
    schema: {
      tags,
      summary: 'Invite active members of the team to serve an accepted order',
      params: IdParams,
      body: InviteBody,
      response: { 200: InvitationList },
    },
    config: { access: TEAM_ORDER },
    handler: (req) => invitations.invite(ctxOf(req), req.params.id, req.body.volunteerIds, { kind: 'team' }),
  });
  r.get('/api/me/dispatch-invitations', {
    schema: { tags, summary: 'My invitations to serve', response: { 200: MyInvitations } },
    config: { access: SELF },
    handler: (req) => invitations.mine(ctxOf(req)),
  });
  r.post('/api/me/dispatch-invitations/:id/answer', {
    schema: {
      tags,
      summary: 'Accept or decline one of my invitations (a decline reason is optional)',
      params: IdParams,
      body: InvitationAnswer,
      response: { 200: MyInvitations },
    },
    config: { access: SELF },
    handler: (req) => invitations.answer(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/dispatch/orders/:id/photos/:photoId', {
    schema: {
      tags,
      summary: 'A photo of an order or its report',
      params: PhotoParams,
      response: { 200: z.any() },
    },
    config: { access: HOLDER },
    handler: async (req, reply) =>
      sendPhoto(reply, await photoBytes(ctxOf(req), req.params.id, req.params.photoId)),
  });
  r.get('/api/dispatch/team-orders/:id/photos/:photoId', {
    schema: {
      tags,
      summary: 'A photo of an order my team serves',
      params: PhotoParams,
      response: { 200: z.any() },
    },
    config: { access: TEAM_ORDER },
    handler: async (req, reply) =>
      sendPhoto(reply, await photoBytes(ctxOf(req), req.params.id, req.params.photoId)),
  });

  r.post('/api/dispatch/orders/:id/follow-up/close', {
    schema: {
      tags,
      summary: 'Close the follow-up (回访) of an unhappy rating with a note',
      params: IdParams,
      body: FollowUpCloseBody,
      response: { 200: OrderView },
    },
    config: { access: HOLDER },
    handler: (req) => closeFollowUp(ctxOf(req), req.params.id, req.body.note),
  });
}
