import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery, AuditVerifyView } from '@yiqi/shared/contracts/audit';
import { ctxOf } from '../../http/context.ts';
import { listAudit, recordAudit, verifyAudit } from './audit.service.ts';

const tags = ['audit'];

export function registerAuditRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/audit', {
    schema: {
      tags,
      summary: 'Audit log rows in the auditor’s scope, newest first',
      querystring: AuditQuery,
      response: { 200: AuditPage },
    },
    config: { access: { kind: 'staff', roles: ['audit_admin'] } },
    handler: (req) => {
      const { page, pageSize, ...filter } = req.query;
      return listAudit(ctxOf(req), filter, page, pageSize);
    },
  });

  r.post('/api/audit/verify', {
    schema: {
      tags,
      summary: 'Recompute the hash chain and report the first broken row',
      response: { 200: AuditVerifyView },
    },
    config: { access: { kind: 'staff', roles: ['audit_admin'] } },
    handler: async (req) => {
      const result = await verifyAudit(ctxOf(req));
      await recordAudit(ctxOf(req), {
        action: 'audit.verify',
        result: 'ok',
        details: {
          checked: result.checked,
          firstBrokenId: result.firstBrokenId,
          firstBrokenSeq: result.firstBrokenSeq,
          pending: result.pending,
        },
      });
      return result;
    },
  });
}
