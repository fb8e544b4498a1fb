import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { ERRORS, errorMessage } from '@yiqi/shared/errors';
import { pickLocale } from '@yiqi/shared/i18n';
import type { Database } from './db/database.ts';
import type { Config } from './lib/config.ts';
import type { AppDeps } from './http/context.ts';
import { installErrorHandling } from './http/errors.ts';
import { DomainError } from './core/domain-error.ts';
import { installAuthorization, type RouteEntry } from './http/authorization.ts';
import { installRequestGuards, installSecurityHeaders } from './http/security.ts';
import { installLoadShedding } from './http/load-shedding.ts';
import { otpChannelFor } from './modules/auth/otp-channel.ts';
import type { OtpChannel } from './core/otp-channel.ts';
import { authenticate } from './modules/auth/auth.service.ts';
import { recordAudit } from './modules/audit/audit.service.ts';
import { jobsOf } from './core/manifest.ts';
import { MODULES } from './modules.ts';
import { REDACT_PATHS, requestForLog } from './lib/log-redact.ts';
import type { JobDefinition } from './core/jobs.ts';
import { installJobs } from './modules/jobs/jobs.runner.ts';
import { installVisitorCache } from './http/visitor-cache.ts';
import { installReplicaRouting } from './http/replica-routing.ts';
import type { ReadReplica } from './db/replica.ts';

const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface BuildOptions {
  db: Database;
  config: Config;
  clock?: () => Date;
  logger?: boolean;
  /** Where logs go instead of stdout (tests read them to prove no secret is logged). */
  logStream?: NodeJS.WritableStream;
  /** Where one-time codes go instead of the channel OTP_CHANNEL names (tests capture them). */
  otpChannel?: OtpChannel;
  /** The jobs this app runs instead of every module's (tests of the job runner). */
  jobs?: JobDefinition<never>[];
  /** The streaming replica (READ_DATABASE_URL) the opted-in read-only routes may read from. */
  replica?: ReadReplica;
  /** The built web app to serve instead of web/dist (tests of static serving use a folder of their own). */
  webDist?: string;
  /** Queries waiting for a database connection now (OpenDatabase.waiting), for load shedding. */
  dbWaiting?: () => number;
  /** How long the oldest of them has waited, in ms (OpenDatabase.oldestWaitMs), for load shedding. */
  dbOldestWaitMs?: () => number;
}

/**
 * The Redis connection for state shared by every API process (rate-limit counters), or null without
 * REDIS_URL. Settings after @fastify/rate-limit's example (a short connect timeout, one retry) and no offline
 * queue, so a missing Redis costs a request nothing, not seconds; the limiter then lets the request through
 * (skipOnError in buildApp) and the error is logged once per outage.
 */
async function connectRedis(config: Config, log: FastifyInstance['log']): Promise<Redis | null> {
  if (!config.redisUrl) return null;
  const redis = new Redis(config.redisUrl, {
    connectTimeout: 500,
    maxRetriesPerRequest: 1,
    // While disconnected a command fails at once instead of waiting for a reconnection (up to seconds).
    enableOfflineQueue: false,
  });
  let down = false;
  redis.on('error', (err) => {
    if (!down) log.error({ err }, 'redis unavailable: rate limits are not enforced until it is back');
    down = true;
  });
  redis.on('ready', () => {
    if (down) log.info('redis is back');
    down = false;
  });
  // Without an offline queue, requests before the connection is up would pass unlimited: wait for it (or
  // for its first failure, then start anyway).
  await new Promise<void>((resolve) => {
    redis.once('ready', resolve);
    redis.once('error', () => resolve());
    setTimeout(resolve, 1000).unref();
  });
  return redis;
}

/**
 * Files under assets/ carry a hash of their content in their name: a new build gives new names, so the
 * browser may keep them for a year without asking again. Everything else (index.html, which names the
 * current assets, and the unhashed files of public/) is revalidated on every visit.
 */
