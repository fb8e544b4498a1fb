import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { pickLocale } from '@yiqi/shared/i18n';
import { ErrorBodySchema } from '@yiqi/shared/contracts/error-body';
import { grantCovers, grantsFor, type Access } from './access.ts';
import { ctxOf } from './context.ts';
import { DomainError } from '../core/domain-error.ts';
import type { Actor, Ctx } from '../core/ctx.ts';
import { installDenialAudit, type AuditWriter } from './denial-audit.ts';

export const SESSION_COOKIE = 'yiqi_sid';
/**
 * The session cookie's name over HTTPS. The __Host- prefix makes browsers accept it only with Secure,
 * Path=/ and no Domain, so neither a sibling subdomain nor a plain-HTTP response can plant or overwrite it.
 */
export const SECURE_SESSION_COOKIE = '__Host-yiqi_sid';

/** HTTPS as the browser sees it: SECURE_COOKIES=1, or https forwarded by a trusted proxy (TRUST_PROXY=1). */
export function isSecureRequest(req: FastifyRequest): boolean {
  return req.server.deps.config.secureCookies || req.protocol === 'https';
}

/** The session cookie this request carries and is answered with; only this name is read. */
export function sessionCookieName(req: FastifyRequest): string {
  return isSecureRequest(req) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Audits a refusal, once per actor, route and minute plus a count (denial-audit.ts). */
    auditDenial: ReturnType<typeof installDenialAudit>;
  }
}

/** What authorization needs from the modules, handed in by app.ts (http/ imports no module). */
export interface AuthorizationServices {
  /** The actor of a session token, or null (auth.service). */
  authenticate(ctx: Ctx, token: string): Promise<Actor | null>;
  /** Appends an audit row (audit.service), for denials. */
  recordAudit: AuditWriter;
}

/** A registered route and its declaration, for the authorization matrix test. */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

function accessOf(req: FastifyRequest): Access {
  return req.routeOptions.config.access!;
}

async function deny(
  req: FastifyRequest,
  code: 'FORBIDDEN' | 'OUT_OF_SCOPE' | 'MFA_REQUIRED',
  reason: string,
) {
  await req.server.auditDenial(req, reason);
  throw new DomainError(code);
}

const scopeChecked = new WeakSet<FastifyRequest>();

/**
 * The caller needs a grant of the route's roles whose scope contains the target (once per request). This
 * is where a by-id read outside the caller's scope is refused: with the object's not-found answer, the
 * same as for an id that does not exist (the target's `byId`), else 403 OUT_OF_SCOPE; audited either way.
 */
async function checkScope(req: FastifyRequest): Promise<void> {
  const access = accessOf(req);
  if (access?.kind !== 'staff' || !access.target || scopeChecked.has(req)) return;
  scopeChecked.add(req);
  const rule = access.target;
  const target = await rule.resolve(req, req.server.deps.db);
  if (!target) return;
  if (grantsFor(req.actor!, access.roles).some((g) => grantCovers(g, target))) return;
  if (!rule.byId) return deny(req, 'OUT_OF_SCOPE', 'scope');
  const id = String((req.params as Record<string, unknown>)[rule.byId.param]);
  await req.server.auditDenial(req, 'scope', { type: rule.byId.object, id });
  throw new DomainError(rule.byId.notFound);
}

/**
 * A `preParsing` hook for uploads whose target is named by the path or the query: the scope check runs
 * before the body is read, so an administrator of another organization cannot make the server take in
 * 40 MB either. It runs only when the path and query pass their schemas; otherwise validation refuses
 * them after parsing, as on any route, and the scope is checked in preHandler as usual.
 */
export async function checkScopeBeforeBody(req: FastifyRequest): Promise<void> {
  type Checked = { safeParse(v: unknown): { success: boolean } };
  const schema = (req.routeOptions.schema ?? {}) as { params?: Checked; querystring?: Checked };
  if (schema.params && !schema.params.safeParse(req.params).success) return;
  if (schema.querystring && !schema.querystring.safeParse(req.query).success) return;
  await checkScope(req);
}

/**
 * Deny by default: a route that does not declare `config.access` cannot be registered. Every request is
 * authenticated from its session cookie, and roles and the second factor are checked right there, in
 * onRequest: before the body is read, so a caller who may not use a route cannot make the server take in
 * (and hold) its body. The scope of the target is checked after validation (it may need validated input,
 * even the body), or before the body for uploads (checkScopeBeforeBody).
 */
export function installAuthorization(
  app: FastifyInstance,
  routes: RouteEntry[],
  { authenticate, recordAudit }: AuthorizationServices,
) {
  let thirdParty = false;
  app.addHook('onRoute', (route: RouteOptions) => {
    // Routes of documentation and static-file plugins serve public material and are marked so explicitly.
    if (thirdParty && !(route.config as { access?: Access } | undefined)?.access)
      route.config = { ...route.config, access: { kind: 'public' } } as typeof route.config;
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no access rule`);
    const byId = access.kind === 'staff' ? access.target?.byId : undefined;
    if (byId && !route.url.split('/').includes(`:${byId.param}`))
      throw new Error(`route ${String(route.method)} ${route.url} has no :${byId.param} for its target`);
    if (route.method === 'HEAD') return;
    for (const m of ([] as string[]).concat(route.method as string))
      routes.push({ method: m, url: route.url, access });
    // Every operation documents the error body, so clients and the fuzz test know its shape.
    const schema = (route.schema ??= {}) as { response?: Record<string, unknown> };
    if (route.url.startsWith('/api/'))
      schema.response = { '4xx': ErrorBodySchema, '5xx': ErrorBodySchema, ...schema.response };
  });

  // Denials are audited once per actor, route and minute plus a count (denial-audit.ts).
  app.decorate('auditDenial', installDenialAudit(app, recordAudit));
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');

  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(
      (req.cookies?.yiqi_locale as string | undefined) ?? req.headers['accept-language'],
    );
    const token = req.cookies?.[sessionCookieName(req)];
    const access = req.routeOptions.config.access ? accessOf(req) : undefined;
    if (!access || (access.kind === 'public' && !access.identify)) return;
    if (access.kind === 'user' && access.sessionInHandler) {
      // The service checks the session in its own first statement (one round trip fewer, decision 0072)
      // and answers 401 as below; without a cookie nothing is read.
      if (!token) throw new DomainError('UNAUTHENTICATED');
      req.pendingSession = {
        token,
        settle: (actor) => {
          req.actor = actor;
          if (!req.cookies.yiqi_locale) req.locale = actor.locale;
        },
      };
      return;
    }
    const actor = token ? await authenticate(ctxOf(req), token) : null;
    if (actor) {
      req.actor = actor;
      if (!req.cookies.yiqi_locale) req.locale = actor.locale;
    }
    if (access.kind === 'public') return;
    if (!actor) throw new DomainError('UNAUTHENTICATED');
    if (access.kind === 'user') return;
    if (grantsFor(actor, access.roles).length === 0) return deny(req, 'FORBIDDEN', 'role');
    if (!actor.mfa) return deny(req, 'MFA_REQUIRED', 'mfa');
  });

  app.addHook('preHandler', checkScope);

  /** Registers a plugin whose routes are all public (API docs, web assets). */
  return async function registerPublicPlugin(register: () => PromiseLike<unknown>): Promise<void> {
    thirdParty = true;
    try {
      await register();
    } finally {
      thirdParty = false;
    }
  };
}
