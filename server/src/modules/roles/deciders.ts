import type { ErrorCode } from '@yiqi/shared/errors';
import type { Database } from '../../db/database.ts';
import type { Access, Target } from '../../http/access.ts';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { findRegion } from '../regions/regions.service.ts';
import * as repo from './roles.repository.ts';
import { resolveScope } from './roles.service.ts';

/**
 * Nobody decides about themselves: a decision that benefits a volunteer (confirming their record, issuing
 * their certificate, approving their sign-up or membership) is never made by that volunteer's own account,
 * whatever roles it holds. When a team's only admins are the people concerned, the decision goes up: the
 * admins of the organizations above the team (decision targets name them as `superiors`) or the region
 * admins whose region contains it.
 */

/** An organization as the target of a decision about its people: its own admins or those above it. */
export async function decisionScope(db: Database, orgId: string): Promise<Target> {
  const target = await resolveScope(db, 'organization', orgId);
  if (target.type !== 'organization') return target;
  const superiors = await repo.superiorOrganizations(db, orgId);
  return { ...target, superiors: superiors.map((o) => o.id) };
}

/** Routes deciding about the people of the organization in the path (`:id`). */
export const ORG_DECIDER: Access = {
  kind: 'staff',
  roles: ['org_admin', 'region_admin'],
  target: (req) => decisionScope(req.server.deps.db, (req.params as { id: string }).id),
};

/** Who decides instead, for the refused person: the nearest active parent organization and the region. */
export async function whoDecidesInstead(db: Database, unit: { orgId: string | null; regionCode: string }) {
  const parent = unit.orgId ? (await repo.superiorOrganizations(db, unit.orgId))[0] : undefined;
  const region = await findRegion(db, unit.regionCode);
  return {
    parentOrganization: parent ? { id: parent.id, name: parent.name } : null,
    regionCode: unit.regionCode,
    regionName: region?.name ?? null,
  };
}

/**
 * Refuses, with `code` and who decides instead, when the caller is the volunteer the decision is about
 * (`beneficiaryUserId`: the account linked to that volunteer, null when none is).
 */
export async function refuseSelfDecision(
  ctx: Ctx,
  code: ErrorCode,
  beneficiaryUserId: string | null,
  unit: { orgId: string | null; regionCode: string },
) {
  if (beneficiaryUserId === null || beneficiaryUserId !== actorOf(ctx).userId) return;
  throw new DomainError(code, await whoDecidesInstead(ctx.db, unit));
}

/** For bulk decisions, where the caller's own items are skipped with the code rather than refused. */
export function isSelf(ctx: Ctx, beneficiaryUserId: string | null) {
  return beneficiaryUserId !== null && beneficiaryUserId === actorOf(ctx).userId;
}