export function webCacheControl(path: string): string {
  return /[\\/]assets[\\/][^\\/]+$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export type App = FastifyInstance & { routeTable: RouteEntry[] };

/** Every module's jobs (from the manifests in modules.ts), for the job runner. */
export const allJobs = jobsOf(MODULES);

/** index.html of the web build, read on first use and kept (it changes only with a deploy, i.e. a restart). */
function webIndexReader(dist: string): () => string | null {
  let html: string | null | undefined;
  return () => {
    if (html === undefined) {
      const file = join(dist, 'index.html');
      html = existsSync(file) ? readFileSync(file, 'utf8') : null;
    }
    return html;
  };
}

/** Assembles the HTTP app: plugins first, then each module's routes, in the order of modules.ts. */
export async function buildApp(opts: BuildOptions): Promise<App> {
  const app = Fastify({
    logger:
      opts.logger || opts.logStream
        ? {
            ...(opts.logStream ? { stream: opts.logStream } : {}),
            level: opts.config.logLevel,
            // Secrets and personal data never reach the log: a request is logged by its method and the
            // shape of its URL (lib/log-redact.ts: query values and token-like path segments replaced), no
            // headers; credentials, codes, phones and document numbers are removed from logged objects.
            redact: REDACT_PATHS,
            serializers: { req: requestForLog },
          }
        : false,
    // JSON bodies: the largest (500 confirmations with their reasons) fits in 1 MB. Uploads declare their
    // own limit on the route (imports, identity documents, back-fill evidence, seals), and callers who may
    // not use a route are refused before its body is read (http/authorization.ts).
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: opts.config.trustProxy,
    // Errors raised by the router before any hook runs (e.g. an over-long path parameter) get our shape too.
    frameworkErrors: (err, req, reply) => {
      const code =
        err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED';
      const message = errorMessage(code, pickLocale(req.headers['accept-language']));
      return (reply as unknown as FastifyReply).code(ERRORS[code].status).send({ error: { code, message } });
    },
  });
  const deps: AppDeps = {
    db: opts.db,
    config: opts.config,
    clock: opts.clock ?? (() => new Date()),
    otpChannel: opts.otpChannel ?? otpChannelFor(opts.config, app.log),
    ...(opts.replica ? { replica: opts.replica } : {}),
    webIndexHtml: webIndexReader(opts.webDist ?? WEB_DIST),
  };
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  const routeTable: RouteEntry[] = [];
  installErrorHandling(app);
  installSecurityHeaders(app);
  installRequestGuards(app);
  await app.register(cookie);
  installReplicaRouting(app);
  // After the cookie plugin: its onSend writes Set-Cookie, which a visitor-cacheable answer must not carry.
  installVisitorCache(app);
  // Before the session check, so a refused request costs no query.
  await installLoadShedding(app, {
    config: opts.config.shedding,
    dbWaiting: opts.dbWaiting,
    dbOldestWaitMs: opts.dbOldestWaitMs,
  });
  // The session check and the audit log come from their modules: http/ imports no module.
  const registerPublicPlugin = installAuthorization(app, routeTable, { authenticate, recordAudit });
  // Counters in Redis when REDIS_URL is set, so every API process counts the same requests (a limit of 60
  // logins a minute stays 60 with two processes, not 120); in this process's memory otherwise.
  const redis = await connectRedis(opts.config, app.log);
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new DomainError('RATE_LIMITED'),
    ...(redis
      ? {
          redis,
          nameSpace: `${opts.config.redisPrefix}rate-limit:`,
          // Redis down: requests pass unlimited rather than all failing; account lockout and the one-time
          // code limits are in the database and still hold (docs/decisions/0020-shared-state.md).
          skipOnError: true,
        }
      : {}),
  });
  await app.register(swagger, {
    openapi: { info: { title: 'Yiqi 一起 API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await registerPublicPlugin(() =>
    app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } }),
  );

  // Each module's routes, in the order of modules.ts.
  for (const m of MODULES) for (const register of m.routes) register(app);
  installJobs(app, opts.jobs ?? allJobs);

  const webDist = opts.webDist ?? WEB_DIST;
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    await registerPublicPlugin(() =>
      app.register(fastifyStatic, {
        root: webDist,
        wildcard: false,
        // The build writes .br and .gz beside each file (web/vite.config.ts): sent when the client
        // accepts them, with `vary: accept-encoding` (docs/decisions/0017-web-compression.md).
        preCompressed: true,
        cacheControl: false,
        setHeaders: (reply, path) => reply.header('cache-control', webCacheControl(path)),
      }),
    );
  }
  app.setNotFoundHandler((req, reply) => {
    // The web app routes on the client: unknown page paths get index.html, unknown API paths a 404.
    // Paths with a file extension are missing assets (e.g. an old page after a deploy): a real 404, never
    // index.html, which the browser would reject as a script of the wrong type.
    const path = req.url.split('?')[0]!;
    if (req.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path) && hasWeb)
      return reply.sendFile('index.html');
    throw new DomainError('NOT_FOUND');
  });

  return Object.assign(app, { routeTable }) as unknown as App;
}
