import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CertificateListQuery,
  CertificateNumberParams,
  CertificatePage,
  CertificateParams,
  CertificateReasonBody,
  CertificateRegionQuery,
  CertificateRequestBody,
  CertificateSources,
  CertificateCheck,
  CertificateView,
  IssueBody,
  MAX_SEAL_BYTES,
  SealBody,
  SealView,
} from '@yiqi/shared/contracts/certificates';
import { PageQuery } from '@yiqi/shared/contracts/common';
import { OrganizationParams } from '@yiqi/shared/contracts/organizations';
import { staff, type Access } from '../../http/access.ts';
import { checkScopeBeforeBody } from '../../http/authorization.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as seals from './seal.service.ts';
import * as certificates from './certificates.service.ts';
import { checkCertificate } from './check.service.ts';
import { MEDIA, sendDownload } from '../../http/download.ts';

const tags = ['certificates'];

const STAFF = ['org_admin', 'region_admin'] as const;
/**
 * The admins of the organization that handles the certificate in the path now (the recording unit, or its
 * successor or superior once dissolved), or the region admins above it (or above the recording unit).
 */
const ISSUER = staff(STAFF, targets.certificateById);
/** Issuing: also the admins of the organizations above the handler (nobody issues their own). */
const ISSUE_DECIDER = staff(STAFF, targets.certificateDecisionById);
const ORG_TEAM = staff(STAFF, targets.organizationById);
const ORG_DECIDER = staff(STAFF, targets.organizationDecisionById);
/** The region a list is narrowed to, when given; without one the service keeps to the caller's scopes. */
const REGION_QUEUE = staff(['region_admin'], targets.regionInQuery);
const SELF: Access = { kind: 'user' };
/** Per account (many volunteers may share one address, e.g. a school): 20 a minute is plenty. */
const PER_ACCOUNT = {
  max: 20,
  timeWindow: 60_000,
  keyGenerator: (req: FastifyRequest) => req.actor?.userId ?? req.ip,
};

function sendPdf(reply: FastifyReply, out: { pdf: Buffer; number: string }) {
  return sendDownload(reply, MEDIA.pdf, `certificate-${out.number}.pdf`, out.pdf);
}

