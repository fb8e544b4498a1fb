import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CardCheck,
  CardVerifyQuery,
  CodeBody,
  CodeCheck,
  DeskList,
  IdParams,
  MyPerkList,
  PartnerBody,
  PartnerList,
  PartnerQuery,
  PerkBody,
  PerkCode,
  PerkList,
  Redemption,
  StaffBody,
  VolunteerCard,
} from '@yiqi/shared/contracts/perks';
import { OkSchema } from '@yiqi/shared/contracts/common';
import { staff, type Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as card from './card.service.ts';
import * as perks from './perks.service.ts';
import * as redemption from './redemption.service.ts';

const tags = ['perks'];
const SELF: Access = { kind: 'user' };
const Created = z.object({ id: z.uuid() });
const PARTNER = staff(['region_admin'], targets.partnerById);

export function registerPerkRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/partners', {
    schema: {
      tags,
      summary: 'Register a partner (scenic spot, merchant, public service)',
      body: PartnerBody,
      response: { 200: Created },
    },
    config: { access: staff(['region_admin'], targets.regionInBody) },
    handler: (req) => perks.createPartner(ctxOf(req), req.body),
  });

  r.get('/api/partners', {
    schema: {
      tags,
      summary: 'Partners in the caller’s regions',
      querystring: PartnerQuery,
      response: { 200: PartnerList },
    },
    config: { access: staff(['region_admin'], targets.regionInQuery) },
    handler: (req) => perks.partners(ctxOf(req), req.query.region),
  });

  r.post('/api/partners/:id/staff', {
    schema: {
      tags,
      summary: 'Give an account the partner’s redemption counter',
      params: IdParams,
      body: StaffBody,
      response: { 200: OkSchema },
    },
    config: { access: PARTNER },
    handler: (req) => perks.addStaff(ctxOf(req), req.params.id, req.body.username),
  });

  r.post('/api/partners/:id/perks', {
    schema: {
      tags,
      summary: 'Offer a perk (by star level or hours, quota, validity, limit)',
      params: IdParams,
      body: PerkBody,
      response: { 200: Created },
    },
    config: { access: PARTNER },
    handler: (req) => perks.createPerk(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/partners/:id/perks', {
    schema: { tags, summary: 'A partner’s perks', params: IdParams, response: { 200: PerkList } },
    config: { access: PARTNER },
    handler: (req) => perks.partnerPerks(ctxOf(req), req.params.id),
  });

  r.get('/api/me/perks', {
    schema: { tags, summary: 'Perks valid today, with what I get', response: { 200: MyPerkList } },
    config: { access: SELF },
    handler: (req) => perks.myPerks(ctxOf(req)),
  });

  r.post('/api/me/perks/:id/code', {
    schema: {
      tags,
      summary: 'A one-time redemption code (QR) for a perk',
      params: IdParams,
      response: { 200: PerkCode },
    },
    config: { access: SELF },
    handler: (req) => redemption.issueCode(ctxOf(req), req.params.id),
  });

  r.get('/api/partner-desk', {
    schema: { tags, summary: 'The partners whose counter I staff', response: { 200: DeskList } },
    config: { access: SELF },
    handler: (req) => redemption.desks(ctxOf(req)),
  });

  // Partner staff hold no role: the service checks the account staffs this partner (else 404).
  r.post('/api/partner-desk/:id/verify', {
    schema: {
      tags,
      summary: 'Check a redemption code without redeeming it',
      params: IdParams,
      body: CodeBody,
      response: { 200: CodeCheck },
    },
    config: { access: SELF },
    handler: (req) => redemption.verify(ctxOf(req), req.params.id, req.body.code),
  });

  r.post('/api/partner-desk/:id/redeem', {
    schema: {
      tags,
      summary: 'Redeem a code once',
      params: IdParams,
      body: CodeBody,
      response: { 200: Redemption },
    },
    config: { access: SELF },
    handler: (req) => redemption.redeem(ctxOf(req), req.params.id, req.body.code),
  });

  r.get('/api/me/card', {
    schema: { tags, summary: 'My digital volunteer card', response: { 200: VolunteerCard } },
    config: { access: SELF },
    handler: (req) => card.myCard(ctxOf(req)),
  });

  r.get('/api/cards/verify', {
    schema: {
      tags,
      summary: 'Verify a volunteer card code: valid, masked name, star level',
      querystring: CardVerifyQuery,
      response: { 200: CardCheck },
    },
    config: { access: { kind: 'public' } },
    handler: (req) => card.verifyCard(ctxOf(req), req.query.code),
  });
}
