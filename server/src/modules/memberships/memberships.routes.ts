import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  InviteBody,
  MEMBERSHIP_ROLES,
  MemberDecisionBody,
  MemberListQuery,
  MemberPage,
  MemberParams,
  MemberRoleBody,
  MembershipCreated,
  MyMembershipPage,
  MyMembershipParams,
  MyMembershipQuery,
} from '@yiqi/shared/contracts/memberships';
import { OrganizationParams } from '@yiqi/shared/contracts/organizations';
import { staff, type Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as members from './memberships.service.ts';

const tags = ['memberships'];
/** The volunteer's own side: any signed-in account, limited by the service to its own memberships. */
const SELF: Access = { kind: 'user' };
const STAFF = ['org_admin', 'region_admin'] as const;
/** The organization in the path: its admins, or the region admins above it. */
const ORG_TEAM = staff(STAFF, targets.organizationById);
/** Decisions about the organization's people: also the admins of the organizations above it. */
const ORG_DECIDER = staff(STAFF, targets.organizationDecisionById);

export function registerMembershipRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/organizations/:id/join', {
    schema: {
      tags,
      summary: 'Apply to join an approved organization (the caller must be a registered volunteer)',
      params: OrganizationParams,
      response: { 200: MembershipCreated },
    },
    config: { access: SELF },
    handler: (req) => members.applyToJoin(ctxOf(req), req.params.id),
  });

  r.get('/api/organizations/:id/members', {
    schema: {
      tags,
      summary: 'Members, applications and invitations of a team, history included',
      params: OrganizationParams,
      querystring: MemberListQuery,
      response: { 200: MemberPage },
    },
    config: { access: ORG_DECIDER },
    handler: (req) =>
      members.listMembers(ctxOf(req), req.params.id, req.query.status, req.query.page, req.query.pageSize),
  });

  r.post('/api/organizations/:id/members/invite', {
    schema: {
      tags,
      summary: 'Invite a volunteer by number; they become a member when they accept',
      params: OrganizationParams,
      body: InviteBody,
      response: { 200: MembershipCreated },
    },
    config: { access: ORG_TEAM },
    handler: (req) => members.invite(ctxOf(req), req.params.id, req.body.volunteerNo),
  });

  r.post('/api/organizations/:id/members/:membershipId/decision', {
    schema: {
      tags,
      summary: 'Approve or reject an application to join',
      params: MemberParams,
      body: MemberDecisionBody,
      response: { 200: MembershipCreated },
    },
    config: { access: ORG_DECIDER },
    handler: (req) =>
      members.decideApplication(ctxOf(req), req.params.id, req.params.membershipId, req.body.decision),
  });

  r.patch('/api/organizations/:id/members/:membershipId', {
    schema: {
      tags,
      summary: 'Set an active member’s role in the team (admin, leader, member)',
      params: MemberParams,
      body: MemberRoleBody,
      response: { 200: z.object({ id: z.uuid(), role: z.enum(MEMBERSHIP_ROLES) }) },
    },
    config: { access: ORG_TEAM },
    handler: (req) => members.setRole(ctxOf(req), req.params.id, req.params.membershipId, req.body.role),
  });

  r.get('/api/me/memberships', {
    schema: {
      tags,
      summary: 'My teams, applications and invitations, history included',
      querystring: MyMembershipQuery,
      response: { 200: MyMembershipPage },
    },
    config: { access: SELF },
    handler: (req) => members.myMemberships(ctxOf(req), req.query.status, req.query.page, req.query.pageSize),
  });

  r.post('/api/me/memberships/:id/accept', {
    schema: {
      tags,
      summary: 'Accept an invitation to a team',
      params: MyMembershipParams,
      response: { 200: MembershipCreated },
    },
    config: { access: SELF },
    handler: (req) => members.acceptInvitation(ctxOf(req), req.params.id),
  });

  r.post('/api/me/memberships/:id/decline', {
    schema: {
      tags,
      summary: 'Decline an invitation to a team',
      params: MyMembershipParams,
      response: { 200: MembershipCreated },
    },
    config: { access: SELF },
    handler: (req) => members.declineInvitation(ctxOf(req), req.params.id),
  });

  r.post('/api/me/memberships/:id/leave', {
    schema: {
      tags,
      summary: 'Leave a team, or withdraw an application; the record stays as history',
      params: MyMembershipParams,
      response: { 200: MembershipCreated },
    },
    config: { access: SELF },
    handler: (req) => members.leave(ctxOf(req), req.params.id),
  });
}
