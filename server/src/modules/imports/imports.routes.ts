import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  IMPORT_KINDS,
  ImportDecisionBody,
  ImportDecisionResult,
  ImportJobPage,
  ImportJobView,
  ImportListQuery,
  ImportParams,
  ImportStarted,
  ImportUploadQuery,
  MAX_IMPORT_BYTES,
  RecordImportQuery,
  XLSX_MIME,
} from '@yiqi/shared/contracts/imports';
import { staff } from '../../http/access.ts';
import { checkScopeBeforeBody } from '../../http/authorization.ts';
import { ctxOf } from '../../http/context.ts';
import { systemCtx } from '../../core/system-ctx.ts';
import * as targets from '../access/targets.ts';
import { ImportJobs } from './imports.jobs.ts';
import * as imports from './imports.service.ts';
import { downloadHeaders, MEDIA } from '../../http/download.ts';

const tags = ['imports'];
const STAFF = ['org_admin', 'region_admin'] as const;

/** Uploads and job lists name the organization: its admins, or the region admins above it. */
const orgAccess = staff(STAFF, targets.organizationInQuery);
/** A job is read by the admins of the organization it imports into, and the region admins above it. */
const jobAccess = staff(STAFF, targets.importJobById);

const download = (name: string) => downloadHeaders(MEDIA.xlsx, name);

/** Bulk imports from Excel: templates, uploads (validated and committed in the background), progress. */
export function registerImportRoutes(app: FastifyInstance): void {
  const jobs = new ImportJobs();
  // Jobs a stopped process left running wrote nothing: mark them failed before taking requests.
  app.addHook('onReady', async () => {
    const ctx = systemCtx(app.deps, { requestId: 'startup', log: app.log });
    const n = await imports.failInterrupted(ctx);
    if (n) app.log.warn(`${n} import job(s) interrupted by the last stop were marked failed`);
  });
  // On shutdown, running jobs stop (their transaction rolls back) and are marked failed.
  app.addHook('onClose', () => jobs.close());

  for (const kind of IMPORT_KINDS)
    app.withTypeProvider<ZodTypeProvider>().get(`/api/imports/templates/${kind}.xlsx`, {
      schema: { tags, summary: `The Excel template for importing ${kind}` },
      config: { access: { kind: 'staff', roles: STAFF } },
      handler: async (req, reply) =>
        reply.headers(download(`${kind}-template.xlsx`)).send(await imports.templateFile(ctxOf(req), kind)),
    });

  // The raw workbook is the body, and nothing else (JSON is a 415): a parser for it only in this scope.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const upload = {
      bodyLimit: MAX_IMPORT_BYTES,
      config: { access: orgAccess },
      // Nobody gets to send 40 MB who may not import into this organization: anonymous callers and those
      // without the roles are refused in onRequest, admins of other organizations here, before the body.
      preParsing: checkScopeBeforeBody,
    };
    for (const kind of ['volunteers', 'members'] as const)
      r.post(`/api/imports/${kind}`, {
        ...upload,
        schema: {
          tags,
          summary: `Upload an Excel list of ${kind} (body: the .xlsx file); validated, then imported in the background`,
          querystring: ImportUploadQuery,
          response: { 202: ImportStarted },
        },
        handler: async (req, reply) => {
          const started = await imports.startImport(ctxOf(req), jobs, kind, req.query.orgId, req.body);
          return reply.code(202).send(started);
        },
      });
    r.post('/api/imports/records', {
      ...upload,
      schema: {
        tags,
        summary:
          'Upload an Excel sheet of service hours (body: the .xlsx file) with the reason for recording them afterwards; validated, then written as pending records for a second person to approve',
        querystring: RecordImportQuery,
        response: { 202: ImportStarted },
      },
      handler: async (req, reply) => {
        const q = req.query;
        const started = await imports.startImport(ctxOf(req), jobs, 'records', q.orgId, req.body, q.reason);
        return reply.code(202).send(started);
      },
    });
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/imports', {
    schema: {
      tags,
      summary: 'Recent imports into an organization',
      querystring: ImportListQuery,
      response: { 200: ImportJobPage },
    },
    config: { access: orgAccess },
    handler: (req) => imports.listJobs(ctxOf(req), req.query.orgId, req.query.page, req.query.pageSize),
  });

  r.get('/api/imports/:id', {
    schema: {
      tags,
      summary: 'Progress and outcome of an import, with its first errors',
      params: ImportParams,
      response: { 200: ImportJobView },
    },
    config: { access: jobAccess },
    handler: (req) => imports.getJob(ctxOf(req), req.params.id),
  });

  r.get('/api/imports/:id/errors.xlsx', {
    schema: {
      tags,
      summary: 'Every problem found in the file: row, column and message',
      params: ImportParams,
    },
    config: { access: jobAccess },
    handler: async (req, reply) =>
      reply
        .headers(download('import-errors.xlsx'))
        .send(await imports.errorsWorkbook(ctxOf(req), req.params.id)),
  });

  r.post('/api/imports/:id/decision', {
    schema: {
      tags,
      summary:
        'Approve or reject every pending record of an hours import (not by its uploader); records that would pass 24 hours on a day stay pending',
      params: ImportParams,
      body: ImportDecisionBody,
      response: { 200: ImportDecisionResult },
    },
    config: { access: jobAccess },
    handler: (req) => imports.decideBatch(ctxOf(req), req.params.id, req.body.decision, req.body.reason),
  });
}
