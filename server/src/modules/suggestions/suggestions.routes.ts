import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SuggestionList, SuggestionNeed } from '@yiqi/shared/contracts/suggestions';
import { staff } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import { suggest } from './suggestions.service.ts';

export function registerSuggestionRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // A POST because a need is a document (skills, categories, point, window), not a filter; it changes
  // nothing. The dispatchers are the region admins over the need's region (no separate dispatch role yet).
  r.post('/api/dispatch/suggestions', {
    schema: {
      tags: ['dispatch'],
      summary:
        '派单建议: teams and volunteers ranked for a need by skills, distance, availability, load and ' +
        'rating, each part of the score with its reason',
      body: SuggestionNeed,
      response: { 200: SuggestionList },
    },
    config: { access: staff(['region_admin'], targets.regionCodeInBody) },
    handler: (req) => suggest(ctxOf(req), req.body),
  });
}
