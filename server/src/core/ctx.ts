import type { FastifyBaseLogger } from 'fastify';
import type { Locale } from '@yiqi/shared/i18n';
import type { Role } from '@yiqi/shared/roles';
import type { Database } from '../db/database.ts';
import type { Config } from '../lib/config.ts';

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

/**
 * A session cookie not yet checked: on the routes that read the session in their own first statement
 * (access `user` with `sessionInHandler`, decision 0072), instead of a separate session check before the
 * handler. The service looks the session up with its own statement and decides it exactly as a session
 * check does (auth.service signedIn), then `settle`s the request with the actor it found.
 */
export interface PendingSession {
  token: string;
  settle(actor: Actor): void;
}

/** What every service call gets: no globals, so tests can swap the database or the clock. */
export interface Ctx {
  db: Database;
  /**
   * Where the read-only lists and dashboards that opted in may read (docs/decisions/0022): the streaming
   * replica when the request was routed there (http/replica-routing.ts), else absent. Read it through
   * `readerOf(ctx)`, never directly: that is ctx.db inside a transaction and when there is no replica.
   */
  readDb?: Database;
  actor: Actor | null;
  /** Set (with `actor` null) on the routes whose service reads the session itself; see PendingSession. */
  pendingSession?: PendingSession;
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

/** The actor of a route that declared it needs one; the access hook has already checked. */
export function actorOf(ctx: Ctx): Actor {
  if (!ctx.actor) throw new Error('route without an actor reached a service that needs one');
  return ctx.actor;
}

/**
 * The handle for a read that may come from the replica: the replica when this request was routed to it,
 * ctx.db otherwise, and always ctx.db inside a transaction (a read there must see the transaction's own
 * writes). Only lists and counts whose staleness of a few seconds is harmless use it; a read that decides
 * a write, or shows the caller what they just wrote, uses ctx.db.
 */
export function readerOf(ctx: Ctx): Database {
  return ctx.db.isTransaction || !ctx.readDb ? ctx.db : ctx.readDb;
}
