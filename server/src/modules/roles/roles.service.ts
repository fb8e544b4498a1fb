import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { GRANTABLE, ROLE_SCOPE, roleConflict, type Role, type ScopeType } from '@yiqi/shared/roles';
import { grantCovers, type Target } from '../../http/access.ts';
import { grantScope, scopeTarget } from '../access/targets.ts';
import { actorOf, type Ctx, type Grant } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
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

export async function listGrants(ctx: Ctx, regionCode: string, page: number, pageSize: number) {
  const region = await findRegion(ctx.db, regionCode);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  const prefix = regionPrefix(region.code, region.level as RegionLevel);
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
  const target = await scopeTarget(ctx.db, input.scopeType, input.scopeId);
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
  const target = grantScope(grant);
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

/** The roles a user holds now (volunteers refuse to close an account that still holds one). */
export function activeRolesOf(ctx: Pick<Ctx, 'db'>, userId: string) {
  return repo.findActiveRolesOf(ctx.db, userId);
}
