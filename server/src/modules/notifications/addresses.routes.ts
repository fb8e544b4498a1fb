import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CodeSentView } from '@yiqi/shared/contracts/auth';
import {
  EmailCodeBody,
  EmailConfirmBody,
  NotificationPreferences,
  WechatBindBody,
} from '@yiqi/shared/contracts/notifications';
import type { Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as addresses from './addresses.service.ts';
import { notificationChannelFor } from './channels.ts';
import { myPreferences } from './delivery.service.ts';
import { wechatIdentityFor } from './wechat.ts';

const tags = ['notifications'];
const SELF: Access = { kind: 'user' };

/** The caller's own e-mail address and WeChat identity for notices (docs/decisions/0069). */
export function registerAddressRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cfg = app.deps.config;
  // Per account and minute, on top of the hourly code limits per source, account and address.
  const perMinute = { max: cfg.loginRatePerMinute, timeWindow: 60_000 };

  r.post('/api/me/email/code', {
    schema: {
      tags,
      summary: 'Send a six-digit code to an e-mail address (through the e-mail channel) to verify it',
      body: EmailCodeBody,
      response: { 202: CodeSentView },
    },
    config: { access: SELF, rateLimit: perMinute },
    handler: async (req, reply) => {
      await addresses.requestEmailCode(ctxOf(req), notificationChannelFor(cfg, req.log), req.body.email);
      return reply.code(202).send({ codeSent: true as const });
    },
  });

  r.put('/api/me/email', {
    schema: {
      tags,
      summary: 'Make a verified address (its code) my e-mail address for notices; replaces an earlier one',
      body: EmailConfirmBody,
      response: { 200: NotificationPreferences },
    },
    config: { access: SELF, rateLimit: perMinute },
    handler: async (req) => {
      const ctx = ctxOf(req);
      await addresses.confirmEmail(ctx, req.body.email, req.body.code);
      return myPreferences(ctx);
    },
  });

  r.delete('/api/me/email', {
    schema: {
      tags,
      summary: 'Remove my e-mail address (the e-mail channel turns off)',
      response: { 200: NotificationPreferences },
    },
    config: { access: SELF },
    handler: async (req) => {
      const ctx = ctxOf(req);
      await addresses.unbind(ctx, 'email');
      return myPreferences(ctx);
    },
  });

  r.put('/api/me/wechat', {
    schema: {
      tags,
      summary: 'Bind my WeChat (a mini-program login code, exchanged on the server for the OpenID)',
      body: WechatBindBody,
      response: { 200: NotificationPreferences },
    },
    config: { access: SELF, rateLimit: perMinute },
    handler: async (req) => {
      const ctx = ctxOf(req);
      await addresses.bindWechat(ctx, wechatIdentityFor(cfg), req.body.code);
      return myPreferences(ctx);
    },
  });

  r.delete('/api/me/wechat', {
    schema: {
      tags,
      summary: 'Unbind my WeChat (the WeChat channel turns off)',
      response: { 200: NotificationPreferences },
    },
    config: { access: SELF },
    handler: async (req) => {
      const ctx = ctxOf(req);
      await addresses.unbind(ctx, 'wechat');
      return myPreferences(ctx);
    },
  });
}
