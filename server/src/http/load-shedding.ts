import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import underPressure from '@fastify/under-pressure';
import { errorMessage } from '@yiqi/shared/errors';
import { pickLocale } from '@yiqi/shared/i18n';
import type { Config } from '../lib/config.ts';

/**
 * Load shedding: past a limit, an /api/ request is refused at once with 503, `retry-after` and SERVER_BUSY
 * in the caller's language, instead of joining a queue that only grows (at 100 connections the public
 * activity list waited 808 ms at p99 on PGlite, every request served late). The signals:
 *  - how long the oldest query waiting for a database connection has waited (pg.Pool, PGlite's single
 *    connection): the pool is the usual bottleneck, and a request arriving now would wait at least that
 *    long. Its age, not the number of waiters, tells a standing queue from a busy moment: shedding by a
 *    count of 40 refused 85 % of requests at 100 connections on a quiet machine, where every request
 *    was served within 65 ms without shedding (bench `overload`, 2026-12-07);
 *  - the number of such waiters, a bound on memory (high by default);
 *  - /api/ requests in flight in this process: a bound on memory and on the work already accepted;
 *  - the event-loop delay (@fastify/under-pressure): a process whose JavaScript is the bottleneck.
 * Checked in onRequest, before the session is read, so a refused request costs no query. Liveness,
 * readiness and metrics are never refused (a busy process is not a dead one: restarting it would make
 * things worse), nor is the web app's static content, which needs no database.
 */
const EXEMPT = new Set(['/healthz', '/readyz', '/metrics']);
const counted = Symbol('yiqi.inFlight');

function sheddable(req: FastifyRequest): boolean {
  const path = req.url.split('?')[0]!;
  return path.startsWith('/api/') && !EXEMPT.has(path);
}

export interface SheddingOptions {
  config: Config['shedding'];
  /** Queries waiting for a database connection now. */
  dbWaiting?: () => number;
  /** Milliseconds the oldest of them has waited. */
  dbOldestWaitMs?: () => number;
}

export async function installLoadShedding(app: FastifyInstance, o: SheddingOptions): Promise<void> {
  const c = o.config;
  if (!c.enabled) return;
  const retryAfter = String(c.retryAfterSeconds);

  /** Sets the status and headers of a refusal and returns its body. */
  function refusal(req: FastifyRequest, reply: FastifyReply, reason: string, value: number) {
    req.log.warn({ reason, value }, 'request shed: server busy');
    const locale = pickLocale(
      (req.cookies?.yiqi_locale as string | undefined) ?? req.headers['accept-language'],
    );
    reply.code(503).header('retry-after', retryAfter);
    return { error: { code: 'SERVER_BUSY', message: errorMessage('SERVER_BUSY', locale) } };
  }

  let inFlight = 0;
  const done = (req: FastifyRequest) => {
    const r = req as FastifyRequest & { [counted]?: boolean };
    if (r[counted]) {
      r[counted] = false;
      inFlight--;
    }
  };
  app.addHook('onRequest', async (req, reply) => {
    if (!sheddable(req)) return;
    const waited = o.dbOldestWaitMs?.() ?? 0;
    if (c.maxDbWaitMs > 0 && waited >= c.maxDbWaitMs)
      return reply.send(refusal(req, reply, 'dbWaitMs', Math.round(waited)));
    const waiting = o.dbWaiting?.() ?? 0;
    if (c.maxDbWaiting > 0 && waiting >= c.maxDbWaiting)
      return reply.send(refusal(req, reply, 'dbWaiting', waiting));
    if (c.maxInFlight > 0 && inFlight >= c.maxInFlight)
      return reply.send(refusal(req, reply, 'inFlight', inFlight));
    inFlight++;
    (req as FastifyRequest & { [counted]?: boolean })[counted] = true;
  });
  app.addHook('onResponse', async (req) => done(req));
  // A client that hangs up gets no response, so onResponse may never come for it.
  app.addHook('onRequestAbort', async (req) => done(req));

  if (c.maxEventLoopDelayMs > 0)
    await app.register(underPressure, {
      maxEventLoopDelay: c.maxEventLoopDelayMs,
      retryAfter: c.retryAfterSeconds,
      pressureHandler: (req, reply, type, value) => {
        if (!sheddable(req)) return; // undefined: the request goes on
        // under-pressure sends what the handler returns (its types say void; its code sends a returned value).
        return refusal(req, reply, type, Number(value)) as unknown as void;
      },
    });
}
