import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CodeSentView, ResetConfirmBody, ResetRequestBody } from '@yiqi/shared/contracts/auth';
import { OkSchema } from '@yiqi/shared/contracts/common';
import { ctxOf } from '../../http/context.ts';
import * as recovery from './recovery.service.ts';

const tags = ['auth'];

/**
 * Forgotten password (忘记密码), public. The per-minute limit guards the process; the hourly limits per
 * source and per identifier (the code's real guard) live in the service, in the database.
 */
export function registerRecoveryRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cfg = app.deps.config;
  const perMinute = { max: cfg.loginRatePerMinute, timeWindow: 60_000 };

  r.post('/api/auth/password-reset/request', {
    schema: {
      tags,
      summary: 'Text a password-reset code to the phone on record (the same 202 whether or not it exists)',
      body: ResetRequestBody,
      response: { 202: CodeSentView },
    },
    config: { access: { kind: 'public' }, rateLimit: perMinute },
    handler: async (req, reply) => {
      await recovery.requestPasswordReset(ctxOf(req), app.deps.otpChannel, req.body.identifier);
      return reply.code(202).send({ codeSent: true as const });
    },
  });

  r.post('/api/auth/password-reset/confirm', {
    schema: {
      tags,
      summary: 'Set a new password with the texted code; every session of the account ends',
      body: ResetConfirmBody,
      response: { 200: OkSchema },
    },
    config: { access: { kind: 'public' }, rateLimit: perMinute },
    handler: async (req) => {
      await recovery.confirmPasswordReset(
        ctxOf(req),
        req.body.identifier,
        req.body.code,
        req.body.newPassword,
      );
      return { ok: true as const };
    },
  });
}
