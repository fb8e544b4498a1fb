import type { FastifyRequest } from 'fastify';
import type { Locale } from '@yiqi/shared/i18n';
import type { Database } from '../db/database.ts';
import type { Config } from '../lib/config.ts';
import type { Actor, Ctx, PendingSession } from '../core/ctx.ts';
import type { OtpChannel } from '../core/otp-channel.ts';
import type { ReadReplica } from '../db/replica.ts';

export interface AppDeps {
  db: Database;
  config: Config;
  clock: () => Date;
  /** Where one-time codes are sent (tests inject one that keeps them). */
  otpChannel: OtpChannel;
  /** The streaming replica (READ_DATABASE_URL) for the routes that opt in (http/replica-routing.ts). */
  replica?: ReadReplica;
  /**
   * The built web app's index.html (read once), for public pages whose server-side <meta> must be in the
   * first answer (a link shared in WeChat shows its og: title); null when no web build is served.
   */
  webIndexHtml: () => string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    /** Set when this request's opted-in reads go to the replica (http/replica-routing.ts). */
    readDb?: Database;
    /** The session cookie its service checks itself (access `sessionInHandler`; core/ctx.ts). */
    pendingSession?: PendingSession;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export function ctxOf(req: FastifyRequest, db?: Database): Ctx {
  const deps = req.server.deps;
  return {
    db: db ?? deps.db,
    // A handle given by the caller (a transaction) is where reads go too.
    ...(!db && req.readDb ? { readDb: req.readDb } : {}),
    actor: req.actor,
    ...(!req.actor && req.pendingSession ? { pendingSession: req.pendingSession } : {}),
    clock: deps.clock,
    log: req.log,
    config: deps.config,
    requestId: req.id,
    ip: req.ip,
    locale: req.locale,
    denied: (reason, object) => req.server.auditDenial(req, reason, object),
  };
}
