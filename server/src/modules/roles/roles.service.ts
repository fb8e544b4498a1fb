import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { GRANTABLE, ROLE_SCOPE, roleConflict, type Role, type ScopeType } from '@yiqi/shared/roles';
import { grantCovers, type Access, type Target } from '../../http/access.ts';
import { actorOf, type Ctx, type Grant } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findUserByUsername } from '../auth/users.service.ts';
import * as repo from './roles.repository.ts';
import { findRegion } from '../regions/regions.service.ts';
import { withTransaction } from '../../core/tx.ts';
import { isUniqueViolation } from '../../core/pg-errors.ts';

/** The grants of the signed-in user as the API shows them. */
export function describeGrants(grants: Grant[]) {
  return grants.map((g) => ({
    id: g.id,
    role: g.role,
    scopeType: (g.orgId ? 'organization' : 'region') as ScopeType,
    scopeId: g.orgId ?? g.regionCode,
    scopeName: g.scopeName,
    scopeLevel: g.regionLevel,
  }));
}

/** Resolves a scope named in a request to a target, or 404 when it does not exist. */
export async function resolveScope(db: Database, type: ScopeType, id: string): Promise<Target> {
  if (type === 'region') {
    const region = /^\d{12}$/.test(id) ? await findRegion(db, id) : undefined;
    if (!region) throw new DomainError('REGION_NOT_FOUND');
    return { type: 'region', code: region.code };
  }
  const org = /^[0-9a-f-]{36}$/i.test(id) ? await repo.findOrganization(db, id) : undefined;
  if (!org) throw new DomainError('NOT_FOUND');
  return { type: 'organization', id: org.id, regionCode: org.region_code };
}

/** Target of an existing grant (for revocation), or 404. */
export async function resolveGrantTarget(db: Database, id: string): Promise<Target> {
  const g = await repo.findGrant(db, id);
  if (!g || g.revoked_at) throw new DomainError('NOT_FOUND');
  return g.org_id
    ? { type: 'organization', id: g.org_id, regionCode: g.org_region_code! }
    : { type: 'region', code: g.region_code! };
}

