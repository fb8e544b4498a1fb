import type { FastifyInstance, FastifyRequest } from 'fastify';
import { REPLICA_LAG_HEADER } from '@yiqi/shared/replica';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * This route's read-only list or count may come from the streaming replica (docs/decisions/0022): its
     * service reads through `readerOf(ctx)`. Only routes whose answer may be a few seconds old opt in, and
     * only routes that change nothing (a POST search that keeps its terms out of the URL may).
     */
    readReplica?: boolean;
  }
  interface FastifyRequest {
    /** The replica's lag when this request reads from it (sent as x-yiqi-replica-lag-ms). */
    replicaLagMs?: number;
    /** The replica's down count when this request was routed to it (db/replica.ts downCount). */
    replicaDowns?: number;
  }
}

/**
 * The cookie a state-changing request leaves: when this browser last wrote (the app clock's ms). For a
 * while after it, its reads stay on the primary, so it sees its own writes though the replica lags.
 */
export const WROTE_COOKIE = 'yiqi_wrote';

const READS = new Set(['GET', 'HEAD']);

function wroteAt(req: FastifyRequest): number | undefined {
  const v = Number(req.cookies[WROTE_COOKIE]);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

/**
 * Routes the opted-in reads to the replica (READ_DATABASE_URL) when it is up, within REPLICA_MAX_LAG_MS,
 * and the browser has not written within READ_YOUR_WRITES_MS (or within the replica's lag, if longer);
 * else the primary. Nothing is installed without a replica.
 */
export function installReplicaRouting(app: FastifyInstance): void {
  const { replica, config, clock } = app.deps;
  if (!replica) return;

  app.addHook('preHandler', async (req) => {
    if (!req.routeOptions.config.readReplica) return;
    const lag = await replica.lagMs();
    if (lag === null || lag > config.replicaMaxLagMs) return;
    const wrote = wroteAt(req);
    // The write is visible on the replica once its lag is shorter than the time since; a margin of a
    // second covers the lag measured up to a second ago.
    if (wrote !== undefined && clock().getTime() - wrote < Math.max(config.readYourWritesMs, lag + 1000))
      return;
    req.readDb = replica.db;
    req.replicaLagMs = lag;
    req.replicaDowns = replica.downCount();
  });

  app.addHook('onSend', async (req, reply) => {
    // Not when the replica was found gone meanwhile: the reads may have moved to the primary.
    if (req.replicaLagMs !== undefined && req.replicaDowns === replica.downCount())
      reply.header(REPLICA_LAG_HEADER, String(req.replicaLagMs));
    // A write that succeeded (a refused one changed nothing): this browser reads from the primary for a while.
    if (
      !READS.has(req.method) &&
      req.method !== 'OPTIONS' &&
      !req.routeOptions.config.readReplica &&
      reply.statusCode < 400
    )
      reply.setCookie(WROTE_COOKIE, String(clock().getTime()), {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        maxAge: Math.ceil(Math.max(config.readYourWritesMs, config.replicaMaxLagMs) / 1000),
      });
  });
}
