import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ctxOf } from './context.ts';
import type { Ctx } from '../core/ctx.ts';

/** Appends one audit row (the audit module's recordAudit, which app.ts hands in). */
export type AuditWriter = (
  ctx: Ctx,
  event: {
    action: string;
    result: 'denied';
    objectType: string;
    objectId: string;
    details: Record<string, unknown>;
  },
) => Promise<void>;

/**
 * Refused requests are audited per (actor, route, reason) and minute rather than one row each: one
 * volunteer replaying a forbidden call wrote 4,293 rows in 10 s, burying real events in a table nobody may
 * trim. Audit rows are hash-chained and never updated, so the first row cannot carry a running count.
 * Instead the first denial of a window is written at once (who, which route, when, which request: the
 * evidence, without delay) and later ones are only counted in memory; once the minute has passed one
 * summary row records how many there were in all. At most two rows per key and minute; only the repeats'
 * request ids are not kept. Counters live in the process, so each server instance writes its own pair.
 * Windows follow the app's clock; closed ones are written by the next denial, by a timer, and at stop.
 */
const WINDOW_MS = 60_000;

interface Window {
  window: number;
  count: number;
  /** The first denial's context: the summary names the same actor, address and request. */
  ctx: Ctx;
  route: string;
  reason: string;
}

export function installDenialAudit(app: FastifyInstance, recordAudit: AuditWriter) {
  const open = new Map<string, Window>();

  /** Removes (synchronously, so no window is summarised twice) the windows that ended before `window`. */
  function take(window: number): Window[] {
    const done: Window[] = [];
    for (const [key, w] of open)
      if (w.window < window) {
        open.delete(key);
        done.push(w);
      }
    return done;
  }

  async function summarise(done: Window[]) {
    for (const w of done) {
      if (w.count < 2) continue;
      await recordAudit(w.ctx, {
        action: 'authz.denied',
        result: 'denied',
        objectType: 'route',
        objectId: w.route,
        details: {
          reason: w.reason,
          count: w.count,
          from: new Date(w.window * WINDOW_MS).toISOString(),
          to: new Date((w.window + 1) * WINDOW_MS).toISOString(),
        },
      }).catch((err: unknown) => app.log.error({ err }, 'denial summary could not be audited'));
    }
  }

  const timer = setInterval(
    () => void summarise(take(Math.floor(app.deps.clock().getTime() / WINDOW_MS))),
    WINDOW_MS,
  );
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await summarise(take(Infinity));
  });

  /**
   * `object`: the thing refused, when a service refuses one (a volunteer outside the caller's region):
   * the first row names it; the repeats of the window (other ids probed on the same route) are counted.
   */
  return async function auditDenial(
    req: FastifyRequest,
    reason: string,
    object?: { type: string; id: string },
  ): Promise<void> {
    const ctx = ctxOf(req);
    const window = Math.floor(ctx.clock().getTime() / WINDOW_MS);
    const route = `${req.method} ${req.routeOptions.url}`;
    const key = `${ctx.actor?.userId ?? `ip:${ctx.ip}`}|${route}|${reason}`;
    const done = take(window);
    const current = open.get(key);
    if (current) current.count++;
    else open.set(key, { window, count: 1, ctx, route, reason });
    await summarise(done);
    if (!current)
      await recordAudit(ctx, {
        action: 'authz.denied',
        result: 'denied',
        objectType: object?.type ?? 'route',
        objectId: object?.id ?? route,
        details: object ? { reason, route } : { reason },
      });
  };
}
