import type { FastifyRequest } from 'fastify';
import type { ErrorCode } from '@yiqi/shared/errors';
import type { Role } from '@yiqi/shared/roles';
import { isInSubtree, type RegionLevel } from '@yiqi/shared/regions';
import type { Database } from '../db/database.ts';
import type { Actor, Grant } from '../core/ctx.ts';

/**
 * What a request acts on, for the scope check: a region, or an organization (with its region). A decision
 * about a team's people names the team's `superiors` (parent organizations, nearest first): their admins
 * decide too, so a decision the team's own admin may not make about themselves can go up.
 */
export type Target =
  | { type: 'region'; code: string }
  | { type: 'organization'; id: string; regionCode: string; superiors?: readonly string[] };

/**
 * How a staff route finds what it acts on (built in modules/access/targets.ts, the one place that looks
 * targets up). `resolve` answers the target, or null when the request names none (the service then keeps to
 * the caller's scopes), and throws the not-found error when the named object does not exist.
 *
 * `byId`: the object is named by id in the path (`:param`). Outside the caller's scope the answer is then
 * `notFound`, the very answer for an id that does not exist, so ids cannot be probed; the denial is audited
 * naming the object. Without `byId` (a region or organization named in the query or body, to list or
 * create within) the answer is 403 OUT_OF_SCOPE: the caller named it, nothing is disclosed.
 */
export interface TargetRule {
  resolve: (req: FastifyRequest, db: Database) => Promise<Target | null>;
  byId?: { param: string; object: string; notFound: ErrorCode };
}

/**
 * Every route declares who may call it. There is no default: app.ts refuses to register a route without
 * one, and the authorization matrix test reads these declarations.
 *
 * - public: anyone, signed in or not. With `identify`, a valid session still names the caller (for
 *   "my sign-ups" on a public page), but nothing is refused for lack of one.
 * - user: any signed-in account (its own data only, enforced by the service). With `sessionInHandler`, the
 *   access hook only requires a session cookie; the service reads the session in its own first statement
 *   and refuses an invalid one with the same 401 (ctx.pendingSession; the hot sign-up and check-in).
 * - staff: holders of one of `roles`, after the second factor; `target` names what the request acts on,
 *   and the caller needs a grant whose scope contains it. Without `target` any grant of the roles passes
 *   and the service limits results to the caller's scopes.
 */
export type Access =
  | { kind: 'public'; identify?: boolean }
  | { kind: 'user'; sessionInHandler?: true }
  | { kind: 'staff'; roles: readonly Role[]; target?: TargetRule };

/** A staff declaration: `staff(['org_admin', 'region_admin'], targets.activityById)`. */
export function staff(roles: readonly Role[], target?: TargetRule): Access {
  return target ? { kind: 'staff', roles, target } : { kind: 'staff', roles };
}

/**
 * True when a grant's scope contains the target. Region grants cover their subtree, org grants their org
 * (and, for a decision target, the teams under it).
 */
export function grantCovers(grant: Grant, target: Target): boolean {
  if (grant.orgId !== null)
    return (
      target.type === 'organization' &&
      (target.id === grant.orgId || (target.superiors?.includes(grant.orgId) ?? false))
    );
  const code = target.type === 'region' ? target.code : target.regionCode;
  return isInSubtree(code, grant.regionCode, grant.regionLevel as RegionLevel);
}

export function grantsFor(actor: Actor, roles: readonly Role[]): Grant[] {
  return actor.grants.filter((g) => roles.includes(g.role));
}
