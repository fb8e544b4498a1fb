import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  DissolveBody,
  DissolvedView,
  OrganizationExportQuery,
  OrganizationListQuery,
  OrganizationPage,
  OrganizationParams,
  OrganizationSummary,
  OrganizationView,
  OrgChangeBody,
  OrgChangePage,
  OrgChangeParams,
  OrgChangeView,
  MyRegistrationPage,
  MyRegistrationQuery,
  RegisteredView,
  RegisterOrganizationBody,
  ReviewBody,
  ReviewQueueQuery,
  TreeView,
  UnitContactsBody,
} from '@yiqi/shared/contracts/organizations';
import { staff } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import { dissolveOrganization } from './dissolution.service.ts';
import * as orgs from './organizations.service.ts';
import * as changes from './changes.service.ts';
import { MEDIA, sendDownload } from '../../http/download.ts';

const tags = ['organizations'];

/** The organization named in the path: the region admins above it (review, dissolution). */
const REGION_OVER_ORG = staff(['region_admin'], targets.organizationById);
/** The organization named in the path: its admins and the region admins above it. */
const ORG_TEAM = staff(['org_admin', 'region_admin'], targets.organizationById);
/** The region a list is narrowed to, when given; without one the service keeps to the caller's scopes. */
const REGION_LIST = staff(['region_admin'], targets.regionInQuery);

export function registerOrganizationRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/organizations', {
    schema: {
      tags,
      summary: 'Register an organization or a sub-team; it waits for review by the region admin',
      body: RegisterOrganizationBody,
      response: { 200: RegisteredView },
    },
    config: { access: { kind: 'user' } },
    handler: (req) => orgs.registerOrganization(ctxOf(req), req.body),
  });

  r.get('/api/me/organizations', {
    schema: {
      tags,
      summary: 'Registrations I submitted, with their review outcome',
      querystring: MyRegistrationQuery,
      response: { 200: MyRegistrationPage },
    },
    config: { access: { kind: 'user' } },
    handler: (req) => orgs.myRegistrations(ctxOf(req), req.query.page, req.query.pageSize),
  });

  r.get('/api/organizations', {
    schema: {
      tags,
      summary: 'Organizations in the caller’s region scopes, filtered and paginated',
      querystring: OrganizationListQuery,
      response: { 200: OrganizationPage },
    },
    // A read-only list: may come from the streaming replica (docs/decisions/0022).
    config: { access: REGION_LIST, readReplica: true },
    handler: (req) => {
      const { page, pageSize, ...filter } = req.query;
      return orgs.listOrganizations(ctxOf(req), filter, page, pageSize);
    },
  });

  r.get('/api/organizations/export.xlsx', {
    schema: {
      tags,
      summary: 'The filtered organization list as an Excel workbook (audited)',
      querystring: OrganizationExportQuery,
    },
    config: { access: REGION_LIST },
    handler: async (req, reply) => {
      const book = await orgs.exportOrganizations(ctxOf(req), req.query);
      return sendDownload(reply, MEDIA.xlsx, 'organizations.xlsx', book);
    },
  });

  r.get('/api/organizations/review-queue', {
    schema: {
      tags,
      summary: 'Registrations waiting for review in the caller’s region scopes, oldest first',
      querystring: ReviewQueueQuery,
      response: { 200: OrganizationPage },
    },
    config: { access: REGION_LIST },
    handler: (req) => orgs.reviewQueue(ctxOf(req), req.query.region, req.query.page, req.query.pageSize),
  });

  r.get('/api/organizations/change-queue', {
    schema: {
      tags,
      summary:
        'Change registrations (变更登记) waiting for review in the caller’s region scopes, oldest first',
      querystring: ReviewQueueQuery,
      response: { 200: OrgChangePage },
    },
    config: { access: REGION_LIST },
    handler: (req) => changes.changeQueue(ctxOf(req), req.query.region, req.query.page, req.query.pageSize),
  });

  r.post('/api/organizations/:id/changes', {
    schema: {
      tags,
      summary:
        'Ask to correct registered facts (变更登记: name, person in charge, address, host unit, USCC); ' +
        'reviewed like a registration, one open at a time',
      params: OrganizationParams,
      body: OrgChangeBody,
      response: { 200: OrgChangeView },
    },
    config: { access: ORG_TEAM },
    handler: (req) => changes.requestChange(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/organizations/:id/changes', {
    schema: {
      tags,
      summary: 'The unit’s change registrations with their status and the values they replaced, newest first',
      params: OrganizationParams,
      querystring: MyRegistrationQuery,
      response: { 200: OrgChangePage },
    },
    config: { access: ORG_TEAM },
    handler: (req) => changes.listChanges(ctxOf(req), req.params.id, req.query.page, req.query.pageSize),
  });

  r.post('/api/organizations/:id/changes/:changeId/review', {
    schema: {
      tags,
      summary:
        'Approve (applies it, keeping the previous values) or reject with a reason a change registration; ' +
        'never one’s own or one of a unit one administers',
      params: OrgChangeParams,
      body: ReviewBody,
      response: { 200: OrgChangeView },
    },
    config: { access: REGION_OVER_ORG },
    handler: (req) => changes.reviewChange(ctxOf(req), req.params.id, req.params.changeId, req.body),
  });

  r.post('/api/organizations/:id/review', {
    schema: {
      tags,
      summary: 'Approve or reject a registration (region admin of its region or above, never one’s own)',
      params: OrganizationParams,
      body: ReviewBody,
      response: { 200: RegisteredView },
    },
    config: { access: REGION_OVER_ORG },
    handler: (req) => orgs.reviewOrganization(ctxOf(req), req.params.id, req.body),
  });

  r.post('/api/organizations/:id/dissolve', {
    schema: {
      tags,
      summary:
        'Dissolve (注销) an approved organization with a reason and an optional successor; final. Its ' +
        'certificates move to the successor, else its parent, else the region admins',
      params: OrganizationParams,
      body: DissolveBody,
      response: { 200: DissolvedView },
    },
    config: { access: REGION_OVER_ORG },
    handler: (req) => dissolveOrganization(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/organizations/:id', {
    schema: {
      tags,
      summary: 'One organization, for its admins and the region admins above it',
      params: OrganizationParams,
      response: { 200: OrganizationView },
    },
    config: { access: ORG_TEAM },
    handler: (req) => orgs.getOrganization(ctxOf(req), req.params.id),
  });

  r.put('/api/organizations/:id/contacts', {
    schema: {
      tags,
      summary:
        'Set the unit’s person in charge (负责人), handler (经办人) and contact (联系人, 联系电话); audited. ' +
        'Without contactPhone the number on record stays',
      params: OrganizationParams,
      body: UnitContactsBody,
      response: { 200: OrganizationView },
    },
    config: { access: ORG_TEAM },
    handler: (req) => orgs.updateContacts(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/organizations/:id/summary', {
    schema: {
      tags,
      summary: 'Name, region and type of an approved organization, for anyone signed in (join links)',
      params: OrganizationParams,
      response: { 200: OrganizationSummary },
    },
    config: { access: { kind: 'user' } },
    handler: (req) => orgs.getOrganizationSummary(ctxOf(req), req.params.id),
  });

  r.get('/api/organizations/:id/tree', {
    schema: {
      tags,
      summary: 'The organization with its sub-teams, recursively',
      params: OrganizationParams,
      response: { 200: TreeView },
    },
    config: { access: ORG_TEAM },
    handler: (req) => orgs.organizationTree(ctxOf(req), req.params.id),
  });
}
