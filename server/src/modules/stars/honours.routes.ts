import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  HonourRoundBody,
  HonourRoundList,
  HonourRoundQuery,
  IdParams,
  NominationBody,
  NominationDecideBody,
  NominationList,
  NomineeList,
  NomineeQuery,
  OrgHonourRounds,
  OrgHonoursQuery,
  PublishedHonours,
} from '@yiqi/shared/contracts/stars';
import { OkSchema } from '@yiqi/shared/contracts/common';
import { staff } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as honours from './honours.service.ts';
import * as nominating from './nominating.service.ts';

const tags = ['honours'];
const Created = z.object({ id: z.uuid() });
const ROUND = staff(['region_admin'], targets.honourRoundById);
// The nominating organization (in the query), as for nominating itself.
const NOMINATOR = staff(['org_admin', 'region_admin'], targets.organizationInQuery);

export function registerHonourRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/honours/rounds', {
    schema: {
      tags,
      summary: 'Open a yearly honours round in a region',
      body: HonourRoundBody,
      response: { 200: Created },
    },
    config: { access: staff(['region_admin'], targets.regionInBody) },
    handler: (req) => honours.openRound(ctxOf(req), req.body),
  });

  r.get('/api/honours/rounds', {
    schema: {
      tags,
      summary: 'Honours rounds in the caller’s regions',
      querystring: HonourRoundQuery,
      response: { 200: HonourRoundList },
    },
    config: { access: staff(['region_admin'], targets.regionInQuery) },
    handler: (req) => honours.rounds(ctxOf(req), req.query.region),
  });

  r.post('/api/honours/rounds/:id/nominations', {
    schema: {
      tags,
      summary: 'An organization nominates a member (or its team, for projects)',
      params: IdParams,
      body: NominationBody,
      response: { 200: Created },
    },
    config: { access: staff(['org_admin', 'region_admin'], targets.organizationInBody) },
    handler: (req) => honours.nominate(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/honours/nominating', {
    schema: {
      tags,
      summary: 'Rounds an organization may nominate in, with its own nominations and their outcome',
      querystring: OrgHonoursQuery,
      response: { 200: OrgHonourRounds },
    },
    config: { access: NOMINATOR },
    handler: (req) => nominating.roundsFor(ctxOf(req), req.query.orgId),
  });

  r.get('/api/honours/rounds/:id/candidates', {
    schema: {
      tags,
      summary: 'Whom an organization may nominate in a round (members, or organizations), by name',
      params: IdParams,
      querystring: NomineeQuery,
      response: { 200: NomineeList },
    },
    config: { access: NOMINATOR },
    handler: (req) => nominating.candidates(ctxOf(req), req.params.id, req.query.orgId, req.query.q),
  });

  r.get('/api/honours/rounds/:id/nominations', {
    schema: { tags, summary: 'A round’s nominations', params: IdParams, response: { 200: NominationList } },
    config: { access: ROUND },
    handler: (req) => honours.nominations(ctxOf(req), req.params.id),
  });

  r.post('/api/honours/nominations/:id/decide', {
    schema: {
      tags,
      summary: 'Approve (within the quota) or reject a nomination',
      params: IdParams,
      body: NominationDecideBody,
      response: { 200: OkSchema },
    },
    config: { access: staff(['region_admin'], targets.honourNominationById) },
    handler: (req) => honours.decide(ctxOf(req), req.params.id, req.body),
  });

  r.post('/api/honours/rounds/:id/publish', {
    schema: {
      tags,
      summary: 'Publish a round: honours become award records',
      params: IdParams,
      response: { 200: OkSchema },
    },
    config: { access: ROUND },
    handler: (req) => honours.publish(ctxOf(req), req.params.id),
  });

  r.get('/api/honours/published', {
    schema: { tags, summary: 'Published honours (names masked)', response: { 200: PublishedHonours } },
    config: { access: { kind: 'public' } },
    handler: (req) => honours.published(ctxOf(req)),
  });
}
