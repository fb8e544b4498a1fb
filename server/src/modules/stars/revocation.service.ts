import { actorOf, type Ctx } from '../../core/ctx.ts';
import { chinaDate } from '../../core/dates.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { schemeFor } from './star-schemes.service.ts';
import * as repo from './stars.repository.ts';
import { refuseSelf } from './standing.ts';

/** Revoking a star: falsified hours also bar re-application for the scheme's period. */

/** Revokes a star (and any above it); falsified hours also bar re-application for the scheme's period. */
export async function revoke(ctx: Ctx, certificationId: string, b: { reason: string; falsified: boolean }) {
  return withTransaction(ctx, async (tx) => {
    const c = await repo.certificationById(tx.db, certificationId);
    if (!c) throw new DomainError('NOT_FOUND');
    refuseSelf(ctx, c.user_id);
    if (c.revoked_at) throw new DomainError('STAR_STATE');
    const now = ctx.clock();
    const revoked = await repo.revokeFrom(tx.db, c.volunteer_id, c.level, {
      revoked_by: actorOf(ctx).userId,
      revoked_at: now,
      revoke_reason: b.reason,
      falsified: b.falsified,
    });
    let until: string | null = null;
    if (b.falsified) {
      const scheme = await schemeFor(tx.db, c.region_code);
      const d = new Date(`${chinaDate(now)}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + scheme.banMonths);
      until = d.toISOString().slice(0, 10);
      if (scheme.banMonths > 0)
        await repo.insertBan(tx.db, {
          volunteer_id: c.volunteer_id,
          certification_id: c.id,
          until,
          reason: b.reason,
          created_by: actorOf(ctx).userId,
        });
    }
    await recordAudit(tx, {
      action: 'stars.revoke',
      result: 'ok',
      objectType: 'star_certification',
      objectId: c.id,
      details: {
        levels: revoked.map((r) => r.level),
        falsified: b.falsified,
        barredUntil: until,
        reason: b.reason,
      },
    });
    return { ok: true as const };
  });
}
