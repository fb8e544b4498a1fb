import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  Coverage,
  CoverageQuery,
  PolicyBody,
  PolicyDetail,
  PolicyListQuery,
  PolicyPage,
  PolicyParams,
  PolicySaved,
  WithdrawBody,
} from '@yiqi/shared/contracts/insurance';
import { staff, type Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as insurance from './insurance.service.ts';

const tags = ['insurance'];
const SELF: Access = { kind: 'user' };
/** Policies are the federations' (region admins') to enter, within their region subtree. */
const REGION_Q = staff(['region_admin'], targets.regionInQuery);
const REGION_B = staff(['region_admin'], targets.regionInBody);
const POLICY = staff(['region_admin'], targets.insurancePolicyById);
/** Another person's coverage: the admins of the volunteer's residence region (and above). */
const VOLUNTEER = staff(['region_admin'], targets.volunteerById);

export function registerInsuranceRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/insurance/policies', {
    schema: {
      tags,
      summary: 'Insurance policies of a region subtree (or of the caller’s scopes), newest period first',
      querystring: PolicyListQuery,
      response: { 200: PolicyPage },
    },
    config: { access: REGION_Q },
    handler: (req) => insurance.list(ctxOf(req), req.query),
  });

  r.post('/api/insurance/policies', {
    schema: {
      tags,
      summary: 'Enter a policy: a region’s yearly group policy, or one activity’s',
      body: PolicyBody,
      response: { 200: PolicySaved },
    },
    config: { access: REGION_B },
    handler: (req) => insurance.create(ctxOf(req), req.body),
  });

  r.get('/api/insurance/policies/:id', {
    schema: {
      tags,
      summary: 'A policy with its derived enrollment (volunteers or accepted sign-ups it covers now)',
      params: PolicyParams,
      response: { 200: PolicyDetail },
    },
    config: { access: POLICY },
    handler: (req) => insurance.detail(ctxOf(req), req.params.id),
  });

  r.post('/api/insurance/policies/:id/withdraw', {
    schema: {
      tags,
      summary: 'Withdraw a policy entered by mistake (kept, with the reason; it covers nobody any more)',
      params: PolicyParams,
      body: WithdrawBody,
      response: { 200: PolicySaved },
    },
    config: { access: POLICY },
    handler: (req) => insurance.withdraw(ctxOf(req), req.params.id, req.body.reason),
  });

  r.get('/api/insurance/volunteers/:id/coverage', {
    schema: {
      tags,
      summary: 'Was the volunteer covered at an instant: the policies and, as evidence, records and sign-ups',
      params: PolicyParams,
      querystring: CoverageQuery,
      response: { 200: Coverage },
    },
    config: { access: VOLUNTEER },
    handler: (req) => insurance.lookup(ctxOf(req), req.params.id, req.query.at),
  });

  r.get('/api/me/insurance', {
    schema: {
      tags,
      summary: 'The caller’s own coverage now (or at an instant)',
      querystring: CoverageQuery,
      response: { 200: Coverage },
    },
    config: { access: SELF },
    handler: (req) => insurance.mine(ctxOf(req), req.query.at),
  });
}
