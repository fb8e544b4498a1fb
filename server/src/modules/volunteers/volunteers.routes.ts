import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CodeSentView } from '@yiqi/shared/contracts/auth';
import { OkSchema } from '@yiqi/shared/contracts/common';
import {
  CloseBody,
  DocumentUploadBody,
  DocumentUploadView,
  ExportQuery,
  MAX_DOCUMENT_BYTES,
  ProfilePatch,
  RegisterBody,
  RegisteredView,
  VolunteerExport,
  VolunteerView,
} from '@yiqi/shared/contracts/volunteers';
import { ctxOf } from '../../http/context.ts';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.ts';
import * as account from './account.service.ts';
import * as profile from './profile.service.ts';
import * as registration from './registration.service.ts';
import * as verification from './verification.service.ts';
import { registerVolunteerStaffRoutes } from './volunteers.staff.routes.ts';
import { MEDIA, sendDownload } from '../../http/download.ts';

const tags = ['volunteers'];

/** Volunteer self-service (registration, own profile, verification, export, closure), then staff routes. */
export function registerVolunteerRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cfg = app.deps.config;

  r.post('/api/volunteers/register', {
    schema: {
      tags,
      summary:
        'Register as a volunteer under one’s real name: without phoneCode texts a code (202, the same ' +
        'whether or not the person is on record); with it registers and signs the new account in',
      body: RegisterBody,
      response: { 200: RegisteredView, 202: CodeSentView },
    },
    // Public and costly (a password hash, a text message), so limited per source like sign-in.
    config: { access: { kind: 'public' }, rateLimit: { max: cfg.loginRatePerMinute, timeWindow: 60_000 } },
    handler: async (req, reply) => {
      const out = await registration.registerSelf(ctxOf(req), app.deps.otpChannel, req.body);
      if ('pending' in out) return reply.code(202).send({ codeSent: true as const });
      setSessionCookie(reply, cfg, out.token);
      return { me: out.me, volunteer: out.volunteer };
    },
  });

  r.get('/api/me/volunteer', {
    schema: { tags, summary: 'Own volunteer profile (masked)', response: { 200: VolunteerView } },
    config: { access: { kind: 'user' } },
    handler: (req) => profile.getOwnProfile(ctxOf(req)),
  });

  r.patch('/api/me/volunteer', {
    schema: {
      tags,
      summary: 'Update own profile; correcting name or document restarts verification',
      body: ProfilePatch,
      response: { 200: VolunteerView },
    },
    config: { access: { kind: 'user' } },
    handler: (req) => profile.updateOwnProfile(ctxOf(req), req.body),
  });

  r.delete('/api/me/volunteer/declared-qualifications', {
    schema: {
      tags,
      summary:
        'Remove the qualifications once typed on my profile (未核验的自述资质; qualifications are records now)',
      response: { 200: VolunteerView },
    },
    config: { access: { kind: 'user' } },
    handler: (req) => profile.clearDeclaredQualifications(ctxOf(req)),
  });

  r.post('/api/me/volunteer/documents', {
    schema: {
      tags,
      summary: 'Upload a copy of the identity document (PNG, JPEG or PDF, ≤ 2 MB) for manual review',
      body: DocumentUploadBody,
      response: { 200: DocumentUploadView },
    },
    // Base64 is 4/3 of the file, plus the JSON around it.
    bodyLimit: Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4096,
    config: { access: { kind: 'user' }, rateLimit: { max: 20, timeWindow: 60_000 } },
    handler: (req) => verification.uploadDocument(ctxOf(req), req.body),
  });

  r.post('/api/me/volunteer/verify', {
    schema: {
      tags,
      summary: 'Check own mainland ID card with the identity service',
      response: { 200: VolunteerView },
    },
    config: { access: { kind: 'user' }, rateLimit: { max: 10, timeWindow: 60_000 } },
    handler: (req) => verification.verifyOnline(ctxOf(req)),
  });

  r.get('/api/me/volunteer/export', {
    schema: {
      tags,
      summary: 'Export all own data, unmasked (JSON or Excel)',
      querystring: ExportQuery,
      response: { 200: VolunteerExport },
    },
    config: { access: { kind: 'user' } },
    handler: async (req, reply) => {
      const out = await account.exportOwnData(ctxOf(req), req.query.format);
      reply.header('cache-control', 'no-store');
      if ('json' in out) return out.json;
      return sendDownload(reply, MEDIA.xlsx, `volunteer-${out.volunteerNo}.xlsx`, out.xlsx);
    },
  });

  r.post('/api/me/volunteer/close', {
    schema: {
      tags,
      summary: 'Close own account: personal data erased, sessions ended',
      body: CloseBody,
      response: { 200: OkSchema },
    },
    config: { access: { kind: 'user' }, rateLimit: { max: 10, timeWindow: 60_000 } },
    handler: async (req, reply) => {
      await account.closeOwnAccount(ctxOf(req), req.body.password);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  });

  registerVolunteerStaffRoutes(app);
}
