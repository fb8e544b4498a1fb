import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ClaimConfirmBody, ClaimRequestBody, CodeSentView, MeView } from '@yiqi/shared/contracts/auth';
import { ctxOf } from '../../http/context.ts';
import { setSessionCookie } from '../../http/session-cookie.ts';
import * as claim from './claim.service.ts';

const tags = ['volunteers'];

/** Account claim (首次登录) of people registered on their behalf, public; see claim.service. */
export function registerClaimRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cfg = app.deps.config;
  const perMinute = { max: cfg.loginRatePerMinute, timeWindow: 60_000 };

  r.post('/api/auth/claim/request', {
    schema: {
      tags,
      summary: 'Text a claim code to the phone on record of a document or phone (the same 202 either way)',
      body: ClaimRequestBody,
      response: { 202: CodeSentView },
    },
    config: { access: { kind: 'public' }, rateLimit: perMinute },
    handler: async (req, reply) => {
      await claim.requestClaim(ctxOf(req), app.deps.otpChannel, req.body);
      return reply.code(202).send({ codeSent: true as const });
    },
  });

  r.post('/api/auth/claim/confirm', {
    schema: {
      tags,
      summary: 'Claim the record with the texted code: a new account linked to it, signed in',
      body: ClaimConfirmBody,
      response: { 200: MeView },
    },
    config: { access: { kind: 'public' }, rateLimit: perMinute },
    handler: async (req, reply) => {
      const { token, me } = await claim.confirmClaim(ctxOf(req), req.body);
      setSessionCookie(reply, cfg, token);
      return me;
    },
  });
}
