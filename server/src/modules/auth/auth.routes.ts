import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ChangePasswordBody,
  LocaleBody,
  LoginBody,
  MeView,
  TotpCodeBody,
  TotpSetupView,
} from '@yiqi/shared/contracts/auth';
import { OkSchema } from '@yiqi/shared/contracts/common';
import { ctxOf } from '../../http/context.ts';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.ts';
import * as auth from './auth.service.ts';

const tags = ['auth'];

export function registerAuthRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cfg = app.deps.config;

  r.post('/api/auth/login', {
    schema: {
      tags,
      summary: 'Sign in with user name and password',
      body: LoginBody,
      response: { 200: MeView },
    },
    config: { access: { kind: 'public' }, rateLimit: { max: cfg.loginRatePerMinute, timeWindow: 60_000 } },
    handler: async (req, reply) => {
      const { token, me } = await auth.login(ctxOf(req), req.body.username, req.body.password);
      setSessionCookie(reply, cfg, token);
      return me;
    },
  });

  r.post('/api/auth/logout', {
    schema: { tags, summary: 'Sign out: the session ends on the server', response: { 200: OkSchema } },
    config: { access: { kind: 'user' } },
    handler: async (req, reply) => {
      await auth.logout(ctxOf(req));
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  });

  r.get('/api/me', {
    schema: { tags, summary: 'The signed-in user, roles and second-factor state', response: { 200: MeView } },
    config: { access: { kind: 'user' } },
    handler: (req) => auth.getMe(ctxOf(req)),
  });

  r.post('/api/auth/password', {
    schema: {
      tags,
      summary: 'Change own password; other sessions end',
      body: ChangePasswordBody,
      response: { 200: OkSchema },
    },
    config: { access: { kind: 'user' } },
    handler: async (req) => {
      await auth.changePassword(ctxOf(req), req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  });

  r.put('/api/me/locale', {
    schema: { tags, summary: 'Set own interface language', body: LocaleBody, response: { 200: OkSchema } },
    config: { access: { kind: 'user' } },
    handler: async (req) => {
      await auth.setLocale(ctxOf(req), req.body.locale);
      return { ok: true as const };
    },
  });

  r.post('/api/auth/totp/setup', {
    schema: { tags, summary: 'Start TOTP enrolment: secret and QR code', response: { 200: TotpSetupView } },
    config: { access: { kind: 'user' } },
    handler: (req) => auth.setupTotp(ctxOf(req)),
  });

  r.post('/api/auth/totp/enable', {
    schema: {
      tags,
      summary: 'Confirm TOTP enrolment with a first code',
      body: TotpCodeBody,
      response: { 200: OkSchema },
    },
    config: { access: { kind: 'user' }, rateLimit: { max: 10, timeWindow: 60_000 } },
    handler: async (req, reply) => {
      const { token } = await auth.checkTotp(ctxOf(req), req.body.code, 'enable');
      setSessionCookie(reply, cfg, token);
      return { ok: true as const };
    },
  });

  r.post('/api/auth/totp/verify', {
    schema: {
      tags,
      summary: 'Pass the second factor for this session; the session moves to a new token (new cookie)',
      body: TotpCodeBody,
      response: { 200: OkSchema },
    },
    config: { access: { kind: 'user' }, rateLimit: { max: 10, timeWindow: 60_000 } },
    handler: async (req, reply) => {
      const { token } = await auth.checkTotp(ctxOf(req), req.body.code, 'verify');
      setSessionCookie(reply, cfg, token);
      return { ok: true as const };
    },
  });
}