export function registerCertificateRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // The volunteer's side.
  r.get('/api/me/certificates/sources', {
    schema: {
      tags,
      summary: 'Organizations that recorded my confirmed service, with their activities (where to ask)',
      response: { 200: CertificateSources },
    },
    config: { access: SELF },
    handler: (req) => certificates.sources(ctxOf(req)),
  });

  r.get('/api/me/certificates', {
    schema: {
      tags,
      summary: 'My certificate requests and certificates, newest first',
      querystring: PageQuery,
      response: { 200: CertificatePage },
    },
    config: { access: SELF },
    handler: (req) => certificates.myCertificates(ctxOf(req), req.query.page, req.query.pageSize),
  });

  r.post('/api/me/certificates', {
    schema: {
      tags,
      summary: 'Ask the recording organization for a certificate of all, a period or chosen activities',
      body: CertificateRequestBody,
      response: { 200: CertificateView },
    },
    config: { access: SELF, rateLimit: PER_ACCOUNT },
    handler: (req) => certificates.requestCertificate(ctxOf(req), req.body),
  });

  r.get('/api/me/certificates/:id/pdf', {
    schema: {
      tags,
      summary: 'My issued certificate as a PDF (A4, Chinese, with verification QR code)',
      params: CertificateParams,
      response: { 200: z.string() },
    },
    config: { access: SELF, rateLimit: PER_ACCOUNT },
    handler: async (req, reply) =>
      sendPdf(reply, await certificates.myCertificatePdf(ctxOf(req), req.params.id)),
  });

  // The issuing side: the organization handling the certificate, or the region admins.
  r.get('/api/organizations/:id/certificates', {
    schema: {
      tags,
      summary: 'Certificate requests and certificates of the organization, by status',
      params: OrganizationParams,
      querystring: CertificateListQuery,
      response: { 200: CertificatePage },
    },
    config: { access: ORG_DECIDER },
    handler: (req) => certificates.listForOrganization(ctxOf(req), req.params.id, req.query),
  });

  r.get('/api/certificates/region-queue', {
    schema: {
      tags,
      summary:
        'Certificates the region admins issue themselves: the recording unit was dissolved and left no ' +
        'successor or superior (in the caller’s region scopes)',
      querystring: CertificateRegionQuery,
      response: { 200: CertificatePage },
    },
    config: { access: REGION_QUEUE },
    handler: (req) => certificates.listForRegion(ctxOf(req), req.query),
  });

  r.post('/api/certificates/:id/issue', {
    schema: {
      tags,
      summary: 'Issue a requested certificate: freezes its confirmed records, total and content hash',
      params: CertificateParams,
      body: IssueBody,
      response: { 200: CertificateView },
    },
    config: { access: ISSUE_DECIDER },
    handler: (req) => certificates.issue(ctxOf(req), req.params.id, req.body),
  });

  r.post('/api/certificates/:id/reject', {
    schema: {
      tags,
      summary: 'Reject a certificate request with a reason',
      params: CertificateParams,
      body: CertificateReasonBody,
      response: { 200: CertificateView },
    },
    config: { access: ISSUER },
    handler: (req) => certificates.reject(ctxOf(req), req.params.id, req.body.reason),
  });

  r.post('/api/certificates/:id/revoke', {
    schema: {
      tags,
      summary: 'Revoke an issued certificate with a reason (it is kept; verification shows it revoked)',
      params: CertificateParams,
      body: CertificateReasonBody,
      response: { 200: CertificateView },
    },
    config: { access: ISSUER },
    handler: (req) => certificates.revoke(ctxOf(req), req.params.id, req.body.reason),
  });

  r.get('/api/certificates/:id/pdf', {
    schema: {
      tags,
      summary: 'An issued certificate of the organization as a PDF, for printing and stamping',
      params: CertificateParams,
      response: { 200: z.string() },
    },
    // Rendering a PDF costs CPU.
    config: { access: ISSUER, rateLimit: PER_ACCOUNT },
    handler: async (req, reply) => sendPdf(reply, await certificates.staffPdf(ctxOf(req), req.params.id)),
  });

  r.get('/api/organizations/:id/certificate-seal', {
    schema: {
      tags,
      summary: 'The seal printed on the organization’s certificates, if it has one',
      params: OrganizationParams,
      response: { 200: SealView },
    },
    config: { access: ORG_TEAM },
    handler: (req) => seals.getSeal(ctxOf(req), req.params.id),
  });

  r.put('/api/organizations/:id/certificate-seal', {
    schema: {
      tags,
      summary: 'Set the seal image (PNG or JPEG, ≤ 512 KB), or remove it with null',
      params: OrganizationParams,
      body: SealBody,
      response: { 200: SealView },
    },
    config: { access: ORG_TEAM },
    // The image in base64 (4/3 of it) and the JSON around it; the organization is checked before.
    bodyLimit: Math.ceil((MAX_SEAL_BYTES * 4) / 3) + 4096,
    preParsing: checkScopeBeforeBody,
    handler: (req) => seals.putSeal(ctxOf(req), req.params.id, req.body),
  });

  // Anyone, by number or QR code.
  r.get('/api/certificates/:number/verify', {
    schema: {
      tags,
      summary:
        'Certificate check (证明核验) by number, at the address printed on it: validity, issuer, hours, masked name, changes since',
      params: CertificateNumberParams,
      response: { 200: CertificateCheck },
    },
    // Cheap and public: limited per source, and cacheable for a minute.
    config: { access: { kind: 'public' }, rateLimit: { max: 120, timeWindow: 60_000 } },
    // "No such certificate" is the same answer for everyone too: kept 30 s (a certificate issued since is
    // found soon after), so checking a mistyped number again on a phone costs no round trip (decision 0057).
    // Only that answer: its message follows the language, hence the vary.
    onSend: async (_req, reply, payload) => {
      if (reply.statusCode === 404)
        reply.header('cache-control', 'public, max-age=30').header('vary', 'accept-language, cookie');
      return payload;
    },
    handler: async (req, reply) => {
      const out = await checkCertificate(ctxOf(req), req.params.number);
      reply.header('cache-control', 'public, max-age=60');
      return out;
    },
  });
}