export async function listGrants(
  ctx: Ctx,
  regionCode: string,
  level: number,
  page: number,
  pageSize: number,
) {
  const prefix = regionPrefix(regionCode, level as RegionLevel);
  const { rows, total } = await repo.listGrantsUnder(ctx.db, prefix, page, pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role as Role,
      scopeType: (r.org_id ? 'organization' : 'region') as ScopeType,
      scopeId: r.org_id ?? r.region_code ?? '',
      scopeName: r.org_name ?? r.region_name ?? '',
      grantedBy: r.granted_by,
      grantedAt: new Date(r.granted_at).toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}

/** True when one of the actor's grants may hand out `role` over `target` (never above its own scope). */
function mayGrant(grants: Grant[], role: Role, target: Target): boolean {
  return grants.some((g) => GRANTABLE[g.role].includes(role) && grantCovers(g, target));
}

export async function grantRole(
  ctx: Ctx,
  input: { username: string; role: Role; scopeType: ScopeType; scopeId: string },
) {
  const actor = actorOf(ctx);
  if (ROLE_SCOPE[input.role] !== input.scopeType)
    throw new DomainError('VALIDATION_FAILED', {
      scopeType: `${input.role} is bound to a ${ROLE_SCOPE[input.role]}`,
    });
  const target = await resolveScope(ctx.db, input.scopeType, input.scopeId);
  const user = await findUserByUsername(ctx, input.username);
  if (!user) throw new DomainError('USER_NOT_FOUND');
  if (user.id === actor.userId) throw new DomainError('SELF_GRANT');
  if (!mayGrant(actor.grants, input.role, target)) {
    await recordAudit(ctx, {
      action: 'role.grant',
      result: 'denied',
      objectType: 'user',
      objectId: user.id,
      details: { role: input.role, scope: input.scopeId },
    });
    throw new DomainError('FORBIDDEN');
  }
  const held = (await repo.findActiveRolesOf(ctx.db, user.id)).map((r) => r.role as Role);
  const conflict = roleConflict(held, input.role);
  if (conflict) throw new DomainError(conflict);
  const regionCode = target.type === 'region' ? target.code : target.regionCode;
  try {
    return await withTransaction(ctx, async (tx) => {
      const row = await repo.insertGrant(tx.db, {
        userId: user.id,
        role: input.role,
        regionCode: target.type === 'region' ? target.code : null,
        orgId: target.type === 'organization' ? target.id : null,
        grantedBy: actor.userId,
      });
      await recordAudit(tx, {
        action: 'role.grant',
        result: 'ok',
        objectType: 'role_grant',
        objectId: row.id,
        regionCode,
        details: { role: input.role, userId: user.id },
      });
      return { id: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('ROLE_ALREADY_GRANTED');
    throw e;
  }
}

export async function revokeRole(ctx: Ctx, grantId: string) {
  const actor = actorOf(ctx);
  const grant = await repo.findGrant(ctx.db, grantId);
  if (!grant || grant.revoked_at) throw new DomainError('NOT_FOUND');
  if (grant.user_id === actor.userId) throw new DomainError('SELF_GRANT');
  const target = await resolveGrantTarget(ctx.db, grantId);
  if (!mayGrant(actor.grants, grant.role as Role, target)) {
    await recordAudit(ctx, {
      action: 'role.revoke',
      result: 'denied',
      objectType: 'role_grant',
      objectId: grantId,
    });
    throw new DomainError('FORBIDDEN');
  }
  // An admin made by someone (directly or down a chain of grants) cannot turn on them: the grant that
  // made them stays in force until someone above or beside the grantor revokes it.
  if (await repo.isGrantorOf(ctx.db, grant.user_id, actor.userId)) {
    await recordAudit(ctx, {
      action: 'role.revoke',
      result: 'denied',
      objectType: 'role_grant',
      objectId: grantId,
      details: { reason: 'grantor' },
    });
    throw new DomainError('GRANTOR_REVOKE');
  }
  await withTransaction(ctx, async (tx) => {
    if (!(await repo.markGrantRevoked(tx.db, grantId, actor.userId, ctx.clock())))
      throw new DomainError('NOT_FOUND');
    await recordAudit(tx, {
      action: 'role.revoke',
      result: 'ok',
      objectType: 'role_grant',
      objectId: grantId,
      regionCode: target.type === 'region' ? target.code : target.regionCode,
      details: { role: grant.role, userId: grant.user_id },
    });
  });
}

/**
 * The person who registered an organization becomes its admin when a region admin approves it. Runs in
 * the approval's transaction (ctx.db), so the grant and the approval commit together.
 */
export async function grantOrgAdminOnApproval(
  ctx: Ctx,
  g: { userId: string; orgId: string; regionCode: string },
) {
  const actor = actorOf(ctx);
  const held = (await repo.findActiveRolesOf(ctx.db, g.userId)).map((r) => r.role as Role);
  const conflict = roleConflict(held, 'org_admin');
  if (conflict) throw new DomainError(conflict);
  const row = await repo.insertGrant(ctx.db, {
    userId: g.userId,
    role: 'org_admin',
    regionCode: null,
    orgId: g.orgId,
    grantedBy: actor.userId,
  });
  await recordAudit(ctx, {
    action: 'role.grant',
    result: 'ok',
    objectType: 'role_grant',
    objectId: row.id,
    regionCode: g.regionCode,
    details: { role: 'org_admin', userId: g.userId, via: 'organization.review' },
  });
}

/**
 * Routes on the organization named in the path (`:id`): its own admins, or the region admins above it.
 * One declaration shared by every module that acts on a team.
 */
export const ORG_TEAM: Access = {
  kind: 'staff',
  roles: ['org_admin', 'region_admin'],
  target: (req) => resolveScope(req.server.deps.db, 'organization', (req.params as { id: string }).id),
};

/** The roles a user holds now (volunteers refuse to close an account that still holds one). */
export function activeRolesOf(ctx: Pick<Ctx, 'db'>, userId: string) {
  return repo.findActiveRolesOf(ctx.db, userId);
}
