import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DirectoryPage, DirectoryQuery } from '@yiqi/shared/contracts/organizations';
import { ctxOf } from '../../http/context.ts';
import { searchDirectory } from './directory.service.ts';

export function registerDirectoryRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/directory/organizations', {
    schema: {
      tags: ['organizations'],
      summary: '找组织: approved organizations by name, area, category and type (public facts only)',
      querystring: DirectoryQuery,
      response: { 200: DirectoryPage },
    },
    config: { access: { kind: 'public' } },
    handler: (req) => searchDirectory(ctxOf(req), req.query),
  });
}
