import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ClaimBody,
  CompleteBody,
  ContactView,
  DISPATCH_PHOTOS_BODY_LIMIT,
  CountsQuery,
  CountsView,
  DispatchBody,
  IdParams,
  MenuItemBody,
  MenuItemView,
  MenuQuery,
  MenuView,
  MergeBody,
  MyOrderView,
  MyOrders,
  NoteBody,
  OfferBody,
  OfferDecisionBody,
  OrderBody,
  OrderDetail,
  OrderPage,
  OrderView,
  OrdersQuery,
  ProxyOrderBody,
  RatingBody,
  RejectBody,
  TeamOrdersQuery,
  UnitQuery,
  WorkOrderBody,
} from '@yiqi/shared/contracts/dispatch';
import { PageQuery, Uuid } from '@yiqi/shared/contracts/common';
import { staff, type Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as counts from './counts.service.ts';
import * as menu from './menu.service.ts';
import * as orders from './orders.service.ts';
import * as team from './team.service.ts';

const tags = ['dispatch'];
const SELF: Access = { kind: 'user' };
/** The centre, post or station (region admins) holding the order in the path, or a unit above it. */
const HOLDER = staff(['region_admin'], targets.dispatchOrderById);
/** The team the order in the path is offered to or served by. */
const TEAM_ORDER = staff(['org_admin'], targets.dispatchTeamOrderById);
const UNIT_IN_QUERY = staff(['region_admin'], targets.regionInQuery);
const UNIT_IN_BODY = staff(['region_admin'], targets.regionInBody);
const TEAM_IN_QUERY = staff(['org_admin'], targets.organizationInQuery);
const TEAM_IN_BODY = staff(['org_admin'], targets.organizationInBody);

export function registerDispatchRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Menus (服务菜单) and offers (供单).
  r.get('/api/dispatch/menu', {
    schema: {
      tags,
      summary: 'The service menu a community sees (its own and inherited items)',
      querystring: MenuQuery,
      response: { 200: MenuView },
    },
    config: { access: { kind: 'public' } },
    handler: (req) => menu.menuFor(ctxOf(req), req.query.region),
  });
  r.get('/api/dispatch/menu-items', {
    schema: {
      tags,
      summary: 'Every item of the units in a region, offers included',
      querystring: UnitQuery,
      response: { 200: MenuView },
    },
    config: { access: UNIT_IN_QUERY },
    handler: (req) => menu.itemsUnder(ctxOf(req), req.query.region),
  });
  r.post('/api/dispatch/menu-items', {
    schema: {
      tags,
      summary: 'Publish a menu item of a unit',
      body: MenuItemBody,
      response: { 200: MenuItemView },
    },
    config: { access: UNIT_IN_BODY },
    handler: (req) => menu.addItem(ctxOf(req), req.body),
  });
  r.post('/api/dispatch/menu-items/:id/decision', {
    schema: {
      tags,
      summary: 'Approve or refuse a team’s offer (供单)',
      params: IdParams,
      body: OfferDecisionBody,
      response: { 200: MenuItemView },
    },
    config: { access: staff(['region_admin'], targets.dispatchMenuItemById) },
    handler: (req) => menu.decideOffer(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/dispatch/offers', {
    schema: {
      tags,
      summary: 'A team offers a service to a unit of its area (供单)',
      body: OfferBody,
      response: { 200: MenuItemView },
    },
    config: { access: TEAM_IN_BODY },
    handler: (req) => menu.offer(ctxOf(req), req.body),
  });

  // Residents (点单, my orders, 评单).
  r.post('/api/dispatch/orders', {
    schema: {
      tags,
      summary: 'Order a menu item (点单), with up to three photos',
      body: OrderBody,
      response: { 200: z.object({ id: Uuid }) },
    },
    bodyLimit: DISPATCH_PHOTOS_BODY_LIMIT,
    config: { access: SELF },
    handler: (req) => orders.order(ctxOf(req), req.body),
  });
  r.get('/api/me/dispatch-orders', {
    schema: { tags, summary: 'My orders with their progress', response: { 200: MyOrders } },
    config: { access: SELF },
    handler: (req) => team.myOrders(ctxOf(req)),
  });
  r.get('/api/me/dispatch-orders/:id', {
    schema: { tags, summary: 'One of my orders', params: IdParams, response: { 200: MyOrderView } },
    config: { access: SELF },
    handler: (req) => team.myOrder(ctxOf(req), req.params.id),
  });
  r.post('/api/me/dispatch-orders/:id/rating', {
    schema: {
      tags,
      summary: 'Rate a completed order once (评单)',
      params: IdParams,
      body: RatingBody,
      response: { 200: MyOrderView },
    },
    config: { access: SELF },
    handler: (req) => team.rate(ctxOf(req), req.params.id, req.body),
  });

  // Units: proxy orders, review, dispatch, the board, counts.
  r.post('/api/dispatch/proxy-orders', {
    schema: {
      tags,
      summary: 'Order on behalf of a resident without a phone account (代点单)',
      body: ProxyOrderBody,
      response: { 200: OrderView },
    },
    bodyLimit: DISPATCH_PHOTOS_BODY_LIMIT,
    config: { access: UNIT_IN_BODY },
    handler: (req) => orders.proxyOrder(ctxOf(req), req.body),
  });
  r.get('/api/dispatch/orders', {
    schema: {
      tags,
      summary: 'Orders held by units in a region (the dispatch board)',
      querystring: OrdersQuery,
      response: { 200: OrderPage },
    },
    config: { access: UNIT_IN_QUERY },
    handler: (req) => orders.list(ctxOf(req), req.query),
  });
  r.get('/api/dispatch/orders/:id', {
    schema: { tags, summary: 'An order with its timeline', params: IdParams, response: { 200: OrderDetail } },
    config: { access: HOLDER },
    handler: (req) => orders.detail(ctxOf(req), req.params.id),
  });
  r.post('/api/dispatch/orders/:id/reject', {
    schema: {
      tags,
      summary: 'Reject at review (the reason is shown only to the requester)',
      params: IdParams,
      body: RejectBody,
      response: { 200: OrderView },
    },
    config: { access: HOLDER },
    handler: (req) => orders.reject(ctxOf(req), req.params.id, req.body.reason),
  });
  r.post('/api/dispatch/orders/:id/merge', {
    schema: {
      tags,
      summary: 'Merge a duplicate into another order',
      params: IdParams,
      body: MergeBody,
      response: { 200: OrderView },
    },
    config: { access: HOLDER },
    handler: (req) => orders.merge(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/dispatch/orders/:id/work-order', {
    schema: {
      tags,
      summary: 'Make a work order (制单)',
      params: IdParams,
      body: WorkOrderBody,
      response: { 200: OrderView },
    },
    config: { access: HOLDER },
    handler: (req) => orders.makeWorkOrder(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/dispatch/orders/:id/dispatch', {
    schema: {
      tags,
      summary: 'Dispatch down a level, to a team, or open to grab (派单)',
      params: IdParams,
      body: DispatchBody,
      response: { 200: OrderView },
    },
    config: { access: HOLDER },
    handler: (req) => orders.dispatch(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/dispatch/orders/:id/redispatch', {
    schema: {
      tags,
      summary: 'Take it back to dispatch again (重新派单)',
      params: IdParams,
      body: NoteBody,
      response: { 200: OrderView },
    },
    config: { access: HOLDER },
    handler: (req) => orders.redispatch(ctxOf(req), req.params.id, req.body.note),
  });
  r.post('/api/dispatch/orders/:id/cancel', {
    schema: {
      tags,
      summary: 'Cancel before completion',
      params: IdParams,
      body: NoteBody,
      response: { 200: OrderView },
    },
    config: { access: HOLDER },
    handler: (req) => orders.cancel(ctxOf(req), req.params.id, req.body.note),
  });
  r.get('/api/dispatch/counts', {
    schema: {
      tags,
      summary: 'Order figures of a unit for a period',
      querystring: CountsQuery,
      response: { 200: CountsView },
    },
    config: { access: UNIT_IN_QUERY },
    handler: (req) => counts.counts(ctxOf(req), req.query.region, req.query.from, req.query.to),
  });

  // Teams: inbox, grab list, claim, accept/decline, complete, contact.
  r.get('/api/dispatch/team-orders', {
    schema: {
      tags,
      summary: 'Orders offered to or served by a team',
      querystring: TeamOrdersQuery,
      response: { 200: OrderPage },
    },
    config: { access: TEAM_IN_QUERY },
    handler: (req) => team.teamOrders(ctxOf(req), req.query.orgId, req.query.page, req.query.pageSize),
  });
  r.get('/api/dispatch/grab', {
    schema: {
      tags,
      summary: 'Open orders the team may claim (抢单)',
      querystring: PageQuery.extend({ orgId: Uuid }),
      response: { 200: OrderPage },
    },
    config: { access: TEAM_IN_QUERY },
    handler: (req) => team.grabList(ctxOf(req), req.query.orgId),
  });
  r.post('/api/dispatch/orders/:id/claim', {
    schema: {
      tags,
      summary: 'Claim an open order for the team (exactly one claim wins)',
      params: IdParams,
      body: ClaimBody,
      response: { 200: OrderView },
    },
    config: { access: TEAM_IN_BODY },
    handler: (req) => team.claim(ctxOf(req), req.params.id, req.body.orgId),
  });
  r.get('/api/dispatch/team-orders/:id', {
    schema: {
      tags,
      summary: 'An order offered to or served by my team, with its timeline',
      params: IdParams,
      response: { 200: OrderDetail },
    },
    config: { access: TEAM_ORDER },
    handler: (req) => orders.detail(ctxOf(req), req.params.id),
  });
  r.post('/api/dispatch/team-orders/:id/accept', {
    schema: {
      tags,
      summary: 'Accept an offered order (接单)',
      params: IdParams,
      response: { 200: OrderView },
    },
    config: { access: TEAM_ORDER },
    handler: (req) => team.accept(ctxOf(req), req.params.id),
  });
  r.post('/api/dispatch/team-orders/:id/decline', {
    schema: {
      tags,
      summary: 'Decline an offered order, with a reason',
      params: IdParams,
      body: RejectBody,
      response: { 200: OrderView },
    },
    config: { access: TEAM_ORDER },
    handler: (req) => team.decline(ctxOf(req), req.params.id, req.body.reason),
  });
  r.post('/api/dispatch/team-orders/:id/complete', {
    schema: {
      tags,
      summary: 'Complete with a report (结项); hours go to confirmation',
      params: IdParams,
      body: CompleteBody,
      response: { 200: OrderView },
    },
    bodyLimit: DISPATCH_PHOTOS_BODY_LIMIT,
    config: { access: TEAM_ORDER },
    handler: (req) => team.complete(ctxOf(req), req.params.id, req.body),
  });
  r.get('/api/dispatch/team-orders/:id/contact', {
    schema: {
      tags,
      summary: 'The resident’s phone and address in full while serving (audited)',
      params: IdParams,
      response: { 200: ContactView },
    },
    config: { access: TEAM_ORDER },
    handler: (req) => team.contact(ctxOf(req), req.params.id),
  });
}
