import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  IdParams,
  MenuItemEditBody,
  MenuItemPage,
  MenuItemView,
  TeamOffersQuery,
  TeamOffersView,
  UnitItemsQuery,
} from '@yiqi/shared/contracts/dispatch';
import { staff } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as manage from './menu-manage.service.ts';

const tags = ['dispatch'];
/** The centre, post or station whose item is in the path, or a unit above it (not one below: inherited items are read-only). */
const ITEM_UNIT = staff(['region_admin'], targets.dispatchMenuItemById);

/** Menu management in the console: a unit's items page by page, edit, retire; a team's offers (供单). */
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
}
