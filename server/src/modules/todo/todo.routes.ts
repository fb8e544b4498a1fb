import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TodoList } from '@yiqi/shared/contracts/todo';
import { staff } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as todo from './todo.service.ts';

const tags = ['todo'];

export function registerTodoRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // No target: the service keeps to the caller's own scopes (region subtrees, organizations).
  r.get('/api/console/todo', {
    schema: {
      tags,
      summary:
        'The console’s to-do list: overdue records, pending reviews and decisions, and hours imports ' +
        'waiting for a second admin, across the caller’s scopes, with counts and the first items',
      response: { 200: TodoList },
    },
    // Counts and first items: may come from the streaming replica (docs/decisions/0022).
    config: { access: staff(['region_admin', 'org_admin']), readReplica: true },
    handler: (req) => todo.todoList(ctxOf(req)),
  });
}
