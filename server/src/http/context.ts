import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Locale } from '@yiqi/shared/i18n';
import type { Role } from '@yiqi/shared/roles';
import type { Database } from '../db/database.ts';
import type { Config } from '../lib/config.ts';
import type { OtpChannel } from '../modules/auth/otp-channel.ts';

/** One active role grant as the authorization layer sees it. */
export interface Grant {
  id: string;
  role: Role;
  /** Region scope: the region code and level. Organization scope: the organization and its region. */
  regionCode: string;
  regionLevel: number;
  orgId: string | null;
  /** Name of the region or organization, for display. */
  scopeName: string;
}

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  locale: Locale;
  grants: Grant[];
  /** The session passed the second factor. */
  mfa: boolean;
  mfaEnrolled: boolean;
  sessionHash: Buffer;
}

/** What every service call gets: no globals, so tests can swap the database or the clock. */
export interface Ctx {
  db: Database;
  actor: Actor | null;
  clock: () => Date;
  log: FastifyBaseLogger;
  config: Config;
  requestId: string;
  ip: string;
  locale: Locale;
  /**
   * Audits a refusal a service makes (e.g. a by-id read outside the caller's scope) through the same
   * per-actor, per-route, per-minute aggregation as the access hook's, so probing ids cannot flood the log.
   * Absent outside a request (jobs, seeds).
   */
  denied?: (reason: string, object: { type: string; id: string }) => Promise<void>;
}

export interface AppDeps {
  db: Database;
  config: Config;
  clock: () => Date;
  /** Where one-time codes are sent (tests inject one that keeps them). */
  otpChannel: OtpChannel;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export function ctxOf(req: FastifyRequest, db?: Database): Ctx {
  const deps = req.server.deps;
  return {
    db: db ?? deps.db,
    actor: req.actor,
    clock: deps.clock,
    log: req.log,
    config: deps.config,
    requestId: req.id,
    ip: req.ip,
    locale: req.locale,
    denied: (reason, object) => req.server.auditDenial(req, reason, object),
  };
}

/** The actor of a route that declared it needs one; the access hook has already checked. */
export function actorOf(ctx: Ctx): Actor {
  if (!ctx.actor) throw new Error('route without an actor reached a service that needs one');
  return ctx.actor;
}
