import type { ErrorCode } from '@yiqi/shared/errors';
import type { Database } from '../../db/database.ts';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { findRegion } from '../regions/regions.service.ts';
import { superiorOrganizations } from '../access/targets.ts';

/**
 * Nobody decides about themselves: a decision that benefits a volunteer (confirming their record, issuing
 * their certificate, approving their sign-up or membership) is never made by that volunteer's own account,
 * whatever roles it holds. When a team's only admins are the people concerned, the decision goes up: the
 * admins of the organizations above the team (decision targets name them as `superiors`) or the region
 * admins whose region contains it.
 */

/** Who decides instead, for the refused person: the nearest active parent organization and the region. */
export async function whoDecidesInstead(db: Database, unit: { orgId: string | null; regionCode: string }) {
  const parent = unit.orgId ? (await superiorOrganizations(db, unit.orgId))[0] : undefined;
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
