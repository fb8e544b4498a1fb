import type { z } from 'zod';
import type { DissolveBody, DissolvedView } from '@yiqi/shared/contracts/organizations';
import { grantCovers } from '../../http/access.ts';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { reassignIssuer } from '../certificates/certificates.service.ts';
import * as repo from './organizations.repository.ts';
import { lockedIssuerOf } from './succession.ts';
import { withTransaction } from '../../core/tx.ts';

/*
 * Dissolution (注销): a region administrator whose scope covers an approved organization ends it, with a
 * reason and optionally a successor (继任组织). It is final. A dissolved organization takes no members,
 * publishes no activities, accepts no sign-ups and starts no imports (each of those checks the status);
 * its records stay its own ("who organizes records"), and its certificates, open requests and earlier ones
 * alike, move to the unit that now issues for it (succession.ts), in the same transaction.
 */

async function refuse(ctx: Ctx, id: string, regionCode: string, reason: string, code: 'OUT_OF_SCOPE') {
  // Like the authorization layer's own denials, a refused use of someone else's scope is audited.
  await recordAudit(ctx, {
    action: 'organization.dissolve',
    result: 'denied',
    objectType: 'organization',
    objectId: id,
    regionCode,
    details: { reason },
  });
  return new DomainError(code);
}

/** The successor must be live, reachable by the caller, and outside the dissolved organization's tree. */
async function checkSuccessor(ctx: Ctx, id: string, successorId: string) {
  if (successorId === id) throw new DomainError('SUCCESSOR_SELF');
  const s = await repo.findOrganizationDetail(ctx.db, successorId);
  if (!s) throw new DomainError('NOT_FOUND');
  const target = { type: 'organization' as const, id: s.id, regionCode: s.region_code };
  if (!actorOf(ctx).grants.some((g) => g.role === 'region_admin' && grantCovers(g, target)))
    throw await refuse(ctx, id, s.region_code, 'successor_out_of_scope', 'OUT_OF_SCOPE');
  if (s.status !== 'approved') throw new DomainError('SUCCESSOR_NOT_ACTIVE');
  // A sub-team would hand issuing back into the dissolved tree once it, too, walked up to its parent.
  if ((await repo.findSubtree(ctx.db, [id])).some((o) => o.id === successorId))
    throw new DomainError('SUCCESSOR_SUBTEAM');
  return s;
}

/** The route has checked that the caller is a region admin whose scope covers the organization. */
export async function dissolveOrganization(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof DissolveBody>,
): Promise<z.infer<typeof DissolvedView>> {
  const actor = actorOf(ctx);
  const org = await repo.findOrganizationDetail(ctx.db, id);
  if (!org) throw new DomainError('NOT_FOUND');
  if (org.status === 'dissolved') throw new DomainError('ORG_DISSOLVED');
  if (org.status !== 'approved') throw new DomainError('ORG_NOT_APPROVED');
  const reason = input.reason?.trim();
  if (!reason) throw new DomainError('DISSOLVE_REASON_REQUIRED');
  const successor = input.successorId ? await checkSuccessor(ctx, id, input.successorId) : null;

  return withTransaction(ctx, async (tx) => {
    const tctx = tx;
    // Both rows under lock, then checked again: two dissolutions at once (of this one, or of the
    // successor) must not both pass on what they read before.
    const locked = await repo.lockForUpdate(tx.db, successor ? [id, successor.id] : [id]);
    const now = (oid: string) => locked.find((r) => r.id === oid)?.status;
    if (now(id) === 'dissolved') throw new DomainError('ORG_DISSOLVED');
    if (successor && now(successor.id) !== 'approved') throw new DomainError('SUCCESSOR_NOT_ACTIVE');
    if (
      !(await repo.markDissolved(tx.db, id, {
        reason,
        successorId: successor?.id ?? null,
        by: actor.userId,
        at: ctx.clock(),
      }))
    )
      throw new DomainError('ORG_DISSOLVED');
    // With a successor that is it (approved, locked); without, the parent's issuer or the region admins.
    const issuer = await lockedIssuerOf(tx.db, id);
    const moved = await reassignIssuer(tctx, id, issuer?.id ?? null);
    await recordAudit(tctx, {
      action: 'organization.dissolve',
      result: 'ok',
      objectType: 'organization',
      objectId: id,
      regionCode: org.region_code,
      details: {
        reason,
        successorId: successor?.id ?? null,
        issuerOrgId: issuer?.id ?? null,
        movedCertificates: moved.total,
        movedRequests: moved.requested,
      },
    });
    return {
      id,
      status: 'dissolved' as const,
      successorId: successor?.id ?? null,
      issuerOrgId: issuer?.id ?? null,
      issuerOrgName: issuer?.name ?? null,
      movedCertificates: moved.total,
      movedRequests: moved.requested,
    };
  });
}
