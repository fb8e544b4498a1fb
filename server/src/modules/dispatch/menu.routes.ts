import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  EligibleTeamPage,
  EligibleTeamsQuery,
  IdParams,
  MenuItemEditBody,
  MenuItemPage,
  MenuItemView,
  TeamOffersQuery,
  TeamOffersView,
  UnitItemsQuery,
  VillageOfferBody,
  VillageOffersQuery,
  VillageOffersView,
} from '@yiqi/shared/contracts/dispatch';
import { staff } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as manage from './menu-manage.service.ts';
import * as village from './village-offers.service.ts';

const tags = ['dispatch'];
/** The centre, post or station whose item is in the path, or a unit above it (not one below: inherited items are read-only). */
const ITEM_UNIT = staff(['region_admin'], targets.dispatchMenuItemById);

/**
 * Menu management in the console: a unit's items page by page, edit, retire, the teams it may name; a
 * team's offers (供单) and a village's (村供单).
 */
export function registerMenuRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/dispatch/unit-items', {
    schema: {
      tags,
      summary: 'One page of a unit’s own items (or of every unit inside it), by status',
      querystring: UnitItemsQuery,
      response: { 200: MenuItemPage },
    },
    config: { access: staff(['region_admin'], targets.regionInQuery) },
    handler: (req) => manage.unitItems(ctxOf(req), req.query),
  });
  r.put('/api/dispatch/menu-items/:id', {
    schema: {
      tags,
      summary: 'Edit an approved menu item (description, category, teams, timers)',
      params: IdParams,
      body: MenuItemEditBody,
      response: { 200: MenuItemView },
    },
    config: { access: ITEM_UNIT },
    handler: (req) => manage.editItem(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/dispatch/menu-items/:id/retire', {
    schema: {
      tags,
      summary: 'Retire a menu item (下架): no new orders; orders placed go on',
      params: IdParams,
      response: { 200: MenuItemView },
    },
    config: { access: ITEM_UNIT },
    handler: (req) => manage.retireItem(ctxOf(req), req.params.id),
  });
  r.get('/api/dispatch/offers', {
    schema: {
      tags,
      summary: 'A team’s offers (供单) with their decisions, and the units it may offer to',
      querystring: TeamOffersQuery,
      response: { 200: TeamOffersView },
    },
    config: { access: staff(['org_admin'], targets.organizationInQuery) },
    handler: (req) => manage.teamOffers(ctxOf(req), req.query.orgId, req.query.page, req.query.pageSize),
  });
  r.get('/api/dispatch/eligible-teams', {
    schema: {
      tags,
      summary:
        'The approved teams a unit may name on its items (of its area or registered above it), by name',
      querystring: EligibleTeamsQuery,
      response: { 200: EligibleTeamPage },
    },
    config: { access: staff(['region_admin'], targets.regionInQuery) },
    handler: (req) => village.eligibleTeams(ctxOf(req), req.query),
  });
  // 村供单: whoever may act for the village's station (its community in `region`).
  r.post('/api/dispatch/village-offers', {
    schema: {
      tags,
      summary: 'A village’s station offers a service to its street’s post or district’s centre (村供单)',
      body: VillageOfferBody,
      response: { 200: MenuItemView },
    },
    config: { access: staff(['region_admin'], targets.regionInBody) },
    handler: (req) => village.villageOffer(ctxOf(req), req.body),
  });
  r.get('/api/dispatch/village-offers', {
    schema: {
      tags,
      summary: 'A village’s offers (村供单) with their decisions, and the units it may offer to',
      querystring: VillageOffersQuery,
      response: { 200: VillageOffersView },
    },
    config: { access: staff(['region_admin'], targets.regionInQuery) },
    handler: (req) => village.villageOffers(ctxOf(req), req.query.region, req.query.page, req.query.pageSize),
  });
}
