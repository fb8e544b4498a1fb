import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.ts';
import type { Config } from '../lib/config.ts';
import type { Ctx } from './ctx.ts';

/** What a context needs from the running app (a subset of http/context.ts AppDeps). */
export interface SystemDeps {
  db: Database;
  config: Config;
  clock: () => Date;
}

/**
 * The context of work no user started (jobs, start-up repairs): no actor, the default locale, and a request
 * id that names the work in logs and audit rows, e.g. 'job:records.sweep:42'.
 */
export function systemCtx(deps: SystemDeps, opts: { requestId: string; log: FastifyBaseLogger }): Ctx {
  return {
    db: deps.db,
    actor: null,
    clock: deps.clock,
    log: opts.log,
    config: deps.config,
    requestId: opts.requestId,
    ip: 'system',
    locale: 'zh-CN',
  };
}
