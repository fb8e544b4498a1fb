import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Account,
  AccountPage,
  AccountsQuery,
  AdminBookingQuery,
  AdminCancelBody,
  AdminMenuQuery,
  AdminStatementQuery,
  BookingBody,
  BookingList,
  BookingParams,
  DispatchChoices,
  ElderBody,
  FamilyBody,
  Grant,
  GrantBody,
  GrantDecisionBody,
  GrantList,
  MenuBody,
  MenuItem,
  MenuList,
  MenuQuery,
  MyTimebank,
  Reconcile,
  RegionQuery,
  ReverseBody,
  Scheme,
  SchemeBody,
  SchemeList,
  SchemeQuery,
  Statement,
  StatementQuery,
  Transfer,
  TransferBody,
  Booking,
  ElderBookingBody,
  SettleBody,
  TeamTransferBody,
} from '@yiqi/shared/contracts/timebank';
import type { Statement as StatementT } from '@yiqi/shared/contracts/timebank';
import type { Ctx } from '../../core/ctx.ts';
import { staff, type Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import { MEDIA, sendDownload } from '../../http/download.ts';
import * as targets from '../access/targets.ts';
import * as bookings from './bookings.service.ts';
import * as grants from './grants.service.ts';
import { statementWorkbook } from './statement.export.ts';
import * as bank from './timebank.service.ts';
import { teamTransfer } from './team.service.ts';

const tags = ['time bank'];
const SELF: Access = { kind: 'user' };
/** The region's administrators run its scheme (the region named in the query or body decides). */
const REGION_Q = staff(['region_admin'], targets.regionInQuery);
const REGION_B = staff(['region_admin'], targets.regionInBody);
const REGION_ANY = staff(['region_admin']);
/** An organization's administrators give its team account's points (the organization in the body). */
const TEAM_B = staff(['org_admin'], targets.organizationInBody);

/** The `Idempotency-Key` header of a money-moving request (the service refuses a request without one). */
const keyOf = (req: FastifyRequest) => {
  const k = req.headers['idempotency-key'];
  return Array.isArray(k) ? k[0] : k;
};
const IDEMPOTENT =
  'Needs an Idempotency-Key header: a replay answers the first response; another body with the same key is refused (422)';

/** A whole statement (every line on one page) as an .xlsx download in the caller's language. */
const ALL_LINES = { page: 1, pageSize: 100_000 };
async function sendStatement(reply: FastifyReply, ctx: Ctx, s: StatementT) {
  return sendDownload(reply, MEDIA.xlsx, 'timebank-statement.xlsx', await statementWorkbook(s, ctx.locale));
}

const TransferResult = z.object({ transfer: Transfer, balance: z.number().int() });
const BookingResult = z.object({ booking: Booking });
const ReverseResult = z.object({ transfer: Transfer });

export function registerTimebankRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- the volunteer's own (/m) ----
  r.get('/api/me/timebank', {
    schema: {
      tags,
      summary: 'My time bank accounts, balances and spending threshold',
      response: { 200: MyTimebank },
    },
    config: { access: SELF },
    handler: (req) => bank.mine(ctxOf(req)),
  });
  r.get('/api/me/timebank/statement', {
    schema: {
      tags,
      summary: 'Statement of one of my accounts for a period',
      querystring: StatementQuery,
      response: { 200: Statement },
    },
    config: { access: SELF },
    handler: (req) => bank.myStatement(ctxOf(req), req.query),
  });
  r.get('/api/me/timebank/statement.xlsx', {
    schema: { tags, summary: 'Statement of one of my accounts as .xlsx', querystring: StatementQuery },
    config: { access: SELF },
    handler: async (req, reply) => {
      const ctx = ctxOf(req);
      return sendStatement(reply, ctx, await bank.myStatement(ctx, { ...req.query, ...ALL_LINES }));
    },
  });
  r.post('/api/me/timebank/family', {
    schema: {
      tags,
      summary: 'Register a close family member who may receive my points',
      body: FamilyBody,
      response: { 200: Account },
    },
    config: { access: SELF },
    handler: (req) => bank.registerFamily(ctxOf(req), req.body),
  });
  r.post('/api/me/timebank/transfers', {
    schema: {
      tags,
      summary: 'Give points to my registered family or donate them to the pool',
      description: IDEMPOTENT,
      body: TransferBody,
      response: { 200: TransferResult },
    },
    config: { access: SELF },
    handler: (req) => bank.transfer(ctxOf(req), keyOf(req), req.body),
  });
  r.get('/api/me/timebank/menu', {
    schema: {
      tags,
      summary: 'The services a scheme’s points buy',
      querystring: MenuQuery,
      response: { 200: MenuList },
    },
    config: { access: SELF },
    handler: (req) => bookings.menu(ctxOf(req), req.query.schemeId),
  });
  r.get('/api/me/timebank/bookings', {
    schema: { tags, summary: 'My bookings and my family’s', response: { 200: BookingList } },
    config: { access: SELF },
    handler: (req) => bookings.myBookings(ctxOf(req)),
  });
  r.post('/api/me/timebank/bookings', {
    schema: {
      tags,
      summary: 'Book a service for myself or a family member; the points are held until delivery',
      description: IDEMPOTENT,
      body: BookingBody,
      response: { 200: BookingResult },
    },
    config: { access: SELF },
    handler: (req) => bookings.book(ctxOf(req), keyOf(req), req.body),
  });
  r.post('/api/me/timebank/bookings/:id/cancel', {
    schema: {
      tags,
      summary: 'Cancel my held booking; every held point comes back',
      description: IDEMPOTENT,
      params: BookingParams,
      response: { 200: BookingResult },
    },
    config: { access: SELF },
    handler: (req) => bookings.cancelMine(ctxOf(req), keyOf(req), req.params.id),
  });

  // ---- the console ----
  r.get('/api/timebank/schemes', {
    schema: {
      tags,
      summary: 'Time bank schemes in my regions',
      querystring: SchemeQuery,
      response: { 200: SchemeList },
    },
    config: { access: REGION_ANY },
    handler: (req) => bank.listSchemes(ctxOf(req), req.query.region),
  });
  r.put('/api/timebank/schemes', {
    schema: {
      tags,
      summary: 'Open a region’s scheme or change its rules',
      body: SchemeBody,
      response: { 200: Scheme },
    },
    config: { access: REGION_B },
    handler: (req) => bank.saveScheme(ctxOf(req), req.body),
  });
  r.get('/api/timebank/accounts', {
    schema: {
      tags,
      summary: 'Accounts of a region’s scheme with their balances',
      querystring: AccountsQuery,
      response: { 200: AccountPage },
    },
    config: { access: REGION_Q },
    handler: (req) => bank.listAccounts(ctxOf(req), req.query),
  });
  r.get('/api/timebank/statement', {
    schema: {
      tags,
      summary: 'Statement of an account of a region’s scheme',
      querystring: AdminStatementQuery,
      response: { 200: Statement },
    },
    config: { access: REGION_Q },
    handler: (req) => bank.adminStatement(ctxOf(req), req.query),
  });
  r.get('/api/timebank/statement.xlsx', {
    schema: { tags, summary: 'Statement of an account as .xlsx', querystring: AdminStatementQuery },
    config: { access: REGION_Q },
    handler: async (req, reply) => {
      const ctx = ctxOf(req);
      return sendStatement(reply, ctx, await bank.adminStatement(ctx, { ...req.query, ...ALL_LINES }));
    },
  });
  r.get('/api/timebank/reconcile', {
    schema: {
      tags,
      summary: 'Reconcile: every cached balance equals its entries, the scheme sums to 0, none negative',
      querystring: RegionQuery,
      response: { 200: Reconcile },
    },
    config: { access: REGION_Q },
    handler: (req) => bank.reconcile(ctxOf(req), req.query.region),
  });
  r.post('/api/timebank/reversals', {
    schema: {
      tags,
      summary: 'Reverse a donation, family transfer or grant (a new transfer with a reason; not one’s own)',
      description: IDEMPOTENT,
      body: ReverseBody,
      response: { 200: ReverseResult },
    },
    config: { access: REGION_B },
    handler: (req) => bank.reverse(ctxOf(req), keyOf(req), req.body),
  });
  r.post('/api/timebank/team-transfers', {
    schema: {
      tags,
      summary: 'Donate points from my organization’s team account to the pool (a team account only donates)',
      description: IDEMPOTENT,
      body: TeamTransferBody,
      response: { 200: TransferResult },
    },
    config: { access: TEAM_B },
    handler: (req) => teamTransfer(ctxOf(req), keyOf(req), req.body),
  });
  r.get('/api/timebank/menu', {
    schema: {
      tags,
      summary: 'The menu of a region’s scheme',
      querystring: AdminMenuQuery,
      response: { 200: MenuList },
    },
    config: { access: REGION_Q },
    handler: (req) => bookings.adminMenu(ctxOf(req), req.query.region),
  });
  r.get('/api/timebank/dispatch-items', {
    schema: {
      tags,
      summary:
        'The approved dispatch menu items inside a region’s scheme (what a service may be delivered as)',
      querystring: AdminMenuQuery,
      response: { 200: DispatchChoices },
    },
    config: { access: REGION_Q },
    handler: (req) => bookings.dispatchChoices(ctxOf(req), req.query.region),
  });
  r.post('/api/timebank/menu', {
    schema: { tags, summary: 'Add a service to the menu', body: MenuBody, response: { 200: MenuItem } },
    config: { access: REGION_B },
    handler: (req) => bookings.addMenuItem(ctxOf(req), req.body),
  });
  r.get('/api/timebank/bookings', {
    schema: {
      tags,
      summary: 'Bookings of a region’s scheme',
      querystring: AdminBookingQuery,
      response: { 200: BookingList },
    },
    config: { access: REGION_Q },
    handler: (req) => bookings.adminBookings(ctxOf(req), req.query.region),
  });
  r.post('/api/timebank/bookings', {
    schema: {
      tags,
      summary: 'Book a service for a priority elder from their granted points',
      description: IDEMPOTENT,
      body: ElderBookingBody,
      response: { 200: BookingResult },
    },
    config: { access: REGION_B },
    handler: (req) => bookings.bookForElder(ctxOf(req), keyOf(req), req.body),
  });
  r.post('/api/timebank/bookings/settle', {
    schema: {
      tags,
      summary: 'The service was delivered: settle at most the held points, the rest back',
      description: IDEMPOTENT,
      body: SettleBody,
      response: { 200: BookingResult },
    },
    config: { access: REGION_B },
    handler: (req) => bookings.settle(ctxOf(req), keyOf(req), req.body),
  });
  r.post('/api/timebank/bookings/cancel', {
    schema: {
      tags,
      summary: 'Cancel a held booking; every point back',
      description: IDEMPOTENT,
      body: AdminCancelBody,
      response: { 200: BookingResult },
    },
    config: { access: REGION_B },
    handler: (req) => bookings.adminCancel(ctxOf(req), keyOf(req), req.body),
  });
  r.post('/api/timebank/elders', {
    schema: {
      tags,
      summary: 'Add a priority elder (e.g. 80+ living alone) who may receive grants',
      body: ElderBody,
      response: { 200: Account },
    },
    config: { access: REGION_B },
    handler: (req) => bank.addElder(ctxOf(req), req.body),
  });
  r.get('/api/timebank/grants', {
    schema: {
      tags,
      summary: 'Community grants of a region’s scheme',
      querystring: RegionQuery,
      response: { 200: GrantList },
    },
    config: { access: REGION_Q },
    handler: (req) => grants.listGrants(ctxOf(req), req.query.region),
  });
  r.post('/api/timebank/grants', {
    schema: {
      tags,
      summary: 'Propose a grant of donated points to a priority elder (a second administrator approves)',
      body: GrantBody,
      response: { 200: Grant },
    },
    config: { access: REGION_B },
    handler: (req) => grants.propose(ctxOf(req), req.body),
  });
  r.post('/api/timebank/grants/decision', {
    schema: {
      tags,
      summary: 'Approve or refuse a proposed grant (not one’s own proposal); approval moves the points',
      description: IDEMPOTENT,
      body: GrantDecisionBody,
      response: { 200: Grant },
    },
    config: { access: REGION_B },
    handler: (req) => grants.decide(ctxOf(req), keyOf(req), req.body),
  });
}
